import { noise1 } from '../../random/value-noise.js';
import type { HospitalProfile } from '../../model/source-profile.js';
import { cumulativeShare, type HourlyCurve } from '../hourly-curve.js';
import { epochHours } from '../local-time.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Outpatient arrivals by hour: the clinic opens at 07:00, busiest before 10:00, a smaller afternoon wave. */
const VISIT_RATE: HourlyCurve = [0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 3, 9, 10, 8, 6, 3, 1.2, 3, 5, 4, 2.5, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2];
/** Emergency arrivals by hour: around the clock, more in the evening. */
const EMERGENCY_RATE: HourlyCurve = [0.6, 0.5, 0.4, 0.4, 0.4, 0.5, 0.8, 1, 1.1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.3, 1.5, 1.6, 1.5, 1.3, 1, 0.8];
/** Outpatient volume by weekday (Sunday first): Monday is heaviest, Sunday only emergencies and a few. */
const WEEKDAY_VISITS = [0.35, 1.15, 1.05, 1, 1, 0.95, 0.6];

/**
 * Bed census drifts over days (slow noise), never jumps between two readings; the day's visit
 * and emergency counts only grow through the day and restart at local midnight.
 */
export function hospitalMetrics(p: HospitalProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { atMs, local } = ctx;
  const hours = epochHours(atMs);
  const weekendDip = local.weekday === 0 || local.weekday === 6 ? -0.03 : 0;
  const occupancy = Math.min(1.3, Math.max(0.4, p.baseOccupancy + 0.08 * noise1(p.noiseSeed, hours / 120) + 0.03 * noise1(p.noiseSeed + 1, hours / 12) + weekendDip));
  const icuOccupancy = Math.min(1, Math.max(0, 0.72 + 0.2 * noise1(p.noiseSeed + 2, hours / 18)));
  const dayFactor = 1 + 0.08 * noise1(p.noiseSeed + 3, local.dayIndex);
  const dailyVisits = p.dailyVisits * (WEEKDAY_VISITS[local.weekday] ?? 1) * dayFactor;
  const dailyEmergencies = p.dailyEmergencies * dayFactor;
  return {
    beds_total: p.beds,
    beds_occupied: Math.round(p.beds * occupancy),
    icu_free: Math.round(p.icuBeds * (1 - icuOccupancy)),
    visits_today: Math.floor(dailyVisits * cumulativeShare(VISIT_RATE, local.hour)),
    emergency_today: Math.floor(dailyEmergencies * cumulativeShare(EMERGENCY_RATE, local.hour)),
  };
}
