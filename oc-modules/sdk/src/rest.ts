/** Response shapes of the REST API (`/api/v1`), shared by the server and the web app. */
import type { RegionLevel } from './region.js';
import type { SectorManifest, SourceDefinition } from './manifest.js';
import type { SourceState } from './live.js';

export interface RegionProperties {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: string;
  nameEn: string | null;
  center: [number, number];
  /** True for the seed's hand-drawn boundaries, which must not be read as legal borders. */
  approximate?: boolean;
}

export type Position = [number, number];
export type RegionGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface RegionFeature {
  type: 'Feature';
  id?: string | number;
  properties: RegionProperties;
  /** Null for a region stored without a boundary yet. */
  geometry: RegionGeometry | null;
}

export interface RegionCollection {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

export interface SectorList {
  items: SectorManifest[];
}

export interface SourceWithState extends SourceDefinition {
  state: SourceState;
  lastSeen: string | null;
}

export interface SourceList {
  items: SourceWithState[];
}

export interface SeriesPoint {
  ts: string;
  avg: number;
  min: number;
  max: number;
}

export interface SeriesResponse {
  sourceId: string;
  metric: string;
  points: SeriesPoint[];
}
