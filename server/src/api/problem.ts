import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';

/** RFC 9457 problem details. `errors` names each bad field. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; problem: string }>;
}

export class ProblemException extends HttpException {
  constructor(problem: Omit<Problem, 'type'> & { type?: string }) {
    super({ type: 'about:blank', ...problem }, problem.status);
  }
}

export function invalidBody(errors: Array<{ field: string; problem: string }>): ProblemException {
  return new ProblemException({
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Invalid request',
    detail: errors.slice(0, 3).map((e) => `${e.field} ${e.problem}`).join('; '),
    errors,
  });
}

/** Every error leaves as application/problem+json; internals are logged, not sent. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly onInternal: (err: unknown) => void) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    let problem: Problem;
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      problem =
        typeof body === 'object' && body !== null && 'title' in body
          ? (body as Problem)
          : { type: 'about:blank', title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error', status, detail: typeof body === 'string' ? body : exception.message };
      // The JSON body parser reports a syntax error as a bare 400; say which part was wrong.
      if (status === 400 && !problem.errors && /JSON|Unexpected|token/i.test(problem.detail ?? '')) {
        problem = { ...problem, title: 'Malformed JSON body', errors: [{ field: 'body', problem: `is not valid JSON (${problem.detail})` }] };
      }
    } else if ((exception as { type?: string })?.type === 'entity.parse.failed') {
      problem = { type: 'about:blank', title: 'Malformed JSON body', status: 400, detail: (exception as Error).message, errors: [{ field: 'body', problem: 'is not valid JSON' }] };
    } else if ((exception as { type?: string })?.type === 'entity.too.large') {
      problem = { type: 'about:blank', title: 'Body too large', status: 413, detail: (exception as Error).message, errors: [{ field: 'body', problem: 'exceeds the size limit' }] };
    } else {
      this.onInternal(exception);
      problem = { type: 'about:blank', title: 'Internal error', status: 500, detail: 'the server failed to handle this request; see its log' };
    }
    problem.instance = req.originalUrl;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
