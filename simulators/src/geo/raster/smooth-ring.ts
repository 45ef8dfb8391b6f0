import type { Position } from '../polygon.js';
import type { Grid } from './grid.js';
import { vertexColumn, vertexRow } from './trace-outlines.js';

/**
 * Turns a staircase ring of grid vertices into a smoother lon/lat ring by cutting every corner
 * at the midpoints of its two edges, except at junctions, which stay put. The rule looks only at
 * one edge and its end vertex, so two regions sharing a border produce the identical line and
 * the tiling stays gap-free; each cut stays within half a cell of its corner, so rings cannot
 * start crossing. Runs of collinear points are then dropped (junctions kept).
 */
export function smoothRing(grid: Grid, ring: readonly number[], junctions: ReadonlySet<number>): Position[] {
  // Work in doubled grid units so midpoints stay integers and collinearity tests are exact.
  const points: Array<{ x: number; y: number; fixed: boolean }> = [];
  for (let k = 0; k < ring.length; k++) {
    const v = ring[k];
    const w = ring[(k + 1) % ring.length];
    const [vx, vy, wx, wy] = [vertexColumn(grid, v), vertexRow(grid, v), vertexColumn(grid, w), vertexRow(grid, w)];
    if (junctions.has(v)) points.push({ x: 2 * vx, y: 2 * vy, fixed: true });
    points.push({ x: vx + wx, y: vy + wy, fixed: false });
  }
  const kept = dropCollinear(points);
  const toLonLat = (p: { x: number; y: number }): Position => [round4(grid.x0 + (p.x / 2) * grid.cell), round4(grid.y0 + (p.y / 2) * grid.cell)];
  const out = kept.map(toLonLat);
  out.push(out[0]);
  return out;
}

function dropCollinear<T extends { x: number; y: number; fixed: boolean }>(input: T[]): T[] {
  let points = input;
  let removed = true;
  while (removed && points.length > 3) {
    removed = false;
    const next: T[] = [];
    for (let k = 0; k < points.length; k++) {
      const p = points[k] as T;
      const prev = next.length > 0 ? (next[next.length - 1] as T) : (points[points.length - 1] as T);
      const after = points[(k + 1) % points.length] as T;
      const cross = (p.x - prev.x) * (after.y - p.y) - (p.y - prev.y) * (after.x - p.x);
      const dot = (p.x - prev.x) * (after.x - p.x) + (p.y - prev.y) * (after.y - p.y);
      if (!p.fixed && cross === 0 && dot > 0) removed = true;
      else next.push(p);
    }
    points = next;
  }
  return points;
}

export const round4 = (value: number): number => Math.round(value * 1e4) / 1e4;
