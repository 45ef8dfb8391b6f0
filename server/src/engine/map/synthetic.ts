import type { MapPoint } from './cluster-index.js';

/** Bounding box of Bình Phước province (lon/lat), where synthetic points are scattered. */
export const PROVINCE_BBOX: readonly [number, number, number, number] = [106.42, 11.35, 107.45, 12.3];

/** Categories of synthetic points, cycling so a cluster's breakdown has something to show. */
export const SYNTHETIC_CATEGORIES = ['a', 'b', 'c', 'd'] as const;

/** mulberry32: tiny, fast, and the same sequence on every machine for the same seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` points inside the province box, deterministic (same n → same points), for load measurements.
 * Half of them gather around a few "towns" so clusters differ in size like real entities do.
 */
export function syntheticPoints(n: number, bbox: readonly [number, number, number, number] = PROVINCE_BBOX): MapPoint[] {
  const rand = mulberry32(0x10c5 + n);
  const [w, s, e, north] = bbox;
  const towns = Array.from({ length: 12 }, () => [w + (e - w) * (0.1 + 0.8 * rand()), s + (north - s) * (0.1 + 0.8 * rand())] as const);
  const points: MapPoint[] = new Array(n);
  for (let i = 0; i < n; i += 1) {
    let lon: number;
    let lat: number;
    if (i % 2 === 0) {
      lon = w + (e - w) * rand();
      lat = s + (north - s) * rand();
    } else {
      const town = towns[i % towns.length]!;
      // Sum of two uniforms: a soft peak around the town, clamped to the box.
      lon = Math.min(e, Math.max(w, town[0] + (rand() + rand() - 1) * 0.08));
      lat = Math.min(north, Math.max(s, town[1] + (rand() + rand() - 1) * 0.08));
    }
    points[i] = { id: `syn-${i}`, lon, lat, category: SYNTHETIC_CATEGORIES[i % SYNTHETIC_CATEGORIES.length]! };
  }
  return points;
}
