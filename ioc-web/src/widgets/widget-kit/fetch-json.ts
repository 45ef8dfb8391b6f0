import { ApiError } from '../../api/rest-client';
import { apiFetch } from '../../auth/api-fetch';

/** GET `/api/v1{path}` as JSON (problem+json detail in the error), for widgets needing a route rest-client has not. */
export async function fetchApi<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `/api/v1${path}`;
  const response = await apiFetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    throw new ApiError(url, response.status, problem?.detail ?? problem?.title ?? '');
  }
  return (await response.json()) as T;
}
