import type { KpiDirection } from '@ioc/sdk';

export interface GaugeScale {
  min: number;
  max: number;
  /** Bands along the dial as [end share 0–1, colour]: good side green, bad side red. */
  bands: Array<[number, string]>;
}

const GOOD = '#2dd4bf';
const WARN = '#fbbf24';
const BAD = '#ef4444';

/** A round number at or above `value`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - 1e-9) return step * power;
  return 10 * power;
}

/**
 * The dial of a KPI gauge: from 0 (or the configured minimum) to a round number past both the
 * value and the target (100 for a percentage that stays under it), coloured so the side the KPI
 * wants to be on is green, the target's neighbourhood amber and the other side red.
 */
export function gaugeScale(value: number | null, target: number | null, direction: KpiDirection, opts: { min?: number | null; max?: number | null; percent?: boolean } = {}): GaugeScale {
  const min = opts.min ?? 0;
  const highest = Math.max(value ?? 0, target ?? 0, min + 1e-9);
  const max = opts.max ?? (opts.percent && highest <= 100 ? 100 : niceCeil((highest - min) * 1.15) + min);
  if (target === null || !(max > min) || direction === 'none') return { min, max, bands: [[1, '#38bdf8']] };
  const share = Math.max(0, Math.min(1, (target - min) / (max - min)));
  const margin = 0.06;
  if (direction === 'higher') return { min, max, bands: [[Math.max(0, share - margin), BAD], [share, WARN], [1, GOOD]] };
  return { min, max, bands: [[share, GOOD], [Math.min(1, share + margin), WARN], [1, BAD]] };
}
