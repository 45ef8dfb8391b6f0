import { Grid, OUTSIDE, labelAt } from './grid.js';

/** A traced region: rings of grid-vertex keys, outer ring (counter-clockwise) first, then holes. */
export interface TracedRegion {
  label: number;
  rings: number[][];
}

/** Key of grid vertex (i, j). */
export const vertexKey = (grid: Grid, i: number, j: number): number => j * (grid.nx + 1) + i;
export const vertexColumn = (grid: Grid, key: number): number => key % (grid.nx + 1);
export const vertexRow = (grid: Grid, key: number): number => Math.floor(key / (grid.nx + 1));

/**
 * Walks the cell edges between different labels into closed rings, keeping each region on the
 * left: outer rings come out counter-clockwise and holes clockwise, as GeoJSON (RFC 7946) wants.
 * Expects cleaned-up labels (one piece per label, no corner-only contacts).
 */
export function traceOutlines(grid: Grid, labels: Int32Array): TracedRegion[] {
  const edgesByLabel = new Map<number, Map<number, number>>();
  const key = (i: number, j: number) => vertexKey(grid, i, j);
  for (let j = 0; j < grid.ny; j++) {
    for (let i = 0; i < grid.nx; i++) {
      const label = labelAt(grid, labels, i, j);
      if (label === OUTSIDE) continue;
      let edges = edgesByLabel.get(label);
      if (!edges) edgesByLabel.set(label, (edges = new Map()));
      if (labelAt(grid, labels, i, j - 1) !== label) edges.set(key(i, j), key(i + 1, j));
      if (labelAt(grid, labels, i + 1, j) !== label) edges.set(key(i + 1, j), key(i + 1, j + 1));
      if (labelAt(grid, labels, i, j + 1) !== label) edges.set(key(i + 1, j + 1), key(i, j + 1));
      if (labelAt(grid, labels, i - 1, j) !== label) edges.set(key(i, j + 1), key(i, j));
    }
  }
  const regions: TracedRegion[] = [];
  for (const [label, edges] of [...edgesByLabel].sort((a, b) => a[0] - b[0])) {
    const rings: number[][] = [];
    while (edges.size > 0) {
      const start = edges.keys().next().value as number;
      const ring: number[] = [];
      let at = start;
      do {
        ring.push(at);
        const next = edges.get(at);
        if (next === undefined) throw new Error(`outline of region ${label} is not closed`);
        edges.delete(at);
        at = next;
      } while (at !== start);
      rings.push(ring);
    }
    const areas = rings.map((r) => signedArea(grid, r));
    const outers = rings.filter((_, k) => areas[k] > 0);
    if (outers.length !== 1) throw new Error(`region ${label} has ${outers.length} outer rings`);
    regions.push({ label, rings: [outers[0], ...rings.filter((_, k) => areas[k] < 0)] });
  }
  return regions;
}

function signedArea(grid: Grid, ring: number[]): number {
  let sum = 0;
  for (let k = 0; k < ring.length; k++) {
    const p = ring[k];
    const q = ring[(k + 1) % ring.length];
    sum += vertexColumn(grid, p) * vertexRow(grid, q) - vertexColumn(grid, q) * vertexRow(grid, p);
  }
  return sum / 2;
}

/**
 * Grid vertices where three or more labels meet (OUTSIDE counts as one). Smoothing keeps these
 * points fixed, so every region bordering there bends through the same point.
 */
export function junctionVertices(grid: Grid, labels: Int32Array): Set<number> {
  const junctions = new Set<number>();
  for (let j = 0; j <= grid.ny; j++) {
    for (let i = 0; i <= grid.nx; i++) {
      const around = new Set([
        labelAt(grid, labels, i - 1, j - 1),
        labelAt(grid, labels, i, j - 1),
        labelAt(grid, labels, i - 1, j),
        labelAt(grid, labels, i, j),
      ]);
      if (around.size >= 3) junctions.add(vertexKey(grid, i, j));
    }
  }
  return junctions;
}
