import { fractalNoise2 } from '../../random/value-noise.js';
import type { Position } from '../polygon.js';

export interface Warp {
  seed: number;
  /** Largest displacement, degrees. */
  amplitude: number;
  /** Size of the wiggles, degrees. */
  scale: number;
}

/**
 * Domain warp: displaces a point by smooth noise before it is classified, which turns straight
 * Voronoi bisectors and ruler-drawn outlines into meandering, natural-looking borders.
 */
export function warpPoint([x, y]: Position, warp: Warp): Position {
  const u = x / warp.scale;
  const v = y / warp.scale;
  return [
    x + warp.amplitude * fractalNoise2(warp.seed, u, v),
    y + warp.amplitude * fractalNoise2(warp.seed + 7919, u, v),
  ];
}
