import { pointInRing, type Position } from '../polygon.js';
import { Grid, OUTSIDE } from './grid.js';
import { warpPoint, type Warp } from './warp.js';

/**
 * Province mask: label 0 for cells whose (warped) centre lies inside the outline, OUTSIDE
 * elsewhere. Keeps only the largest connected piece, fills enclosed holes and removes
 * diagonal-only contacts, so the traced border is one simple ring.
 */
export function rasterizeMask(grid: Grid, outline: readonly Position[], warp: Warp): Int32Array {
  const labels = new Int32Array(grid.size).fill(OUTSIDE);
  for (let c = 0; c < grid.size; c++) {
    if (pointInRing(warpPoint(grid.cellCenter(c), warp), outline)) labels[c] = 0;
  }
  keepLargestPiece(grid, labels);
  fillHoles(grid, labels);
  while (fillDiagonalContacts(grid, labels) > 0) fillHoles(grid, labels);
  return labels;
}

function flood(grid: Grid, labels: Int32Array, start: number, value: number, seen: Uint8Array): number[] {
  const members = [start];
  seen[start] = 1;
  for (let k = 0; k < members.length; k++) {
    for (const n of grid.neighbours(members[k])) {
      if (!seen[n] && labels[n] === value) {
        seen[n] = 1;
        members.push(n);
      }
    }
  }
  return members;
}

function keepLargestPiece(grid: Grid, labels: Int32Array): void {
  const seen = new Uint8Array(grid.size);
  const pieces: number[][] = [];
  for (let c = 0; c < grid.size; c++) if (labels[c] === 0 && !seen[c]) pieces.push(flood(grid, labels, c, 0, seen));
  pieces.sort((a, b) => b.length - a.length);
  for (const piece of pieces.slice(1)) for (const c of piece) labels[c] = OUTSIDE;
}

/** Outside cells not connected to the grid's rim are holes in the province: fill them. */
function fillHoles(grid: Grid, labels: Int32Array): void {
  const seen = new Uint8Array(grid.size);
  for (let c = 0; c < grid.size; c++) {
    if (labels[c] !== OUTSIDE || seen[c]) continue;
    const members = flood(grid, labels, c, OUTSIDE, seen);
    const touchesRim = members.some((m) => {
      const i = grid.column(m);
      const j = grid.row(m);
      return i === 0 || j === 0 || i === grid.nx - 1 || j === grid.ny - 1;
    });
    if (!touchesRim) for (const m of members) labels[m] = 0;
  }
}

/** Where inside cells touch only at a corner, add one of the outside cells of that 2×2 block. */
function fillDiagonalContacts(grid: Grid, labels: Int32Array): number {
  let changed = 0;
  for (let j = 1; j < grid.ny; j++) {
    for (let i = 1; i < grid.nx; i++) {
      const a = grid.index(i - 1, j - 1);
      const b = grid.index(i, j - 1);
      const c = grid.index(i - 1, j);
      const d = grid.index(i, j);
      const inA = labels[a] === 0;
      const inB = labels[b] === 0;
      const inC = labels[c] === 0;
      const inD = labels[d] === 0;
      if (inA === inD && inB === inC && inA !== inB) {
        labels[inA ? b : a] = 0;
        changed++;
      }
    }
  }
  return changed;
}
