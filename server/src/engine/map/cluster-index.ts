import Supercluster, { type ClusterProperties } from 'supercluster';

/** One entity on a map layer. */
export interface MapPoint {
  id: string;
  lon: number;
  lat: number;
  /** What colours it: a source's state, an incident's severity, a unit's status, a report's state. */
  category: string;
  /** A few extra fields drawn by the web map (name, unit type…); kept small, sent per point. */
  props?: Record<string, string | number | boolean | null>;
}

type PointProps = { id: string; category: string; props?: MapPoint['props'] };
/**
 * Counts per category, flat (`{ online: 3, offline: 1 }`): supercluster copies a cluster's
 * properties shallowly from one zoom level to the next, so a nested object would be shared and
 * counted twice by \`reduce\`.
 */
type ClusterAgg = Record<string, number>;

export interface ClusterFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { cluster: true; clusterId: number; count: number; counts: Record<string, number>; expansionZoom: number };
}

export interface PointFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { cluster: false; id: string; category: string } & Record<string, unknown>;
}

export type MapFeature = ClusterFeature | PointFeature;

const COUNT_PREFIX = 'n:';

/** Points in pixels of a 512 px tile that merge into one cluster (supercluster's `radius`). */
export const CLUSTER_RADIUS = 60;
/** Above this zoom every point is sent on its own. */
export const CLUSTER_MAX_ZOOM = 16;

/**
 * An immutable cluster index of one layer's points (supercluster: a KD-tree per zoom level).
 * Clusters carry how many of their points are in each category, so a cluster can be coloured by
 * its worst member without the client seeing the members.
 */
export class ClusterIndex {
  private readonly index: Supercluster<PointProps, ClusterAgg>;
  readonly size: number;

  constructor(points: readonly MapPoint[]) {
    this.index = new Supercluster<PointProps, ClusterAgg>({
      radius: CLUSTER_RADIUS,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: (p) => ({ [COUNT_PREFIX + p.category]: 1 }),
      reduce: (acc, p) => {
        for (const [k, v] of Object.entries(p)) if (k.startsWith(COUNT_PREFIX)) acc[k] = (acc[k] ?? 0) + v;
      },
    });
    this.index.load(
      points.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: { id: p.id, category: p.category, ...(p.props ? { props: p.props } : {}) },
      })),
    );
    this.size = points.length;
  }

  /** Clusters and single points inside `bbox` at `zoom`, at most `limit` of them. */
  query(bbox: readonly [number, number, number, number], zoom: number, limit: number): { features: MapFeature[]; truncated: boolean } {
    const raw = this.index.getClusters([bbox[0], bbox[1], bbox[2], bbox[3]], zoom);
    const truncated = raw.length > limit;
    const features: MapFeature[] = [];
    for (const f of truncated ? raw.slice(0, limit) : raw) {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const coordinates: [number, number] = [round6(lon), round6(lat)];
      const p = f.properties as Partial<ClusterProperties> & Partial<PointProps> & Record<string, unknown>;
      if (p.cluster) {
        const counts: Record<string, number> = {};
        for (const [k, v] of Object.entries(p)) if (k.startsWith(COUNT_PREFIX)) counts[k.slice(COUNT_PREFIX.length)] = v as number;
        features.push({
          type: 'Feature',
          geometry: { type: 'Point', coordinates },
          properties: { cluster: true, clusterId: p.cluster_id!, count: p.point_count!, counts, expansionZoom: this.index.getClusterExpansionZoom(p.cluster_id!) },
        });
      } else {
        features.push({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { cluster: false, id: p.id!, category: p.category!, ...p.props } });
      }
    }
    return { features, truncated };
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
