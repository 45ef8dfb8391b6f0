/**
 * Small typed readers for environment variables. Each returns a parser that either yields a
 * value or throws an `EnvError` naming the variable, so a bad value stops the boot with a message
 * an operator can act on.
 */
export class EnvError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'EnvError';
  }
}

export type EnvReader<T> = (name: string, raw: string | undefined) => T;

interface IntOptions {
  default: number;
  min: number;
  max: number;
}

export function int(opts: IntOptions): EnvReader<number> {
  return (name, raw) => {
    if (raw === undefined || raw === '') return opts.default;
    if (!/^-?\d+$/.test(raw.trim())) throw new EnvError(name, `"${raw}" is not an integer`);
    const n = Number(raw);
    if (n < opts.min || n > opts.max) {
      throw new EnvError(name, `${n} is out of range (allowed ${opts.min}–${opts.max})`);
    }
    return n;
  };
}

export function port(defaultPort: number): EnvReader<number> {
  return int({ default: defaultPort, min: 0, max: 65535 });
}

export function url(protocols: string[]): EnvReader<URL | undefined> {
  return (name, raw) => {
    if (raw === undefined || raw === '') return undefined;
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new EnvError(name, `"${redactUrl(raw)}" is not a valid URL (expected e.g. ${protocols[0]}//host:port)`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new EnvError(name, `protocol "${parsed.protocol}" is not supported (use ${protocols.join(' or ')})`);
    }
    if (!parsed.hostname) throw new EnvError(name, `"${redactUrl(raw)}" has no host`);
    return parsed;
  };
}

export function text(defaultValue: string): EnvReader<string> {
  return (_name, raw) => (raw === undefined || raw === '' ? defaultValue : raw);
}

export function oneOf<T extends string>(allowed: readonly T[], defaultValue: T): EnvReader<T> {
  return (name, raw) => {
    if (raw === undefined || raw === '') return defaultValue;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new EnvError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
    }
    return raw as T;
  };
}

/** Comma-separated subset of `allowed`, without duplicates, never empty. */
export function listOf<T extends string>(allowed: readonly T[], defaultValue: readonly T[]): EnvReader<T[]> {
  return (name, raw) => {
    if (raw === undefined || raw.trim() === '') return [...defaultValue];
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    if (items.length === 0) throw new EnvError(name, 'must name at least one value');
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw new EnvError(name, `"${item}" is not one of ${allowed.join(', ')}`);
      }
    }
    return [...new Set(items)] as T[];
  };
}

/** A string matching `re` (`hint` says what is expected); the default when unset. */
export function matching(re: RegExp, hint: string, defaultValue: string): EnvReader<string> {
  return (name, raw) => {
    if (raw === undefined || raw === '') return defaultValue;
    if (!re.test(raw)) throw new EnvError(name, `"${raw}" is not valid (${hint})`);
    return raw;
  };
}

/**
 * A URL that may carry `{{placeholder}}`s (filled per request, e.g. an SMS gateway's
 * `?phone={{to}}`); checked with the placeholders filled in, kept raw. Never echoes a query.
 */
export function urlTemplate(protocols: string[]): EnvReader<string | undefined> {
  const check = url(protocols);
  return (name, raw) => {
    if (raw === undefined || raw === '') return undefined;
    try {
      check(name, raw.replace(/\{\{\w+\}\}/g, 'x'));
    } catch (err) {
      throw new EnvError(name, (err as EnvError).problem.replace(/\?[^"\s]*/, '?…'));
    }
    return raw;
  };
}

/** A regular expression (JavaScript syntax), or undefined when unset. */
export function regex(): EnvReader<RegExp | undefined> {
  return (name, raw) => {
    if (raw === undefined || raw === '') return undefined;
    try {
      return new RegExp(raw);
    } catch (err) {
      throw new EnvError(name, `is not a valid regular expression (${(err as Error).message})`);
    }
  };
}

/** Hide credentials when echoing a URL back in an error or a log. */
export function redactUrl(raw: string): string {
  return raw.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_m, user: string, pass?: string) => `//${user}${pass ? ':***' : ''}@`);
}

/** A size in bytes: `1048576`, `512kb`, `1mb` (k/m = 1024, 1024²). */
export function byteSize(defaultBytes: number, max = 1024 * 1024 * 1024): EnvReader<number> {
  return (name, raw) => {
    if (raw === undefined || raw.trim() === '') return defaultBytes;
    const m = /^(\d+)\s*(b|kb|k|mb|m)?$/i.exec(raw.trim());
    if (!m) throw new EnvError(name, `"${raw}" is not a size (e.g. 1mb, 512kb or a number of bytes)`);
    const unit = (m[2] ?? 'b').toLowerCase();
    const n = Number(m[1]) * (unit.startsWith('m') ? 1024 * 1024 : unit.startsWith('k') ? 1024 : 1);
    if (n < 1024 || n > max) throw new EnvError(name, `${n} bytes is out of range (allowed 1kb–${max / 1024 / 1024}mb)`);
    return n;
  };
}

/** Comma list of web origins (`https://host[:port]`, no path); empty = none. */
export function originList(): EnvReader<string[]> {
  return (name, raw) => {
    if (raw === undefined || raw.trim() === '') return [];
    const out: string[] = [];
    for (const item of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      let parsed: URL;
      try {
        parsed = new URL(item);
      } catch {
        throw new EnvError(name, `"${item}" is not an origin (expected e.g. https://ioc.example.vn)`);
      }
      if (!['http:', 'https:'].includes(parsed.protocol) || (parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash || parsed.username) {
        throw new EnvError(name, `"${item}" is not an origin (scheme://host[:port] only, no path)`);
      }
      if (!out.includes(parsed.origin)) out.push(parsed.origin);
    }
    return out;
  };
}

/** Express `trust proxy`: off, true, a hop count, or a list of addresses / CIDRs / loopback|linklocal|uniquelocal. */
export function trustProxy(): EnvReader<boolean | number | string[]> {
  return (name, raw) => {
    const value = (raw ?? '').trim();
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops > 10) throw new EnvError(name, `${hops} hops is out of range (0–10)`);
      return hops;
    }
    const items = value.split(',').map((s) => s.trim()).filter(Boolean);
    for (const item of items) {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) continue;
      if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item)) throw new EnvError(name, `"${item}" is not an address, a CIDR or loopback/linklocal/uniquelocal`);
    }
    return items;
  };
}
