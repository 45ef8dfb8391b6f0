/** Y axis of a small chart: round ticks, as few as its height can label without overlap. */
export interface AxisRange {
  min?: number;
  max?: number;
  interval?: number;
  scale: boolean;
}

/** Vertical pixels between two y labels that still read apart (15 px text and air). */
const PX_PER_TICK = 34;

/** How many intervals a chart `plotHeightPx` high can label: 1 to 4 (rounding the range may add one). */
export function tickCount(plotHeightPx: number): number {
  return Math.max(1, Math.min(4, Math.floor(plotHeightPx / PX_PER_TICK)));
}

/**
 * A range holding every value (and the target) with a little air, on round ticks, split into at
 * most `ticks` intervals; never below zero for non-negative data.
 */
export function valueRange(values: readonly number[], ticks = 3, { integer = false } = {}): AxisRange {
  if (values.length === 0) return { scale: true };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.12 || Math.abs(hi) * 0.1 || 1;
  const low = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  // Counts tick by whole units: "1, 2", never "0,95, 1,00".
  const interval = Math.max(integer ? 1 : 0, niceStep((hi + pad - low) / ticks));
  return { min: Math.floor(low / interval) * interval, max: Math.ceil((hi + pad) / interval) * interval, interval, scale: true };
}

/** The smallest of 1, 2, 2.5, 5 × 10^k at least `raw`. */
export function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((step) => step >= raw * (1 - 1e-9))!;
}

/** Decimals that tell the ticks apart: as many as the interval itself has (2.5 → 1, 0.25 → 2), at most three. */
export function intervalFractionDigits(interval: number | undefined): number {
  if (interval === undefined) return 0;
  const text = String(Number(interval.toFixed(6)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(3, text.length - dot - 1);
}
