import type { RegionLevel } from '@ioc/sdk';
import type { RegionCollection, SectorList, SeriesResponse, SourceList } from './types';

/** Relative URLs: the page is served by the API server itself (or the dev proxy). */
const API_ROOT = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${url}: HTTP ${status}${detail ? ` — ${detail}` : ''}`);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `${API_ROOT}${path}`;
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    // problem+json carries a human-readable `detail`; fall back to the status alone.
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    throw new ApiError(url, response.status, problem?.detail ?? problem?.title ?? '');
  }
  return (await response.json()) as T;
}

export const restClient = {
  regions: (level: RegionLevel, signal?: AbortSignal) => getJson<RegionCollection>(`/regions?level=${level}`, signal),
  sectors: (signal?: AbortSignal) => getJson<SectorList>('/sectors', signal),
  sources: (signal?: AbortSignal) => getJson<SourceList>('/sources', signal),
  series: (sourceId: string, metric: string, minutes: number, signal?: AbortSignal) =>
    getJson<SeriesResponse>(
      `/sources/${encodeURIComponent(sourceId)}/series?metric=${encodeURIComponent(metric)}&minutes=${minutes}`,
      signal,
    ),
};
