import { describe, expect, it } from 'vitest';
import { ClusterIndex } from './cluster-index.js';
import { clustersQuery } from './cluster-query.js';
import { MapClusterError, MapClusterService } from './map-clusters.service.js';
import { PROVINCE_BBOX, syntheticPoints } from './synthetic.js';

const ok = (q: Record<string, string>) => clustersQuery.safeParse(q);
const problem = (q: Record<string, string>) => {
  const r = clustersQuery.safeParse(q);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' | ');
};

describe('cluster query', () => {
  it('parses bbox, zoom and layer', () => {
    const r = ok({ layer: 'sources', bbox: '106.4, 11.3,107.4,12.3', zoom: '9' });
    expect(r.success && r.data).toEqual({ layer: 'sources', bbox: [106.4, 11.3, 107.4, 12.3], zoom: 9 });
    expect(ok({ layer: 'synthetic', bbox: '-180,-90,180,90', zoom: '0', n: '100000' }).data).toMatchObject({ zoom: 0, n: 100000 });
  });
  it('names the bad field', () => {
    expect(problem({ layer: 'sources', bbox: '106.4,11.3,107.4', zoom: '9' })).toMatch(/^bbox: must be four numbers/);
    expect(problem({ layer: 'sources', bbox: '106.4,11.3,abc,12', zoom: '9' })).toMatch(/^bbox: must be four numbers/);
    expect(problem({ layer: 'sources', bbox: '181,11.3,182,12', zoom: '9' })).toMatch(/^bbox: longitudes must be within/);
    expect(problem({ layer: 'sources', bbox: '106,-91,107,12', zoom: '9' })).toMatch(/^bbox: latitudes must be within/);
    expect(problem({ layer: 'sources', bbox: '107,11,106,12', zoom: '9' })).toMatch(/^bbox: west must be less than east/);
    expect(problem({ layer: 'sources', bbox: '106,12,107,11', zoom: '9' })).toMatch(/^bbox: south must be less than north/);
    expect(problem({ layer: 'sources', bbox: '106,11,107,12', zoom: '9.5' })).toMatch(/^zoom: must be an integer 0\.\.22/);
    expect(problem({ layer: 'sources', bbox: '106,11,107,12', zoom: '23' })).toMatch(/^zoom: must be an integer 0\.\.22/);
    expect(problem({ layer: 'sources', bbox: '106,11,107,12', zoom: '-1' })).toMatch(/^zoom: must be an integer 0\.\.22/);
    expect(problem({ layer: 'roads', bbox: '106,11,107,12', zoom: '3' })).toMatch(/^layer: /);
    expect(problem({ layer: 'sources', bbox: '106,11,107,12', zoom: '3', extra: '1' })).toMatch(/extra/);
  });
});

describe('synthetic points', () => {
  it('are deterministic and inside the province box', () => {
    const a = syntheticPoints(5000);
    const b = syntheticPoints(5000);
    expect(a).toEqual(b);
    const [w, s, e, n] = PROVINCE_BBOX;
    expect(a.every((p) => p.lon >= w && p.lon <= e && p.lat >= s && p.lat <= n)).toBe(true);
    expect(new Set(a.map((p) => p.id)).size).toBe(5000);
  });
});

describe('cluster index', () => {
  it('clusters 100,000 points: counts add up at every zoom, single points once zoomed in', () => {
    const points = syntheticPoints(100_000);
    const index = new ClusterIndex(points);
    for (const zoom of [0, 6, 9, 12]) {
      const { features, truncated } = index.query(PROVINCE_BBOX, zoom, 1_000_000);
      expect(truncated).toBe(false);
      const total = features.reduce((sum, f) => sum + (f.properties.cluster ? f.properties.count : 1), 0);
      expect(total, `zoom ${zoom}`).toBe(100_000);
      for (const f of features) if (f.properties.cluster) expect(Object.values(f.properties.counts).reduce((a, b) => a + b, 0)).toBe(f.properties.count);
    }
    expect(index.query(PROVINCE_BBOX, 6, 1e6).features.length).toBeLessThan(200);
    // Zoomed far in, a small box holds single points only.
    const p = points[0]!;
    const near = index.query([p.lon - 0.0005, p.lat - 0.0005, p.lon + 0.0005, p.lat + 0.0005], 20, 1e6).features;
    expect(near.some((f) => !f.properties.cluster && f.properties.id === p.id)).toBe(true);
    expect(near.every((f) => !f.properties.cluster)).toBe(true);
    expect(index.query(PROVINCE_BBOX, 22, 10).truncated).toBe(true);
  });
});

describe('map cluster service', () => {
  it('rebuilds a layer after a change event, at most once per minRebuildMs, and at least every maxAgeMs', async () => {
    let now = 0;
    let builds = 0;
    let incidents = [{ id: 'i1', lon: 106.9, lat: 11.8, category: 'major' }];
    const none = () => [];
    const svc = new MapClusterService(
      { sources: none, cameras: none, units: none, feedback: none, incidents: () => (builds++, incidents) },
      { minRebuildMs: 1000, maxAgeMs: 15_000, now: () => now },
    );
    const q = { layer: 'incidents' as const, bbox: PROVINCE_BBOX as unknown as [number, number, number, number], zoom: 10 };
    expect((await svc.clusters(q)).total).toBe(1);
    incidents = [...incidents, { id: 'i2', lon: 107, lat: 11.9, category: 'critical' }];
    now = 500;
    svc.invalidate('incidents');
    expect((await svc.clusters(q)).total).toBe(1); // too soon after the last build
    now = 1200;
    expect((await svc.clusters(q)).total).toBe(2);
    expect(builds).toBe(2);
    now = 5000;
    await svc.clusters(q);
    expect(builds).toBe(2); // nothing changed
    now = 16_300;
    await svc.clusters(q);
    expect(builds).toBe(3); // too old
  });
  it('serves the synthetic layer only when enabled and within its cap', async () => {
    const none = () => [];
    const providers = { sources: none, cameras: none, units: none, feedback: none, incidents: none };
    const bbox = PROVINCE_BBOX as unknown as [number, number, number, number];
    await expect(new MapClusterService(providers).clusters({ layer: 'synthetic', bbox, zoom: 8, n: 10 })).rejects.toMatchObject({ field: 'layer' });
    const svc = new MapClusterService(providers, { syntheticMax: 1000 });
    await expect(svc.clusters({ layer: 'synthetic', bbox, zoom: 8, n: 1001 })).rejects.toBeInstanceOf(MapClusterError);
    await expect(svc.clusters({ layer: 'sources', bbox, zoom: 8, n: 10 })).rejects.toMatchObject({ field: 'n' });
    expect((await svc.clusters({ layer: 'synthetic', bbox, zoom: 8, n: 1000 })).total).toBe(1000);
  });
});
