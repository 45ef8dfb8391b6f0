import { ClusterIndex, type MapFeature, type MapPoint } from './cluster-index.js';
import type { Bbox, ClusterLayer } from './cluster-query.js';
import { syntheticPoints } from './synthetic.js';

/** Where a layer's points come from (read from the engine's in-memory state or the database). */
export type PointProvider = () => Promise<MapPoint[]> | MapPoint[];

export interface MapClustersOptions {
  /** A changed layer is rebuilt at most this often (units report positions every few seconds). */
  minRebuildMs?: number;
  /** A layer is rebuilt at least this often even without a change event (source online states drift). */
  maxAgeMs?: number;
  /** Largest synthetic layer; 0 = off. */
  syntheticMax?: number;
  /** Most features one answer carries (a zoom-22 query over the whole province). */
  maxFeatures?: number;
  now?: () => number;
}

export interface ClustersAnswer {
  type: 'FeatureCollection';
  layer: ClusterLayer;
  zoom: number;
  bbox: Bbox;
  /** Points on the whole layer (not only in the bbox). */
  total: number;
  /** When the layer's index was built (ISO). */
  builtAt: string;
  truncated: boolean;
  features: MapFeature[];
}

export class MapClusterError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

interface LayerState {
  index: ClusterIndex | null;
  builtAt: number;
  dirty: boolean;
  building: Promise<ClusterIndex> | null;
}

/**
 * Server-side clustering of the map's many-entity layers. Each layer keeps one immutable
 * supercluster index. Rebuild policy: an index is rebuilt lazily, at the first query after it was
 * marked dirty by a change event (bus: sources registered, incident changed, unit moved, report
 * changed) but not more often than `minRebuildMs`, and in any case once it is older than
 * `maxAgeMs`. One rebuild runs at a time per layer (concurrent queries share it). The synthetic
 * layer never changes: one index per `n`, the latest kept.
 */
export class MapClusterService {
  private readonly layers = new Map<Exclude<ClusterLayer, 'synthetic'>, LayerState>();
  private synthetic: { n: number; index: ClusterIndex; builtAt: number } | null = null;
  private readonly minRebuildMs: number;
  private readonly maxAgeMs: number;
  readonly syntheticMax: number;
  private readonly maxFeatures: number;
  private readonly now: () => number;

  constructor(
    private readonly providers: Record<Exclude<ClusterLayer, 'synthetic'>, PointProvider>,
    options: MapClustersOptions = {},
  ) {
    this.minRebuildMs = options.minRebuildMs ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 15_000;
    this.syntheticMax = options.syntheticMax ?? 0;
    this.maxFeatures = options.maxFeatures ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  /** A change event: the layer's next query (after `minRebuildMs`) rebuilds its index. */
  invalidate(layer: Exclude<ClusterLayer, 'synthetic'>): void {
    const state = this.layers.get(layer);
    if (state) state.dirty = true;
  }

  async clusters(q: { layer: ClusterLayer; bbox: Bbox; zoom: number; n?: number | undefined }): Promise<ClustersAnswer> {
    let index: ClusterIndex;
    let builtAt: number;
    if (q.layer === 'synthetic') {
      if (this.syntheticMax === 0) throw new MapClusterError('layer', 'synthetic is off on this server (MAP_SYNTHETIC_MAX=0)');
      const n = q.n ?? Math.min(10_000, this.syntheticMax);
      if (n < 1 || n > this.syntheticMax) throw new MapClusterError('n', `must be within 1..${this.syntheticMax} (MAP_SYNTHETIC_MAX)`);
      if (this.synthetic?.n !== n) this.synthetic = { n, index: new ClusterIndex(syntheticPoints(n)), builtAt: this.now() };
      ({ index, builtAt } = this.synthetic);
    } else {
      if (q.n !== undefined) throw new MapClusterError('n', 'is only for layer=synthetic');
      ({ index, builtAt } = await this.layerIndex(q.layer));
    }
    const { features, truncated } = index.query(q.bbox, q.zoom, this.maxFeatures);
    return { type: 'FeatureCollection', layer: q.layer, zoom: q.zoom, bbox: q.bbox, total: index.size, builtAt: new Date(builtAt).toISOString(), truncated, features };
  }

  private async layerIndex(layer: Exclude<ClusterLayer, 'synthetic'>): Promise<{ index: ClusterIndex; builtAt: number }> {
    let state = this.layers.get(layer);
    if (!state) {
      state = { index: null, builtAt: 0, dirty: true, building: null };
      this.layers.set(layer, state);
    }
    const age = this.now() - state.builtAt;
    const stale = !state.index || age >= this.maxAgeMs || (state.dirty && age >= this.minRebuildMs);
    if (stale && !state.building) {
      const s = state;
      s.dirty = false;
      s.building = Promise.resolve(this.providers[layer]())
        .then((points) => {
          s.index = new ClusterIndex(points);
          s.builtAt = this.now();
          return s.index;
        })
        .finally(() => {
          s.building = null;
        });
    }
    // A rebuild of a small layer takes milliseconds: answer from the fresh index, not the old one.
    if (state.building) await state.building;
    return { index: state.index!, builtAt: state.builtAt };
  }
}
