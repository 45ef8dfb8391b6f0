import type { WallCommand, WallLayoutSpec, WallState, WallSummary } from '@ioc/sdk';
import { ApiError } from './rest-client';
import { apiFetch } from '../auth/api-fetch';

const ROOT = '/api/v1/walls';

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await apiFetch(url, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    throw new ApiError(url, response.status, problem?.detail ?? problem?.title ?? '');
  }
  return (await response.json()) as T;
}

/** The walls REST API (`/api/v1/walls`): layouts, live state and the operator console's commands. */
export const wallsClient = {
  list: (signal?: AbortSignal) => call<{ items: WallSummary[] }>(ROOT, { signal }),
  get: (id: string, signal?: AbortSignal) => call<WallState>(`${ROOT}/${encodeURIComponent(id)}`, { signal }),
  save: (id: string, layout: WallLayoutSpec, actor: string) => call<WallState>(`${ROOT}/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify({ layout, actor }) }),
  reset: (id: string, actor: string) => call<WallState>(`${ROOT}/${encodeURIComponent(id)}/layout`, { method: 'DELETE', body: JSON.stringify({ actor }) }),
  command: (id: string, command: WallCommand, actor: string) => call<WallState>(`${ROOT}/${encodeURIComponent(id)}/commands`, { method: 'POST', body: JSON.stringify({ command, actor }) }),
};
