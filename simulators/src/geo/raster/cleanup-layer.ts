import { labelComponents } from './components.js';
import { Grid, OUTSIDE, type Layer } from './grid.js';

/**
 * Makes every region of a layer traceable as one simple polygon: each label one 4-connected
 * piece, and no two cells of a label touching only at a corner (that would make its outline
 * pass twice through one point, an invalid ring). Cells only move between labels of the same
 * parent, so communes stay inside their district.
 */
export function cleanupLayer(grid: Grid, layer: Layer): void {
  for (let round = 0; round < 200; round++) {
    const moved = mergeStrayPieces(grid, layer) + resolveCornerContacts(grid, layer);
    if (moved === 0) return;
  }
  throw new Error('region cleanup did not converge');
}

/** Gives every piece of a label other than its main piece to the neighbouring label it borders most. */
function mergeStrayPieces(grid: Grid, layer: Layer): number {
  const { labels, locked, parentOf } = layer;
  const { cells } = labelComponents(grid, labels);
  const piecesByLabel = new Map<number, number[][]>();
  for (const piece of cells) {
    const label = labels[piece[0]];
    piecesByLabel.set(label, [...(piecesByLabel.get(label) ?? []), piece]);
  }
  let moved = 0;
  for (const [label, pieces] of piecesByLabel) {
    if (pieces.length < 2) continue;
    const main = pieces.find((p) => p.some((c) => locked[c])) ?? pieces.reduce((a, b) => (b.length > a.length ? b : a));
    for (const piece of pieces) {
      if (piece === main) continue;
      const borders = new Map<number, number>();
      for (const c of piece) {
        for (const n of grid.neighbours(c)) {
          const other = labels[n];
          if (other !== label && other !== OUTSIDE && parentOf(other) === parentOf(label)) borders.set(other, (borders.get(other) ?? 0) + 1);
        }
      }
      const target = [...borders].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
      if (!target) throw new Error(`stray piece of region ${label} has no sibling neighbour`);
      for (const c of piece) labels[c] = target[0];
      moved += piece.length;
    }
  }
  return moved;
}

/** Where a label's cells meet only diagonally at a grid vertex, moves one cell of the 2×2 block. */
function resolveCornerContacts(grid: Grid, layer: Layer): number {
  const { labels, locked, parentOf } = layer;
  const canTake = (cell: number, label: number): boolean => {
    const current = labels[cell];
    return current !== OUTSIDE && label !== OUTSIDE && !locked[cell] && parentOf(current) === parentOf(label);
  };
  let moved = 0;
  for (let j = 1; j < grid.ny; j++) {
    for (let i = 1; i < grid.nx; i++) {
      const a = grid.index(i - 1, j - 1);
      const b = grid.index(i, j - 1);
      const c = grid.index(i - 1, j);
      const d = grid.index(i, j);
      const [la, lb, lc, ld] = [labels[a], labels[b], labels[c], labels[d]] as [number, number, number, number];
      let options: Array<[number, number]> = [];
      if (la === ld && la !== OUTSIDE && lb !== la && lc !== la) options = [[b, la], [c, la], [a, lb], [d, lb], [a, lc], [d, lc]];
      else if (lb === lc && lb !== OUTSIDE && la !== lb && ld !== lb) options = [[a, lb], [d, lb], [b, la], [c, la], [b, ld], [c, ld]];
      const fix = options.find(([cell, label]) => canTake(cell, label));
      if (fix) {
        labels[fix[0]] = fix[1];
        moved++;
      }
    }
  }
  return moved;
}
