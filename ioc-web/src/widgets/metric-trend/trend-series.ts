import type { SeriesPoint } from '../../api/types';

export type Aggregate = 'mean' | 'sum';
/** [epoch ms of the minute, value] — the pair ECharts' time axis takes. */
export type TrendPoint = [number, number];

const MINUTE_MS = 60_000;

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Combines per-source 1-minute buckets into one line, minute by minute. */
export function combineSeries(seriesList: SeriesPoint[][], aggregate: Aggregate): TrendPoint[] {
  const byMinute = new Map<number, number[]>();
  for (const series of seriesList) {
    for (const point of series) {
      const minute = minuteOf(Date.parse(point.ts));
      if (Number.isNaN(minute)) continue;
      const values = byMinute.get(minute) ?? [];
      values.push(point.avg);
      byMinute.set(minute, values);
    }
  }
  return [...byMinute.entries()]
    .sort(([a], [b]) => a - b)
    .map(([minute, values]) => [minute, combine(values, aggregate)]);
}

export function combine(values: number[], aggregate: Aggregate): number {
  const sum = values.reduce((total, v) => total + v, 0);
  return aggregate === 'sum' ? sum : sum / values.length;
}

/**
 * Writes the live value into its minute (replacing an earlier value of the same minute)
 * and drops points older than the window, keeping the line as long as the seeded one.
 */
export function upsertMinute(points: TrendPoint[], at: number, value: number, windowMs: number): TrendPoint[] {
  const minute = minuteOf(at);
  const kept = points.filter(([t]) => t !== minute && t > minute - windowMs);
  kept.push([minute, value]);
  return kept.sort(([a], [b]) => a - b);
}

/** The live value of the line: fresh readings combined, stamped with the newest reading's minute. */
export function liveAggregate(readings: Array<{ ts: string; value: number }>, aggregate: Aggregate): { at: number; value: number } | null {
  if (readings.length === 0) return null;
  const at = Math.max(...readings.map((r) => Date.parse(r.ts)));
  return { at, value: combine(readings.map((r) => r.value), aggregate) };
}
