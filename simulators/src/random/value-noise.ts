/**
 * Smooth deterministic noise: random values on an integer lattice, interpolated with a
 * smoothstep. Used to wiggle generated boundaries and to give slowly varying signals
 * (weather, occupancy) that are a pure function of time, so any instant can be evaluated
 * without replaying history.
 */

/** Integer hash → [0, 1). */
function lattice(seed: number, ix: number, iy: number): number {
  let h = (seed ^ Math.imul(ix | 0, 0x27d4eb2d) ^ Math.imul(iy | 0, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const smooth = (t: number): number => t * t * (3 - 2 * t);

/** 1-D value noise in [-1, 1]; one independent value per integer step of `t`. */
export function noise1(seed: number, t: number): number {
  const i = Math.floor(t);
  const f = smooth(t - i);
  const a = lattice(seed, i, 0);
  const b = lattice(seed, i + 1, 0);
  return 2 * (a + (b - a) * f) - 1;
}

/** 2-D value noise in [-1, 1]. */
export function noise2(seed: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const fx = smooth(x - ix);
  const fy = smooth(y - iy);
  const a = lattice(seed, ix, iy);
  const b = lattice(seed, ix + 1, iy);
  const c = lattice(seed, ix, iy + 1);
  const d = lattice(seed, ix + 1, iy + 1);
  const top = a + (b - a) * fx;
  const bottom = c + (d - c) * fx;
  return 2 * (top + (bottom - top) * fy) - 1;
}

/** Fractal sum of 2-D noise octaves, still in [-1, 1]. */
export function fractalNoise2(seed: number, x: number, y: number, octaves = 3): number {
  let sum = 0;
  let amplitude = 1;
  let total = 0;
  let frequency = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amplitude * noise2(seed + o * 1013, x * frequency, y * frequency);
    total += amplitude;
    amplitude /= 2;
    frequency *= 2;
  }
  return sum / total;
}
