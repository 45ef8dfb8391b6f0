import type { Grid } from './grid.js';
import { warpPoint, type Warp } from './warp.js';

export interface PartitionSite {
  /** Grid cell of the site (its seat); always assigned to the site. */
  cell: number;
  /** Wanted number of cells. */
  targetCells: number;
  /** Movable sites drift toward the middle of their region (Lloyd relaxation) to spread out. */
  movable: boolean;
}

export interface PartitionOptions {
  /** Rounds of weight tuning toward the target sizes. */
  iterations: number;
  /** The first rounds also move movable sites toward their region's centroid. */
  lloydIterations: number;
  /** Classify warped cell positions, for meandering borders. */
  warp?: Warp;
}

export interface Partition {
  /** Site index for each entry of `cells`. */
  assignment: Int32Array;
  /** Final cell of each site (moved ones differ from the input). */
  siteCells: number[];
}

/** Share of the squared distance between two sites that one site's weight may exceed the other's by. */
const WEIGHT_GAP_LIMIT = 0.6;

/**
 * Splits `cells` among `sites` with a weighted Voronoi diagram — each cell goes to the site with
 * the lowest squared distance (scaled by the site's size) minus a per-site weight — tuning the
 * weights so each site ends near its target size. That lets a large rural district wrap around a
 * small town, which a plain Voronoi split cannot do.
 */
export function powerPartition(grid: Grid, cells: readonly number[], sites: readonly PartitionSite[], options: PartitionOptions): Partition {
  const n = cells.length;
  const indexOfCell = new Map(cells.map((c, k) => [c, k]));
  if (sites.some((s) => !indexOfCell.has(s.cell))) throw new Error('every site must lie on one of the cells it partitions');
  // Cells are classified at their warped positions, and sites sit at their own cell's warped
  // position, so each site's cell stays in its region despite the displacement.
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  cells.forEach((cell, k) => {
    const [x, y] = options.warp ? warpPoint(grid.cellCenter(cell), options.warp) : grid.cellCenter(cell);
    px[k] = (x - grid.x0) / grid.cell;
    py[k] = (y - grid.y0) / grid.cell;
  });
  const siteCells = sites.map((s) => s.cell);
  const siteX = (s: number): number => px[indexOfCell.get(siteCells[s]) ?? 0];
  const siteY = (s: number): number => py[indexOfCell.get(siteCells[s]) ?? 0];
  // Distances are measured in units of each site's own size, so a small town stays a compact
  // patch around its seat while a large district reaches far (a multiplicatively weighted split).
  const meanTarget = sites.reduce((sum, s) => sum + s.targetCells, 0) / sites.length;
  const scale = sites.map((s) => Math.max(s.targetCells, 1) / meanTarget);
  const weights = new Float64Array(sites.length);
  const assignment = new Int32Array(n);

  const assign = (): void => {
    const sx = sites.map((_, s) => siteX(s));
    const sy = sites.map((_, s) => siteY(s));
    for (let k = 0; k < n; k++) {
      let best = 0;
      let bestScore = Infinity;
      for (let s = 0; s < sites.length; s++) {
        const score = ((px[k] - sx[s]) ** 2 + (py[k] - sy[s]) ** 2) / scale[s] - weights[s];
        if (score < bestScore) {
          bestScore = score;
          best = s;
        }
      }
      assignment[k] = best;
    }
    siteCells.forEach((cell, s) => (assignment[indexOfCell.get(cell) ?? 0] = s));
  };

  /**
   * A heavy site can swallow a light neighbour's own position, stranding the light region away
   * from its seat. Capping each weight at every other weight plus a share of the squared distance
   * between the two sites keeps each site inside its own region; target sizes give way instead.
   */
  const capWeights = (): void => {
    for (let pass = 0; pass < 3; pass++) {
      for (let j = 0; j < sites.length; j++) {
        for (let i = 0; i < sites.length; i++) {
          if (i === j) continue;
          const d2 = (siteX(i) - siteX(j)) ** 2 + (siteY(i) - siteY(j)) ** 2;
          weights[j] = Math.min(weights[j], weights[i] + (WEIGHT_GAP_LIMIT * d2) / scale[j]);
        }
      }
    }
  };

  for (let round = 0; round < options.iterations; round++) {
    assign();
    const counts = new Float64Array(sites.length);
    const sumColumn = new Float64Array(sites.length);
    const sumRow = new Float64Array(sites.length);
    cells.forEach((cell, k) => {
      const s = assignment[k];
      counts[s] += 1;
      sumColumn[s] += grid.column(cell);
      sumRow[s] += grid.row(cell);
    });
    sites.forEach((site, s) => {
      // A region's area grows by about π·scale cells per unit of weight.
      weights[s] += (0.5 * (site.targetCells - counts[s])) / (Math.PI * scale[s]);
      if (site.movable && round < options.lloydIterations && counts[s] > 0) {
        // Move halfway to the centroid: full Lloyd steps make small sites oscillate around a seat.
        const column = Math.round((grid.column(siteCells[s]) + sumColumn[s] / counts[s]) / 2);
        const row = Math.round((grid.row(siteCells[s]) + sumRow[s] / counts[s]) / 2);
        const halfway = grid.index(column, row);
        if (indexOfCell.has(halfway) && !siteCells.includes(halfway)) siteCells[s] = halfway;
      }
    });
    capWeights();
  }
  assign();
  return { assignment, siteCells };
}
