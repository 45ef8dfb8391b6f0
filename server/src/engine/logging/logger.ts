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
    this.out(JSON.stringify({ level, time: new Date().toISOString(), component: this.component, msg, ...fields }));
  }
}
