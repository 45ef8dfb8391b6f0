import type { Position } from '../polygon.js';

/** Cells outside the province carry this label at every level. */
export const OUTSIDE = -1;

/**
 * A regular lon/lat grid. Regions are built as unions of its cells, so neighbouring regions
 * share edges exactly: no gaps and no overlaps by construction.
 */
export class Grid {
  constructor(
    /** Lon/lat of the grid's lower-left vertex. */
    readonly x0: number,
    readonly y0: number,
    /** Cell size in degrees. */
    readonly cell: number,
    readonly nx: number,
    readonly ny: number,
  ) {}

  get size(): number {
    return this.nx * this.ny;
  }

  index(i: number, j: number): number {
    return j * this.nx + i;
  }

  column(index: number): number {
    return index % this.nx;
  }

  row(index: number): number {
    return Math.floor(index / this.nx);
  }

  cellCenter(index: number): Position {
    return [this.x0 + (this.column(index) + 0.5) * this.cell, this.y0 + (this.row(index) + 0.5) * this.cell];
  }

  /** Index of the cell containing a lon/lat point, or -1 off the grid. */
  cellContaining([lon, lat]: Position): number {
    const i = Math.floor((lon - this.x0) / this.cell);
    const j = Math.floor((lat - this.y0) / this.cell);
    if (i < 0 || j < 0 || i >= this.nx || j >= this.ny) return -1;
    return this.index(i, j);
  }

  /** Lon/lat of grid vertex (i, j); half-integer indices give edge midpoints. */
  vertex(i: number, j: number): Position {
    return [this.x0 + i * this.cell, this.y0 + j * this.cell];
  }

  /** The 4-neighbours of a cell that lie on the grid. */
  neighbours(index: number): number[] {
    const i = this.column(index);
    const j = this.row(index);
    const out: number[] = [];
    if (i > 0) out.push(index - 1);
    if (i < this.nx - 1) out.push(index + 1);
    if (j > 0) out.push(index - this.nx);
    if (j < this.ny - 1) out.push(index + this.nx);
    return out;
  }
}

/** One level of the hierarchy laid on the grid: a label per cell and the cells cleanup must keep. */
export interface Layer {
  labels: Int32Array;
  /** 1 = this cell's label is pinned (a region's seat must stay inside it). */
  locked: Uint8Array;
  /** Parent label of each label (the district of a commune); cleanup never moves a cell across parents. */
  parentOf: (label: number) => number;
}

/** Label of cell (i, j); OUTSIDE beyond the grid. */
export function labelAt(grid: Grid, labels: Int32Array, i: number, j: number): number {
  if (i < 0 || j < 0 || i >= grid.nx || j >= grid.ny) return OUTSIDE;
  return labels[j * grid.nx + i];
}
