import { setTimeout as sleep } from 'node:timers/promises';
import type { ReportValues } from './report-values.js';

/** A standing submission as `GET /api/v1/reports/:templateId/submissions` lists it (the fields the simulator reads). */
export interface StandingSubmission {
  id: string;
  regionId: string;
  period: string;
  status: 'submitted' | 'returned';
  values: ReportValues;
  late: boolean;
  submittedAt: string;
}

/** Body of `POST /api/v1/reports/:templateId/submissions`. */
export interface SubmitBody {
  regionId: string;
  period: string;
  values: ReportValues;
  submittedBy: string;
  /** When the unit submitted (ISO, never in the future): lets a back-fill keep on-time and late apart. */
  submittedAt: string;
}

export interface ImportProgressBody {
  id: string;
  state: 'queued' | 'parsing' | 'validating' | 'writing' | 'done' | 'rejected' | 'failed';
  totalRows: number;
  accepted: number;
  errors: Array<{ row: number; column: string; field?: string; message: string }>;
}

export interface ApiAnswer<T> {
  status: number;
  ok: boolean;
  body: T | undefined;
  /** Raw text when the body is not JSON, or a problem's detail. */
  text: string;
}

/** The report API could not be reached or answered with a server error. */
export class ReportApiError extends Error {}

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * A small client of `/api/v1/reports`: JSON form submissions, returns, listings and the
 * multipart CSV import. Network errors and transient statuses are retried a few times; other
 * answers (201, 422, 404, ...) go back to the caller as they are.
 */
export class ReportClient {
  private readonly base: string;

  constructor(
    apiUrl: string,
    private readonly token?: string,
    private readonly signal?: AbortSignal,
    private readonly timeoutMs = 60_000,
  ) {
    this.base = `${apiUrl.replace(/\/+$/, '')}/api/v1/reports`;
  }

  private async request<T>(method: string, path: string, body?: unknown, form?: FormData): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let lastProblem = '';
    for (let attempt = 1; attempt <= 4; attempt++) {
      if (this.signal?.aborted) throw new ReportApiError('aborted');
      try {
        const response = await fetch(`${this.base}${path}`, {
          method,
          headers,
          ...(form ? { body: form } : body !== undefined ? { body: JSON.stringify(body) } : {}),
          // A fresh timeout signal per request: thousands of requests sharing one long-lived
          // signal would pile up abort listeners on it. Stopping waits for the requests in flight.
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await response.text();
        if (TRANSIENT.has(response.status) && attempt < 4) {
          lastProblem = `HTTP ${response.status}`;
        } else {
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const detail = (parsed as { detail?: string } | undefined)?.detail;
          return { status: response.status, ok: response.ok, body: parsed as T | undefined, text: detail ?? text.slice(0, 500) };
        }
      } catch (error) {
        if (this.signal?.aborted) throw new ReportApiError('aborted');
        lastProblem = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
      }
      await sleep(250 * 2 ** attempt);
    }
    throw new ReportApiError(`${method} ${this.base}${path}: ${lastProblem}`);
  }

  /** Template ids the server knows (`GET /api/v1/reports`); undefined when the server has no reporting API. */
  async templateIds(): Promise<Set<string> | undefined> {
    const answer = await this.request<{ items: Array<{ id: string }> }>('GET', '');
    if (!answer.ok || !Array.isArray(answer.body?.items)) return undefined;
    return new Set(answer.body.items.map((t) => t.id));
  }

  async submissions(templateId: string, period: string): Promise<StandingSubmission[]> {
    const answer = await this.request<{ items: StandingSubmission[] }>('GET', `/${encodeURIComponent(templateId)}/submissions?period=${encodeURIComponent(period)}`);
    if (!answer.ok) throw new ReportApiError(`GET submissions of ${templateId} ${period}: HTTP ${answer.status} ${answer.text}`);
    return answer.body?.items ?? [];
  }

  submit(templateId: string, body: SubmitBody): Promise<ApiAnswer<StandingSubmission>> {
    return this.request<StandingSubmission>('POST', `/${encodeURIComponent(templateId)}/submissions`, body);
  }

  returnSubmission(id: string, reason: string, returnedBy: string): Promise<ApiAnswer<StandingSubmission>> {
    return this.request<StandingSubmission>('POST', `/submissions/${encodeURIComponent(id)}/return`, { reason, returnedBy });
  }

  /** Uploads a CSV (multipart field `file`) and follows the import until it is done, rejected or failed. */
  async importCsv(templateId: string, fileName: string, csv: string, submittedBy: string, submittedAt?: string, timeoutMs = 120_000): Promise<ApiAnswer<ImportProgressBody>> {
    const form = new FormData();
    form.append('submittedBy', submittedBy);
    // When the district uploaded, for a back-fill (the server may not read it yet; it ignores unknown fields).
    if (submittedAt) form.append('submittedAt', submittedAt);
    form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
    const started = await this.request<ImportProgressBody>('POST', `/${encodeURIComponent(templateId)}/imports`, undefined, form);
    if (started.status !== 202 || !started.body?.id) return started;
    const deadline = Date.now() + timeoutMs;
    let last = started;
    while (Date.now() < deadline) {
      if (last.body && ['done', 'rejected', 'failed'].includes(last.body.state)) return last;
      if (this.signal?.aborted) return last;
      await sleep(300);
      last = await this.request<ImportProgressBody>('GET', `/imports/${encodeURIComponent(started.body.id)}`);
      if (!last.ok) return last;
    }
    return last;
  }
}
