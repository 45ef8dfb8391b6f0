/**
 * Formulas of derived KPIs: a small expression language (see DerivedKpi in @ioc/sdk), parsed
 * once at boot and evaluated per region and period. No `eval`, no host access.
 *
 *   expr   := or
 *   or     := and ('or' and)*            and := not ('and' not)*        not := 'not' not | cmp
 *   cmp    := add (('<'|'<='|'>'|'>='|'=='|'!=') add)?
 *   add    := mul (('+'|'-') mul)*        mul := unary (('*'|'/') unary)*
 *   unary  := '-' unary | pow             pow := atom ('^' unary)?
 *   atom   := number | ident | ident '(' args ')' | '(' expr ')'
 */

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position + 1}`);
    this.name = 'FormulaError';
  }
}

export type FormulaAst =
  | { t: 'num'; v: number }
  | { t: 'id'; name: string; pos: number }
  | { t: 'neg'; a: FormulaAst }
  | { t: 'not'; a: FormulaAst }
  | { t: 'bin'; op: BinaryOp; a: FormulaAst; b: FormulaAst }
  | { t: 'call'; fn: FunctionName; args: FormulaAst[]; pos: number };

type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';

const FUNCTIONS = {
  min: [1, Infinity],
  max: [1, Infinity],
  abs: [1, 1],
  round: [1, 2],
  clamp: [3, 3],
  if: [3, 3],
  coalesce: [1, Infinity],
} as const;
type FunctionName = keyof typeof FUNCTIONS;

interface Token {
  k: 'num' | 'id' | 'op' | 'end';
  v: string;
  pos: number;
}

const IDENT = /[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/iy;
const OPS = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '(', ')', ',', '<', '>'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[\d.]/.test(c) ? NUMBER.exec(src) : null;
    if (num) {
      out.push({ k: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(src);
    if (id) {
      out.push({ k: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new FormulaError(`unexpected character "${c}"`, i);
    out.push({ k: 'op', v: op, pos: i });
    i += op.length;
  }
  out.push({ k: 'end', v: '', pos: src.length });
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.i];
  }
  private next(): Token {
    return this.toks[this.i++];
  }
  private accept(k: Token['k'], v?: string): Token | undefined {
    const t = this.peek();
    if (t.k === k && (v === undefined || t.v === v)) {
      this.i++;
      return t;
    }
    return undefined;
  }
  private expect(k: Token['k'], v: string): Token {
    const t = this.accept(k, v);
    if (!t) throw new FormulaError(`expected "${v}"`, this.peek().pos);
    return t;
  }

  parse(): FormulaAst {
    const e = this.or();
    const t = this.peek();
    if (t.k !== 'end') throw new FormulaError(`unexpected "${t.v}"`, t.pos);
    return e;
  }
  private or(): FormulaAst {
    let a = this.and();
    while (this.accept('id', 'or')) a = { t: 'bin', op: 'or', a, b: this.and() };
    return a;
  }
  private and(): FormulaAst {
    let a = this.not();
    while (this.accept('id', 'and')) a = { t: 'bin', op: 'and', a, b: this.not() };
    return a;
  }
  private not(): FormulaAst {
    if (this.accept('id', 'not')) return { t: 'not', a: this.not() };
    return this.cmp();
  }
  private cmp(): FormulaAst {
    const a = this.add();
    const t = this.peek();
    if (t.k === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.v)) {
      this.i++;
      return { t: 'bin', op: t.v as BinaryOp, a, b: this.add() };
    }
    return a;
  }
  private add(): FormulaAst {
    let a = this.mul();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '+' || t.v === '-')) {
        this.i++;
        a = { t: 'bin', op: t.v, a, b: this.mul() };
      } else return a;
    }
  }
  private mul(): FormulaAst {
    let a = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '*' || t.v === '/')) {
        this.i++;
        a = { t: 'bin', op: t.v, a, b: this.unary() };
      } else return a;
    }
  }
  private unary(): FormulaAst {
    if (this.accept('op', '-')) return { t: 'neg', a: this.unary() };
    if (this.accept('op', '+')) return this.unary();
    return this.pow();
  }
  private pow(): FormulaAst {
    const a = this.atom();
    if (this.accept('op', '^')) return { t: 'bin', op: '^', a, b: this.unary() };
    return a;
  }
  private atom(): FormulaAst {
    const t = this.next();
    if (t.k === 'num') {
      const v = Number(t.v);
      if (!Number.isFinite(v)) throw new FormulaError(`number "${t.v}" is not finite`, t.pos);
      return { t: 'num', v };
    }
    if (t.k === 'op' && t.v === '(') {
      const e = this.or();
      this.expect('op', ')');
      return e;
    }
    if (t.k === 'id') {
      if (['and', 'or', 'not'].includes(t.v)) throw new FormulaError(`unexpected "${t.v}"`, t.pos);
      if (this.accept('op', '(')) {
        if (!Object.hasOwn(FUNCTIONS, t.v)) throw new FormulaError(`unknown function "${t.v}" (known: ${Object.keys(FUNCTIONS).join(', ')})`, t.pos);
        const fn = t.v as FunctionName;
        const args: FormulaAst[] = [];
        if (!this.accept('op', ')')) {
          do args.push(this.or());
          while (this.accept('op', ','));
          this.expect('op', ')');
        }
        const [lo, hi] = FUNCTIONS[fn];
        if (args.length < lo || args.length > hi) throw new FormulaError(`${fn}() takes ${lo === hi ? lo : `${lo}${hi === Infinity ? ' or more' : `–${hi}`}`} arguments, got ${args.length}`, t.pos);
        return { t: 'call', fn, args, pos: t.pos };
      }
      return { t: 'id', name: t.v, pos: t.pos };
    }
    throw new FormulaError(t.k === 'end' ? 'formula ends too early' : `unexpected "${t.v}"`, t.pos);
  }
}

export function parseFormula(src: string): FormulaAst {
  if (typeof src !== 'string' || !src.trim()) throw new FormulaError('formula is empty', 0);
  return new Parser(tokenize(src)).parse();
}

/** Every identifier the formula reads, in order of first use. */
export function formulaIdentifiers(ast: FormulaAst): string[] {
  const seen = new Set<string>();
  const walk = (n: FormulaAst): void => {
    switch (n.t) {
      case 'id':
        seen.add(n.name);
        break;
      case 'neg':
      case 'not':
        walk(n.a);
        break;
      case 'bin':
        walk(n.a);
        walk(n.b);
        break;
      case 'call':
        n.args.forEach(walk);
        break;
    }
  };
  walk(ast);
  return [...seen];
}

/**
 * Evaluates with `lookup` giving each identifier's value (null when missing). Missing or
 * non-finite inputs propagate as null, except through coalesce(); division by zero gives null.
 */
export function evaluateFormula(ast: FormulaAst, lookup: (name: string) => number | null | undefined): number | null {
  const ev = (n: FormulaAst): number | null => {
    switch (n.t) {
      case 'num':
        return n.v;
      case 'id': {
        const v = lookup(n.name);
        return v === undefined || v === null || !Number.isFinite(v) ? null : v;
      }
      case 'neg': {
        const a = ev(n.a);
        return a === null ? null : -a;
      }
      case 'not': {
        const a = ev(n.a);
        return a === null ? null : a ? 0 : 1;
      }
      case 'bin': {
        const a = ev(n.a);
        const b = ev(n.b);
        if (a === null || b === null) return null;
        let r: number;
        switch (n.op) {
          case '+': r = a + b; break;
          case '-': r = a - b; break;
          case '*': r = a * b; break;
          case '/': if (b === 0) return null; r = a / b; break;
          case '^': r = a ** b; break;
          case '<': r = +(a < b); break;
          case '<=': r = +(a <= b); break;
          case '>': r = +(a > b); break;
          case '>=': r = +(a >= b); break;
          case '==': r = +(a === b); break;
          case '!=': r = +(a !== b); break;
          case 'and': r = +(a !== 0 && b !== 0); break;
          case 'or': r = +(a !== 0 || b !== 0); break;
        }
        return Number.isFinite(r) ? r : null;
      }
      case 'call': {
        if (n.fn === 'coalesce') {
          for (const arg of n.args) {
            const v = ev(arg);
            if (v !== null) return v;
          }
          return null;
        }
        if (n.fn === 'if') {
          const c = ev(n.args[0]);
          if (c === null) return null;
          return ev(c !== 0 ? n.args[1] : n.args[2]);
        }
        const args = n.args.map(ev);
        if (args.some((v) => v === null)) return null;
        const xs = args as number[];
        switch (n.fn) {
          case 'min': return Math.min(...xs);
          case 'max': return Math.max(...xs);
          case 'abs': return Math.abs(xs[0]);
          case 'round': {
            const f = 10 ** (xs[1] ?? 0);
            return Math.round(xs[0] * f) / f;
          }
          case 'clamp': return Math.min(Math.max(xs[0], xs[1]), xs[2]);
        }
      }
    }
    return null;
  };
  return ev(ast);
}
