import { noise1 } from '../../random/value-noise.js';
import type { SecurityCameraProfile, TrafficCameraProfile } from '../../model/source-profile.js';
import { placeActivity } from '../daily-rhythms.js';
import { epochHours } from '../local-time.js';
import { rainMm } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';
import { vehicleFlow } from './traffic-counter.js';

export function trafficCameraMetrics(p: TrafficCameraProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  return { vehicles_per_min: vehicleFlow(p.peakVehiclesPerMin, p.noiseSeed, ctx) };
}

/** People in view follow the place's rhythm; rain empties open-air places. */
export function securityCameraMetrics(p: SecurityCameraProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const rainy = rainMm(ctx.atMs, ctx.lon, ctx.lat) > 2 ? 0.6 : 1;
  const drift = 1 + 0.15 * noise1(p.noiseSeed, epochHours(ctx.atMs) * 4);
  const people = p.peakPeople * placeActivity(p.place, ctx.local) * drift * rainy + ctx.random.normal(0, 2);
  return { people_count: Math.max(0, people) };
}
