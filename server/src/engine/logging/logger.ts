import type { LogLevel } from '../../config/config.js';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured JSON lines on stdout: one object per line, with level, time, component and message. */
export class Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly component = 'ioc',
    private readonly out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  child(component: string): Logger {
    return new Logger(this.level, component, this.out);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    if (ORDER[level] < ORDER[this.level]) return;
    this.out(JSON.stringify({ level, time: new Date().toISOString(), component: this.component, msg: redactText(msg), ...(fields ? (redact(fields) as Record<string, unknown>) : {}) }));
  }
}

// [security:harden] no secrets in logs
/** Keys whose values never reach the log (password, secret, token, accessToken, authorization, cookie, …). */
export const SECRET_KEY = /^pass$|^pwd$|password|passwd|passphrase|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key/i;
export const REDACTED = '[redacted]';

/** `scheme://user:pass@host` → `scheme://user:***@host` and `Bearer abc` → `Bearer [redacted]`, anywhere in a text. */
export function redactText(text: string): string {
  if (!text.includes('@') && !/bearer|basic/i.test(text)) return text;
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^:@/\s]*):([^@/\s]*)@/gi, (_m, scheme: string, user: string) => `${scheme}${user}:***@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, (_m, kind: string) => `${kind} ${REDACTED}`);
}

/** A copy of `value` with secret-named keys replaced and credentials in texts masked (cycles and depth bounded). */
export function redact(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return redactText(value.stack ?? value.message);
  if (value instanceof URL) return redactText(value.href);
  if (value instanceof Date) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean' && typeof v !== 'number' ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}
