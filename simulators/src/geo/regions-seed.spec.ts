import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionsSeedFile } from '@ioc/db';
import { DISTRICTS } from './binh-phuoc-units.js';
import { buildRegionCollection } from './build-regions.js';
import { boundingBox, inBox, pointInPolygon, ringSignedArea, type BoundingBox, type Position } from './polygon.js';
import type { RegionFeature } from './region-feature.js';
import { serializeRegionCollection } from './serialize-regions.js';

const text = fs.readFileSync(regionsSeedFile, 'utf8');
const collection = JSON.parse(text) as { type: string; note: string; features: RegionFeature[] };
const features = collection.features;
const byLevel = (level: string) => features.filter((f) => f.properties.level === level);
const byId = new Map(features.map((f) => [f.properties.id, f]));

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const onSegment = (p: Position, q: Position, r: Position) =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, c, b)) || (o2 === 0 && onSegment(a, d, b)) || (o3 === 0 && onSegment(c, a, d)) || (o4 === 0 && onSegment(c, b, d));
}

/** True if any two non-adjacent edges of the closed ring touch or cross. */
function ringSelfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsCross(ring[i] as Position, ring[i + 1] as Position, ring[j] as Position, ring[j + 1] as Position)) return true;
    }
  }
  return false;
}

describe('seed geography binh-phuoc.regions.geojson', () => {
  it('is a FeatureCollection with the demo note, under 2 MB', () => {
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.note).toMatch(/approximate/i);
    expect(collection.note).toMatch(/not survey/i);
    expect(Buffer.byteLength(text)).toBeLessThan(2 * 1024 * 1024);
  });

  it('holds the province, its 11 district-level units and all 111 communes of the pre-2025 structure', () => {
    expect(byLevel('province').map((f) => f.properties.id)).toEqual(['bp']);
    expect(byLevel('district')).toHaveLength(11);
    expect(byLevel('commune')).toHaveLength(111);
    for (const d of DISTRICTS) {
      const district = byLevel('district').find((f) => f.properties.name.endsWith(d.baseName));
      expect(district, d.baseName).toBeDefined();
      expect(features.filter((f) => f.properties.parentId === district?.properties.id)).toHaveLength(d.communes.length);
    }
    expect(byId.get('bp-dong-xoai')?.properties.name).toBe('Thành phố Đồng Xoài');
    expect(byId.get('bp-dong-xoai-tan-phu')?.properties.name).toBe('Phường Tân Phú');
    expect(byId.get('bp-hon-quan-tan-khai')?.properties.name).toBe('Thị trấn Tân Khai');
  });

  it('has unique ascii ids, ascii English names, consistent parents and the approximate flag', () => {
    expect(new Set(features.map((f) => f.properties.id)).size).toBe(features.length);
    for (const { properties: p } of features) {
      expect(p.id).toMatch(/^bp(-[a-z0-9]+)*$/);
      expect(p.nameEn).toMatch(/^[A-Za-z0-9 ]+$/);
      expect(p.approximate).toBe(true);
      const parent = p.parentId === null ? undefined : byId.get(p.parentId);
      if (p.level === 'province') expect(p.parentId).toBeNull();
      if (p.level === 'district') expect(parent?.properties.level).toBe('province');
      if (p.level === 'commune') {
        expect(parent?.properties.level).toBe('district');
        expect(p.id.startsWith(`${p.parentId}-`)).toBe(true);
      }
    }
  });

  it('has valid polygons: closed rings, counter-clockwise outer rings, 4-decimal coordinates, no self-intersection, inside the province box', () => {
    const problems: string[] = [];
    for (const f of features) {
      const id = f.properties.id;
      if (f.geometry.type !== 'Polygon') problems.push(`${id}: ${f.geometry.type}`);
      const [outer, ...holes] = f.geometry.coordinates;
      if (ringSignedArea(outer ?? []) <= 0) problems.push(`${id}: outer ring is not counter-clockwise`);
      if (holes.some((h) => ringSignedArea(h) >= 0)) problems.push(`${id}: a hole is not clockwise`);
      for (const ring of f.geometry.coordinates) {
        if (ring.length < 4 || ring[0]?.[0] !== ring.at(-1)?.[0] || ring[0]?.[1] !== ring.at(-1)?.[1]) problems.push(`${id}: ring not closed`);
        const offending = ring.find(([lon, lat]) => Math.round(lon * 1e4) / 1e4 !== lon || Math.round(lat * 1e4) / 1e4 !== lat || lon < 106.35 || lon > 107.55 || lat < 11.2 || lat > 12.35);
        if (offending) problems.push(`${id}: coordinate ${offending}`);
        if (ringSelfIntersects(ring)) problems.push(`${id}: ring intersects itself`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts every centre inside its own polygon; districts keep the given seats', () => {
    for (const f of features) expect(pointInPolygon(f.properties.center, f.geometry.coordinates), f.properties.id).toBe(true);
    for (const d of DISTRICTS) {
      const district = byLevel('district').find((f) => f.properties.name.endsWith(d.baseName));
      expect(district?.properties.center).toEqual(d.center);
    }
  });

  it('tiles without gaps or overlaps: each point of the province lies in exactly one district and one commune of that district', () => {
    const province = byId.get('bp') as RegionFeature;
    const boxes = new Map(features.map((f) => [f, boundingBox(f.geometry.coordinates)]));
    const holding = (level: string, point: Position) =>
      byLevel(level).filter((f) => inBox(point, boxes.get(f) as BoundingBox) && pointInPolygon(point, f.geometry.coordinates));
    let inside = 0;
    // An irregular step keeps sample points off the generator's 0.002° vertex lattice.
    for (let lon = 106.3513; lon < 107.55; lon += 0.0137) {
      for (let lat = 11.2511; lat < 12.35; lat += 0.0131) {
        const point: Position = [lon, lat];
        const districts = holding('district', point);
        const communes = holding('commune', point);
        if (!pointInPolygon(point, province.geometry.coordinates)) {
          expect(districts.length + communes.length).toBe(0);
          continue;
        }
        inside++;
        expect(districts, `${point}`).toHaveLength(1);
        expect(communes, `${point}`).toHaveLength(1);
        expect(communes[0]?.properties.parentId).toBe(districts[0]?.properties.id);
      }
    }
    expect(inside).toBeGreaterThan(3000);
  });

  it('sizes districts close to their real areas', () => {
    for (const d of DISTRICTS) {
      const district = byLevel('district').find((f) => f.properties.name.endsWith(d.baseName));
      expect(district?.properties.areaKm2, d.baseName).toBeGreaterThan(d.areaKm2 * 0.6);
      expect(district?.properties.areaKm2, d.baseName).toBeLessThan(d.areaKm2 * 1.6);
    }
  });

  it('is exactly what the generator produces (regenerate with generate-regions after changing it)', () => {
    expect(serializeRegionCollection(buildRegionCollection())).toBe(text);
  }, 60_000);
});
