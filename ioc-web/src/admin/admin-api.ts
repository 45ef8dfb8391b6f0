import { apiFetch } from '../auth/api-fetch';
/** A refused request: the problem+json's detail and its errors by field. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * Field errors of a problem keyed for a form: `sources[0].lat` → `lat` when `strip` is
 * `sources[0].`, `targets[0].value` → `value`; a field seen twice keeps both messages.
 */
export function fieldErrors(errors: ReadonlyArray<{ field: string; problem: string }> | undefined, strip: RegExp | null = null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const key = strip ? e.field.replace(strip, '') : e.field;
    out[key] = out[key] ? `${out[key]}; ${e.problem}` : e.problem;
  }
  return out;
}

/** JSON over /api/v1; a non-2xx answer throws a ProblemError with its fields (prefix stripped). */
export async function api<T>(method: string, path: string, body?: unknown, strip: RegExp | null = null): Promise<T> {
  const res = await apiFetch(`/api/v1${path}`, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as (T & { detail?: string; title?: string; errors?: Array<{ field: string; problem: string }> }) | null;
  if (!res.ok) throw new ProblemError(res.status, data?.detail ?? data?.title ?? `HTTP ${res.status}`, fieldErrors(data?.errors, strip));
  return data as T;
}

/** Who the admin page says made a change (no sign-in yet). */
export const ADMIN_ACTOR = 'quản trị viên';
