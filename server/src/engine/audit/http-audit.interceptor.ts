import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import type { AuditSink } from '../auth/audit-sink.js';
import { ANONYMOUS, type Principal } from '../auth/principal.js';
import type { Logger } from '../logging/logger.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Records every state-changing request on /api/ once it completes — failed ones too, with their
 * status — as `http.<METHOD>` on the path (no query string). Never the body (it may hold
 * passwords). /api/v1/auth/* is left to the accounts engine, which audits logins itself.
 * The entry is queued; the response does not wait for the database.
 */
const WATCHED = Symbol('ioc.audit.watched');

/** Arranges for one audit entry when the response of a state-changing /api/ request ends. */
export function auditRequest(audit: AuditSink, req: Request, res: Response, log?: Logger): void {
  const r = req as unknown as Record<symbol, boolean>;
  if (r[WATCHED]) return;
  const path = (req.originalUrl ?? req.url).split('?')[0]!;
  if (READS.has(req.method) || !path.startsWith('/api/') || path.startsWith('/api/v1/auth/') || path === '/api/v1/auth') return;
  r[WATCHED] = true;
  const t0 = performance.now();
  let done = false;
  const write = (status: number, error?: string) => {
    if (done) return;
    done = true;
    const principal: Principal = (req as unknown as { principal?: Principal }).principal ?? ANONYMOUS;
    const route = (req as unknown as { route?: { path?: string } }).route?.path;
    void audit
      .record({
        actor: principal,
        action: `http.${req.method}`,
        target: path,
        detail: { status, route: route ? `${req.baseUrl ?? ''}${route}` : null, ip: req.ip ?? req.socket?.remoteAddress ?? null, durationMs: Math.round(performance.now() - t0), outcome: status < 400 ? 'ok' : 'failed', ...(error ? { error } : {}) },
      })
      .catch((err: Error) => log?.error('audit of a request failed', { error: err.message, method: req.method, path }));
  };
  // The final status is known when the response is sent (the exception filter sets it for errors).
  res.once('finish', () => write(res.statusCode));
  res.once('close', () => write(res.writableFinished ? res.statusCode : 499, res.writableFinished ? undefined : 'client closed the connection'));
}

/**
 * The same as an Express middleware (`app.use(httpAuditMiddleware(trail))`): it also sees the
 * requests the access guard refuses (401/403), which never reach an interceptor. Using both is
 * safe: a request is recorded once.
 */
export function httpAuditMiddleware(audit: AuditSink, log?: Logger): (req: Request, res: Response, next: () => void) => void {
  return (req, res, next) => {
    auditRequest(audit, req, res, log);
    next();
  };
}

@Injectable()
export class HttpAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditSink,
    private readonly log?: Logger,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') auditRequest(this.audit, context.switchToHttp().getRequest<Request>(), context.switchToHttp().getResponse<Response>(), this.log);
    return next.handle();
  }
}
