import { queryString } from '../../api/rest-client';
import { apiFetch } from '../../auth/api-fetch';

export interface ClusterPoint {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties:
    | { cluster: true; clusterId: number; count: number; counts: Record<string, number>; expansionZoom: number }
    | ({ cluster: false; id: string; category: string } & Record<string, unknown>);
}

export interface ClustersAnswer {
  layer: string;
  zoom: number;
  total: number;
  truncated: boolean;
  features: ClusterPoint[];
}

export interface MapServerConfig {
  styleUrl: string | null;
  syntheticMax: number;
  clusterLayers: string[];
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await apiFetch(`/api/v1/map${path}`, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(`/api/v1/map${path}: HTTP ${res.status}${problem?.detail ? ` — ${problem.detail}` : ''}`);
  }
  return (await res.json()) as T;
}

export const mapClient = {
  config: (signal?: AbortSignal) => get<MapServerConfig>('/config', signal),
  clusters: (q: { layer: string; bbox: [number, number, number, number]; zoom: number; n?: number }, signal?: AbortSignal) =>
    get<ClustersAnswer>(`/clusters${queryString({ layer: q.layer, bbox: q.bbox.map((x) => x.toFixed(5)).join(','), zoom: q.zoom, n: q.n })}`, signal),
};

/** The viewport clamped to valid degrees (the route refuses anything outside them). */
export function clampBbox([w, s, e, n]: [number, number, number, number]): [number, number, number, number] {
  const lon = (x: number) => Math.max(-180, Math.min(180, x));
  const lat = (x: number) => Math.max(-85, Math.min(85, x));
  return [lon(w), lat(s), Math.max(lon(e), lon(w) + 1e-5), Math.max(lat(n), lat(s) + 1e-5)];
}
