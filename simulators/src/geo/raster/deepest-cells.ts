import { Grid, OUTSIDE } from './grid.js';

/**
 * For each label, the cell farthest from the label's border (ties: nearest the centroid). Its
 * centre is a label point guaranteed to lie well inside the region, unlike a centroid, which
 * can fall outside a curved region.
 */
export function deepestCells(grid: Grid, labels: Int32Array): Map<number, number> {
  const depth = new Int32Array(grid.size).fill(-1);
  const queue: number[] = [];
  for (let c = 0; c < grid.size; c++) {
    const label = labels[c];
    if (label === OUTSIDE) continue;
    const neighbours = grid.neighbours(c);
    if (neighbours.length < 4 || neighbours.some((n) => labels[n] !== label)) {
      depth[c] = 0;
      queue.push(c);
    }
  }
  for (let k = 0; k < queue.length; k++) {
    const c = queue[k];
    for (const n of grid.neighbours(c)) {
      if (depth[n] === -1 && labels[n] === labels[c]) {
        depth[n] = depth[c] + 1;
        queue.push(n);
      }
    }
  }
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (let c = 0; c < grid.size; c++) {
    const label = labels[c];
    if (label === OUTSIDE) continue;
    const s = sums.get(label) ?? { x: 0, y: 0, n: 0 };
    s.x += grid.column(c);
    s.y += grid.row(c);
    s.n += 1;
    sums.set(label, s);
  }
  const best = new Map<number, { cell: number; depth: number; offset: number }>();
  for (let c = 0; c < grid.size; c++) {
    const label = labels[c];
    if (label === OUTSIDE) continue;
    const s = sums.get(label) as { x: number; y: number; n: number };
    const offset = Math.hypot(grid.column(c) - s.x / s.n, grid.row(c) - s.y / s.n);
    const current = best.get(label);
    if (!current || depth[c] > current.depth || (depth[c] === current.depth && offset < current.offset)) {
      best.set(label, { cell: c, depth: depth[c], offset });
    }
  }
  return new Map([...best].map(([label, b]) => [label, b.cell]));
}
