import type { LoggerService } from '@nestjs/common';
import type { Logger } from '../engine/logging/logger.js';

/** Routes Nest's own messages into the JSON log. */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly out: Logger) {}
  log(message: unknown, context?: string): void {
    this.log_('debug', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.out.error(String(message), { context, trace });
  }
  warn(message: unknown, context?: string): void {
    this.log_('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.log_('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.log_('debug', message, context);
  }
  private log_(level: 'debug' | 'warn', message: unknown, context?: string): void {
    this.out[level](String(message), { context });
  }
}
