import type { Random } from '../../random/seeded-random.js';
import type { LocalTime } from '../local-time.js';

/** What a behaviour needs to produce one reading: the instant, the place and a noise source. */
export interface MetricContext {
  atMs: number;
  local: LocalTime;
  lon: number;
  lat: number;
  /** Per-message jitter; the slow variation comes from time-based noise so it stays smooth. */
  random: Random;
}

export type Metrics = Record<string, number>;
