import { noise1 } from '../../random/value-noise.js';
import type { AirStationProfile } from '../../model/source-profile.js';
import { readCurve, type HourlyCurve } from '../hourly-curve.js';
import { epochHours } from '../local-time.js';
import { vnAqi } from '../vn-aqi.js';
import { airTemperatureC, rainMm, rainySeason, relativeHumidityPct } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** PM2.5 through the day relative to its mean: rush hours and the night-time inversion. */
const PM_DIURNAL: HourlyCurve = [1.15, 1.2, 1.2, 1.2, 1.25, 1.3, 1.45, 1.5, 1.3, 1, 0.85, 0.75, 0.7, 0.7, 0.72, 0.8, 0.95, 1.15, 1.35, 1.4, 1.35, 1.3, 1.25, 1.2];

export function airStationMetrics(p: AirStationProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { atMs, local, lon, lat, random } = ctx;
  const season = rainySeason(local.dayOfYear);
  // The dry season roughly doubles fine dust; field burning peaks around March.
  const burning = 0.4 * Math.exp(-(((local.dayOfYear - 75) / 25) ** 2));
  const seasonal = 1 + 0.9 * (1 - season) + burning;
  const rain = rainMm(atMs, lon, lat);
  const washout = 1 / (1 + rain / 5);
  const drift = 1 + 0.2 * noise1(p.noiseSeed, epochHours(atMs) / 3);
  const pm25 = Math.max(1, p.basePm25 * seasonal * readCurve(PM_DIURNAL, local.hour) * washout * drift + random.normal(0, 1.2));
  const pm10 = pm25 * (1.55 + 0.25 * (noise1(p.noiseSeed + 1, epochHours(atMs) / 5) + 1) / 2) + 5 * (1 - season);
  const aqi = vnAqi(pm25, pm10);
  return {
    pm25,
    pm10,
    aqi,
    // 100 while the station's VN_AQI is good (0–50): its mean over a period is the share of good readings.
    aqi_good_pct: aqi <= 50 ? 100 : 0,
    temperature: airTemperatureC(atMs, lon, lat) + p.heatIslandC + random.normal(0, 0.15),
    // Relative humidity saturates at 100 %, however the sensor noise falls.
    humidity: Math.min(100, Math.max(0, relativeHumidityPct(atMs, lon, lat) - 2 * p.heatIslandC + random.normal(0, 0.8))),
  };
}
