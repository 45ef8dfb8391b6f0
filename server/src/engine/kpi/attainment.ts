import type { KpiDirection, KpiStatus } from '@ioc/sdk';

/** Percent of target achieved, direction-aware: 100 = exactly on target. */
export function attainment(value: number | null, target: number | null, direction: KpiDirection): number | null {
  if (value === null || target === null || direction === 'none') return null;
  if (direction === 'higher') return target === 0 ? null : (100 * value) / target;
  if (value <= 0) return target >= 0 ? 999 : null;
  return (100 * target) / value;
}

function meets(v: number, target: number, direction: KpiDirection): boolean {
  return direction === 'lower' ? v <= target : v >= target;
}

/**
 * Where a value stands: finished periods are met or missed; running ones on track or at risk by
 * their forecast ("may miss target"); the realtime window by its current value.
 */
export function kpiStatus(value: number | null, forecast: number | null, target: number | null, direction: KpiDirection, finished: boolean): KpiStatus {
  const attainmentPct = attainment(value, target, direction);
  if (value === null) return { target, attainmentPct, forecast, state: 'no-data' };
  if (target === null || direction === 'none') return { target, attainmentPct, forecast, state: 'no-target' };
  if (finished) return { target, attainmentPct, forecast: value, state: meets(value, target, direction) ? 'met' : 'missed' };
  const f = forecast ?? value;
  return { target, attainmentPct, forecast, state: meets(f, target, direction) ? 'on-track' : 'at-risk' };
}

/** Forecast of an accumulating value (cases, money) at period end from the pace so far. */
export function paceForecast(value: number, elapsedShare: number): number {
  return elapsedShare <= 0 ? value : value / Math.min(1, elapsedShare);
}

/**
 * Forecast of an average-like value at period end: the elapsed share keeps its value; the rest
 * follows the least-squares line through the finer periods' values (x = share of the period at
 * each value's midpoint), taken at the middle of what remains and kept within the range the
 * points have shown (a trend, not a runaway extrapolation). Fewer than three points: the value.
 */
export function trendForecast(value: number, elapsedShare: number, points: Array<{ x: number; y: number }>): number {
  if (points.length < 3 || elapsedShare >= 1) return value;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  if (sxx === 0) return value;
  const slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  const ys = points.map((p) => p.y);
  const rest = Math.min(Math.max(my + slope * ((elapsedShare + 1) / 2 - mx), Math.min(...ys)), Math.max(...ys));
  return elapsedShare * value + (1 - elapsedShare) * rest;
}
