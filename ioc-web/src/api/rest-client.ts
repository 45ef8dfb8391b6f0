import type { KpiPeriod, RegionLevel } from '@ioc/sdk';
import type {
  KpiBreakdownResponse,
  KpiListResponse,
  KpiSeriesResponse,
  RegionCollection,
  ReportStatusResponse,
  SectorList,
  SeriesResponse,
  SourceList,
} from './types';
import { apiFetch } from '../auth/api-fetch';

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

/** `?a=1&b=2` from the defined entries only. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const url = `${API_ROOT}${path}`;
  const response = await apiFetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    // problem+json carries a human-readable `detail`; fall back to the status alone.
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    throw new ApiError(url, response.status, problem?.detail ?? problem?.title ?? '');
  }
  return (await response.json()) as T;
}

const id = encodeURIComponent;

export const restClient = {
  regions: (level: RegionLevel, signal?: AbortSignal) => getJson<RegionCollection>(`/regions?level=${level}`, signal),
  /** Every region of every level (the selector and names of an OC page). */
  allRegions: (signal?: AbortSignal) => getJson<RegionCollection>('/regions', signal),
  sectors: (signal?: AbortSignal) => getJson<SectorList>('/sectors', signal),
  sources: (signal?: AbortSignal) => getJson<SourceList>('/sources', signal),
  series: (sourceId: string, metric: string, minutes: number, signal?: AbortSignal) =>
    getJson<SeriesResponse>(`/sources/${id(sourceId)}/series${queryString({ metric, minutes })}`, signal),
  kpis: (q: { sector?: string; region?: string | null; period?: KpiPeriod }, signal?: AbortSignal) =>
    getJson<KpiListResponse>(`/kpis${queryString(q)}`, signal),
  kpiSeries: (
    kpiId: string,
    q: { region?: string | null; period?: KpiPeriod; resolution?: 'minute' | 'hour' | 'day'; from?: string; to?: string },
    signal?: AbortSignal,
  ) => getJson<KpiSeriesResponse>(`/kpis/${id(kpiId)}/series${queryString(q)}`, signal),
  kpiBreakdown: (
    kpiId: string,
    q: { region?: string | null; period: KpiPeriod; periodKey?: string; level?: 'district' | 'commune' },
    signal?: AbortSignal,
  ) => getJson<KpiBreakdownResponse>(`/kpis/${id(kpiId)}/breakdown${queryString(q)}`, signal),
  reportStatus: (templateId: string, q: { period?: string; regionId?: string | null }, signal?: AbortSignal) =>
    getJson<ReportStatusResponse>(`/reports/${id(templateId)}/status${queryString(q)}`, signal),
  /** Download address of the consolidated report (XLSX or CSV); a link, not a fetch. */
  reportExportUrl: (templateId: string, q: { format: 'xlsx' | 'csv'; period?: string; regionId?: string | null; lang?: string }) =>
    `${API_ROOT}/reports/${id(templateId)}/export${queryString(q)}`,
};
