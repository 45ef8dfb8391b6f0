/** A value per hour of the day (24 entries), read with linear interpolation between hours. */
export type HourlyCurve = readonly number[];

export function readCurve(curve: HourlyCurve, hour: number): number {
  const h = ((hour % 24) + 24) % 24;
  const i = Math.floor(h);
  const a = curve[i] ?? 0;
  const b = curve[(i + 1) % 24] ?? 0;
  return a + (b - a) * (h - i);
}

/** Share of the day's total that has happened by `hour`, for a curve of hourly rates (steps). */
export function cumulativeShare(rates: HourlyCurve, hour: number): number {
  const total = rates.reduce((s, r) => s + r, 0);
  const whole = Math.floor(hour);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += rates[i] ?? 0;
  sum += (rates[whole] ?? 0) * (hour - whole);
  return total === 0 ? 0 : Math.min(sum / total, 1);
}
