import { noise1 } from '../../random/value-noise.js';
import type { WaterGaugeProfile } from '../../model/source-profile.js';
import { epochHours } from '../local-time.js';
import { rainMm, rainySeason, recentRainMm } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';

/**
 * Rivers follow the season and rise within hours of heavy rain; reservoirs fill slowly through
 * the rainy season (lowest in mid-May, fullest in mid-November) and barely react to one storm.
 */
export function waterLevelMetrics(p: WaterGaugeProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { atMs, local, lon, lat, random } = ctx;
  const fill = p.waterBody === 'reservoir' ? (1 - Math.cos((2 * Math.PI * (local.dayOfYear - 135)) / 365)) / 2 : rainySeason(local.dayOfYear);
  const level =
    p.lowLevelM +
    p.seasonalRiseM * fill +
    (p.rainResponseM * recentRainMm(atMs, lon, lat)) / 10 +
    0.03 * noise1(p.noiseSeed, epochHours(atMs) / 6) +
    random.normal(0, 0.004);
  return { level_m: Math.max(0, level), rain_mm: rainMm(atMs, lon, lat), rain_today_mm: rainSinceMidnightMm(atMs, local.hour, lon, lat) };
}

/**
 * The rain bucket since local midnight: the hourly rain of each whole hour so far plus the
 * running share of the current hour's. Grows through the day and restarts at midnight.
 */
export function rainSinceMidnightMm(atMs: number, hour: number, lon: number, lat: number): number {
  const midnight = atMs - hour * 3_600_000;
  const whole = Math.floor(hour);
  let sum = 0;
  for (let h = 1; h <= whole; h++) sum += rainMm(midnight + h * 3_600_000, lon, lat);
  return sum + (hour - whole) * rainMm(midnight + (whole + 1) * 3_600_000, lon, lat);
}
