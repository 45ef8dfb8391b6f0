import type { Database } from '../db/database.js';

type Ring = Array<[number, number]>;
interface Area {
  id: string;
  level: 'province' | 'district' | 'commune';
  polygons: Ring[][];
  bbox: [number, number, number, number];
}

const DEPTH = { commune: 0, district: 1, province: 2 } as const;

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Finds the most local region (commune, else district, else province) whose boundary contains a
 * point, from the seeded boundaries. The seed's boundaries are approximate; a point outside every
 * commune but inside its district gets the district.
 */
export class RegionLocator {
  private constructor(private readonly areas: Area[]) {}

  static async load(db: Database): Promise<RegionLocator> {
    const rows = await db.query<{ id: string; level: Area['level']; boundary: { type: string; coordinates: unknown } | null }>(`SELECT id, level, boundary FROM region WHERE boundary IS NOT NULL`);
    const areas: Area[] = [];
    for (const r of rows) {
      const g = r.boundary!;
      const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as Ring[][];
      if (!polygons.length) continue;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const p of polygons) for (const [x, y] of p[0] ?? []) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      areas.push({ id: r.id, level: r.level, polygons, bbox: [x0, y0, x1, y1] });
    }
    areas.sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
    return new RegionLocator(areas);
  }

  locate(lon: number, lat: number): string | undefined {
    for (const a of this.areas) {
      const [x0, y0, x1, y1] = a.bbox;
      if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
      for (const poly of a.polygons) {
        if (poly[0] && inRing(lon, lat, poly[0]) && !poly.slice(1).some((hole) => inRing(lon, lat, hole))) return a.id;
      }
    }
    return undefined;
  }
}

/** Great-circle distance in metres. */
export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const R = 6371_000;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
