import { noise1 } from '../../random/value-noise.js';
import type { TrafficCounterProfile } from '../../model/source-profile.js';
import { heavyShareFactor, trafficIntensity } from '../daily-rhythms.js';
import { epochHours } from '../local-time.js';
import { rainMm } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Flow follows the daily rhythm; occupancy rises with flow and speed falls with occupancy. */
export function trafficCounterMetrics(p: TrafficCounterProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { atMs, local, lon, lat, random } = ctx;
  const heavyRain = rainMm(atMs, lon, lat) > 5;
  const flow = vehicleFlow(p.peakVehiclesPerMin, p.noiseSeed, ctx) * (heavyRain ? 0.9 : 1);
  const capacity = p.peakVehiclesPerMin * 2.4;
  const occupancy = Math.min(97, 100 * (flow / capacity) ** 1.1);
  const speed = Math.max(5, p.freeFlowKmh * (1 - 0.5 * (occupancy / 100) ** 1.3) * (heavyRain ? 0.88 : 1) + random.normal(0, 2));
  const heavy = Math.min(95, Math.max(0, p.heavySharePct * heavyShareFactor(local) + random.normal(0, 1.5)));
  return { vehicles_per_min: flow, avg_speed_kmh: speed, occupancy_pct: occupancy, heavy_share_pct: heavy };
}

/** Vehicles per minute at a road section whose weekday morning peak is `peak`. */
export function vehicleFlow(peak: number, noiseSeed: number, ctx: MetricContext): number {
  const drift = 1 + 0.12 * noise1(noiseSeed, (epochHours(ctx.atMs) * 60) / 10);
  return Math.max(0, peak * trafficIntensity(ctx.local) * drift * (1 + ctx.random.normal(0, 0.05)));
}
