import { describe, expect, it } from 'vitest';
import { pointInPolygon, ringSignedArea, type Position } from '../polygon.js';
import { cleanupLayer } from './cleanup-layer.js';
import { Grid, OUTSIDE } from './grid.js';
import { smoothRing } from './smooth-ring.js';
import { junctionVertices, traceOutlines } from './trace-outlines.js';

/** Grid from rows of characters, top row first: '.' outside, digits are labels. */
function gridOf(rows: string[]): { grid: Grid; labels: Int32Array } {
  const grid = new Grid(0, 0, 1, rows[0]?.length ?? 0, rows.length);
  const labels = new Int32Array(grid.size).fill(OUTSIDE);
  rows.forEach((row, r) => [...row].forEach((ch, i) => (labels[grid.index(i, rows.length - 1 - r)] = ch === '.' ? OUTSIDE : Number(ch))));
  return { grid, labels };
}

const polygons = (grid: Grid, labels: Int32Array) => {
  const junctions = junctionVertices(grid, labels);
  return new Map(traceOutlines(grid, labels).map((r) => [r.label, r.rings.map((ring) => smoothRing(grid, ring, junctions))]));
};

describe('tracing and smoothing cell regions', () => {
  it('gives an enclosed region a hole in its surrounding region, oriented per RFC 7946', () => {
    const { grid, labels } = gridOf(['.....', '.000.', '.010.', '.000.', '.....']);
    const rings = polygons(grid, labels);
    expect(rings.get(0)).toHaveLength(2);
    expect(ringSignedArea(rings.get(0)?.[0] as Position[])).toBeGreaterThan(0);
    expect(ringSignedArea(rings.get(0)?.[1] as Position[])).toBeLessThan(0);
    // The hole is the enclosed region's outline, walked the other way.
    expect([...(rings.get(0)?.[1] as Position[])].reverse().sort()).toEqual([...(rings.get(1)?.[0] as Position[])].sort());
    expect(pointInPolygon([2.5, 2.5], rings.get(1) as Position[][])).toBe(true);
    expect(pointInPolygon([2.5, 2.5], rings.get(0) as Position[][])).toBe(false);
  });

  it('cuts corners identically on both sides of a shared border, keeping junctions', () => {
    const { grid, labels } = gridOf(['......', '.0011.', '.0111.', '.0221.', '......']);
    const junctions = junctionVertices(grid, labels);
    const rings = polygons(grid, labels);
    const area = (label: number) => Math.abs(ringSignedArea(rings.get(label)?.[0] as Position[]));
    const union = labels.map((l) => (l === OUTSIDE ? OUTSIDE : 0));
    const unionRing = smoothRing(grid, traceOutlines(grid, union)[0]?.rings[0] as number[], junctions);
    // Cuts move area between neighbours but never lose or duplicate any.
    expect(area(0) + area(1) + area(2)).toBeCloseTo(ringSignedArea(unionRing), 10);
    for (let x = 1.05; x < 5; x += 0.1) {
      for (let y = 1.05; y < 4; y += 0.1) {
        const owners = [0, 1, 2].filter((l) => pointInPolygon([x, y], rings.get(l) as Position[][]));
        expect(owners, `${x},${y}`).toHaveLength(pointInPolygon([x, y], [unionRing]) ? 1 : 0);
      }
    }
  });

  it('cleanup joins stray pieces to a neighbour and removes corner-only contacts', () => {
    // Both labels come in two pieces, and label 1 touches itself only at a corner.
    const { grid, labels } = gridOf(['......', '.0011.', '.0101.', '.1100.', '......']);
    expect(() => traceOutlines(grid, labels)).toThrow();
    cleanupLayer(grid, { labels, locked: new Uint8Array(grid.size), parentOf: () => 0 });
    const regions = traceOutlines(grid, labels);
    const cells = (label: number) => labels.filter((l) => l === label).length;
    expect(regions.reduce((sum, r) => sum + cells(r.label), 0)).toBe(12);
    for (const region of regions) expect(ringSignedArea(smoothRing(grid, region.rings[0] as number[], junctionVertices(grid, labels)))).toBeGreaterThan(0);
  });
});
