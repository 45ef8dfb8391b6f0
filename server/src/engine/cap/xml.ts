/**
 * A small, strict XML reader for the documents we take in (CAP messages): elements, attributes,
 * namespaces, text, CDATA, comments, processing instructions and the predefined and numeric
 * character references. A DOCTYPE is refused, so no entity expansion (XXE, "billion laughs")
 * can happen. Dependency-free on purpose: CAP needs no more, and the stack has no XML parser.
 */

export interface XmlElement {
  /** Local name (without prefix). */
  name: string;
  /** Namespace URI ('' when none). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text and CDATA children joined). */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${message} (line ${line})`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME = /^[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*(?::[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function parseXml(src: string): XmlElement {
  let pos = 0;
  const line = (at = pos) => src.slice(0, at).split('\n').length;
  const fail = (msg: string, at = pos): never => {
    throw new XmlSyntaxError(msg, line(at));
  };

  const decode = (s: string, at: number): string =>
    s.replace(/&([^;&\s]*);?/g, (m, ref: string) => {
      if (!m.endsWith(';')) fail(`"&" must start a character reference such as &amp;`, at);
      if (ref.startsWith('#x') || ref.startsWith('#X')) {
        const n = Number.parseInt(ref.slice(2), 16);
        if (!/^#[xX][0-9a-fA-F]+$/.test(ref) || n > 0x10ffff) fail(`bad character reference &${ref};`, at);
        return String.fromCodePoint(n);
      }
      if (ref.startsWith('#')) {
        const n = Number(ref.slice(1));
        if (!/^#\d+$/.test(ref) || n > 0x10ffff) fail(`bad character reference &${ref};`, at);
        return String.fromCodePoint(n);
      }
      const v = PREDEFINED[ref];
      if (v === undefined) fail(`unknown entity &${ref}; (only the five predefined ones and numeric references are accepted)`, at);
      return v!;
    });

  /** Skips comments, processing instructions and whitespace; refuses a DOCTYPE. */
  const misc = (): void => {
    for (;;) {
      while (pos < src.length && /\s/.test(src[pos]!)) pos++;
      if (src.startsWith('<!--', pos)) {
        const end = src.indexOf('-->', pos + 4);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (src.startsWith('<?', pos)) {
        const end = src.indexOf('?>', pos + 2);
        if (end < 0) fail('unterminated processing instruction');
        pos = end + 2;
      } else if (src.startsWith('<!DOCTYPE', pos) || src.startsWith('<!doctype', pos)) {
        fail('a DOCTYPE is not accepted');
      } else return;
    }
  };

  const element = (scope: Record<string, string>): XmlElement => {
    const start = pos;
    pos++; // <
    const m = NAME.exec(src.slice(pos, pos + 200));
    if (!m) fail('expected an element name after "<"');
    const qname = m![0];
    pos += qname.length;
    const rawAttrs: Array<[string, string]> = [];
    for (;;) {
      const ws = /^\s*/.exec(src.slice(pos, pos + 1000))![0].length;
      pos += ws;
      if (src.startsWith('/>', pos) || src[pos] === '>') break;
      if (!ws) fail(`expected whitespace, ">" or "/>" in <${qname}>`);
      const an = NAME.exec(src.slice(pos, pos + 200));
      if (!an) fail(`bad attribute in <${qname}>`);
      pos += an![0].length;
      const eq = /^\s*=\s*/.exec(src.slice(pos, pos + 100));
      if (!eq) fail(`attribute ${an![0]} of <${qname}> has no value`);
      pos += eq![0].length;
      const q = src[pos];
      if (q !== '"' && q !== "'") fail(`the value of attribute ${an![0]} must be quoted`);
      const end = src.indexOf(q!, pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${an![0]}`);
      const raw = src.slice(pos + 1, end);
      if (raw.includes('<')) fail(`"<" in the value of attribute ${an![0]}`);
      if (rawAttrs.some(([k]) => k === an![0])) fail(`attribute ${an![0]} repeated in <${qname}>`);
      rawAttrs.push([an![0], decode(raw, pos)]);
      pos = end + 1;
    }
    const inner = { ...scope };
    const attrs: Record<string, string> = {};
    for (const [k, v] of rawAttrs) {
      if (k === 'xmlns') inner[''] = v;
      else if (k.startsWith('xmlns:')) inner[k.slice(6)] = v;
      else attrs[k] = v;
    }
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const ns = inner[prefix];
    if (prefix && ns === undefined) fail(`namespace prefix "${prefix}" is not declared`, start);
    const el: XmlElement = { name: colon < 0 ? qname : qname.slice(colon + 1), ns: ns ?? '', attrs, children: [], text: '' };
    if (src.startsWith('/>', pos)) {
      pos += 2;
      return el;
    }
    pos++; // >
    for (;;) {
      if (pos >= src.length) fail(`<${qname}> is not closed`, start);
      if (src.startsWith('</', pos)) {
        const close = /^<\/([^\s>]+)\s*>/.exec(src.slice(pos, pos + 300));
        if (!close || close[1] !== qname) fail(`expected </${qname}>, found ${close ? `</${close[1]}>` : 'a broken end tag'}`);
        pos += close![0].length;
        return el;
      }
      if (src.startsWith('<![CDATA[', pos)) {
        const end = src.indexOf(']]>', pos + 9);
        if (end < 0) fail('unterminated CDATA section');
        el.text += src.slice(pos + 9, end);
        pos = end + 3;
      } else if (src.startsWith('<!--', pos) || src.startsWith('<?', pos)) {
        const close = src.startsWith('<!--', pos) ? '-->' : '?>';
        const end = src.indexOf(close, pos);
        if (end < 0) fail('unterminated comment or processing instruction');
        pos = end + close.length;
      } else if (src[pos] === '<') {
        el.children.push(element(inner));
      } else {
        const next = src.indexOf('<', pos);
        const end = next < 0 ? src.length : next;
        el.text += decode(src.slice(pos, end), pos);
        pos = end;
      }
    }
  };

  if (src.charCodeAt(0) === 0xfeff) pos = 1;
  misc();
  if (src[pos] !== '<') fail('the document does not start with an element');
  const root = element({ xml: 'http://www.w3.org/XML/1998/namespace' });
  misc();
  if (pos < src.length) fail('content after the root element');
  return root;
}

/** The first child element of that name, or undefined. */
export const child = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
