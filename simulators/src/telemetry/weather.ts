import { noise1, noise2 } from '../random/value-noise.js';
import { epochHours, localTime } from './local-time.js';

/**
 * Province weather as a pure function of time and place, so any instant can be evaluated
 * without replaying history and every source at one place sees the same weather. Bình Phước has
 * a tropical monsoon climate: rainy season May–October with afternoon storms, dry season
 * December–April, hottest in April.
 */
const WEATHER_SEED = 0x5eed;

/** Wetness of the season by month (1.0 = height of the rainy season). */
const MONTHLY_WETNESS = [0.05, 0.03, 0.08, 0.3, 0.75, 0.9, 0.95, 1, 1, 0.85, 0.45, 0.12];

/** Rainy-season strength 0–1, interpolated between mid-months. */
export function rainySeason(dayOfYear: number): number {
  const position = ((dayOfYear - 15) / 365) * 12;
  const i = Math.floor(position);
  const a = MONTHLY_WETNESS[((i % 12) + 12) % 12];
  const b = MONTHLY_WETNESS[(((i + 1) % 12) + 12) % 12];
  const t = position - i;
  return a + (b - a) * (1 - Math.cos(Math.PI * t)) / 2;
}

/** Rain in the hour up to `atMs`, mm. Storms cluster in the afternoon of rainy-season days. */
export function rainMm(atMs: number, lon: number, lat: number): number {
  const local = localTime(atMs);
  const season = rainySeason(local.dayOfYear);
  const afternoon = 0.3 + 0.7 * Math.exp(-(((local.hour - 16) / 3) ** 2));
  const storminess = (noise2(WEATHER_SEED, epochHours(atMs) / 3, (lon + lat) * 2.5) + 1) / 2;
  const threshold = 1 - 0.3 * season * afternoon;
  if (storminess <= threshold) return 0;
  return 27 * ((storminess - threshold) / (1 - threshold)) ** 1.5;
}

/** Rain of the last `hours` hours weighted by recency (e-folding one day), mm. */
export function recentRainMm(atMs: number, lon: number, lat: number, hours = 72): number {
  let sum = 0;
  for (let k = 0; k < hours; k++) sum += rainMm(atMs - k * 3_600_000, lon, lat) * Math.exp(-k / 24);
  return sum;
}

/** −1 at 06:00 (coolest), +1 at 14:00 (warmest), half-cosines in between. */
export function diurnalWarmth(hour: number): number {
  if (hour >= 6 && hour < 14) return -Math.cos((Math.PI * (hour - 6)) / 8);
  const sinceWarmest = (hour - 14 + 24) % 24;
  return Math.cos((Math.PI * sinceWarmest) / 16);
}

export function airTemperatureC(atMs: number, lon: number, lat: number): number {
  const local = localTime(atMs);
  const season = rainySeason(local.dayOfYear);
  const seasonalMean = 26.6 + 1.6 * Math.cos((2 * Math.PI * (local.dayOfYear - 110)) / 365);
  const swing = 4 + 2 * (1 - season);
  const rain = rainMm(atMs, lon, lat);
  const cooling = rain > 0 ? Math.min(4, 1.5 + 0.25 * rain) : 0;
  const drift = noise1(WEATHER_SEED + 1, epochHours(atMs) / 24);
  return seasonalMean + swing * diurnalWarmth(local.hour) - cooling + drift;
}

/** Relative humidity, % — moves opposite to temperature through the day. */
export function relativeHumidityPct(atMs: number, lon: number, lat: number): number {
  const local = localTime(atMs);
  const season = rainySeason(local.dayOfYear);
  const mean = 72 + 14 * season;
  const swing = 14 + 6 * (1 - season);
  const wet = rainMm(atMs, lon, lat) > 0 ? 10 : 0;
  return Math.min(98, Math.max(35, mean - swing * diurnalWarmth(local.hour) + wet));
}
