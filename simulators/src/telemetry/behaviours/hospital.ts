import { noise1 } from '../../random/value-noise.js';
import type { HospitalProfile } from '../../model/source-profile.js';
import { hashSeed, seededRandom } from '../../random/seeded-random.js';
import { countUpTo, dailyArrivals } from '../arrivals.js';
import { cumulativeShare, type HourlyCurve } from '../hourly-curve.js';
import { epochHours } from '../local-time.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Outpatient arrivals by hour: the clinic opens at 07:00, busiest before 10:00, a smaller afternoon wave. */
const VISIT_RATE: HourlyCurve = [0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 3, 9, 10, 8, 6, 3, 1.2, 3, 5, 4, 2.5, 1.2, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2];
/** Emergency arrivals by hour: around the clock, more in the evening. */
const EMERGENCY_RATE: HourlyCurve = [0.6, 0.5, 0.4, 0.4, 0.4, 0.5, 0.8, 1, 1.1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.3, 1.5, 1.6, 1.5, 1.3, 1, 0.8];
/** Outpatient volume by weekday (Sunday first): Monday is heaviest, Sunday only emergencies and a few. */
const WEEKDAY_VISITS = [0.35, 1.15, 1.05, 1, 1, 0.95, 0.6];

/** Deaths in hospital: around the clock, a little more at night and early morning. */
const DEATH_RATE: HourlyCurve = [1.2, 1.3, 1.3, 1.3, 1.3, 1.2, 1, 1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1, 1, 1, 1.1, 1.1];

/** A food-poisoning cluster on a local day (a wedding, a school canteen): its size, onset and spread, or none. */
export function poisoningCluster(p: HospitalProfile & { noiseSeed: number }, dayIndex: number): { size: number; onsetH: number; durationH: number } | undefined {
  const random = seededRandom(hashSeed(p.noiseSeed, 'poisoning-cluster', dayIndex));
  if (random.next() >= p.clusterChancePerDay) return undefined;
  return { size: random.int(10, 40), onsetH: random.float(10, 19.5), durationH: random.float(2, 4) };
}

/**
 * Bed census drifts over days (slow noise), never jumps between two readings; the day's visit,
 * emergency, poisoning and death counts only grow through the day and restart at local
 * midnight. Poisoning patients arrive one by one, and now and then as a cluster of 10–40 within
 * a few hours; they count among the emergencies.
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
  const poisonings = dailyArrivals(hashSeed(p.noiseSeed, 'poisoning'), local.dayIndex, p.dailyPoisonings, EMERGENCY_RATE);
  const cluster = poisoningCluster(p, local.dayIndex);
  const clusterPatients = cluster ? Math.floor(cluster.size * Math.min(1, Math.max(0, (local.hour - cluster.onsetH) / cluster.durationH))) : 0;
  const poisoningToday = countUpTo(poisonings, local.hour) + clusterPatients;
  const deaths = dailyArrivals(hashSeed(p.noiseSeed, 'deaths'), local.dayIndex, p.dailyDeaths, DEATH_RATE);
  return {
    beds_total: p.beds,
    beds_occupied: Math.round(p.beds * occupancy),
    icu_free: Math.round(p.icuBeds * (1 - icuOccupancy)),
    visits_today: Math.floor(dailyVisits * cumulativeShare(VISIT_RATE, local.hour)),
    emergency_today: Math.floor(dailyEmergencies * cumulativeShare(EMERGENCY_RATE, local.hour)) + poisoningToday,
    poisoning_today: poisoningToday,
    deaths_today: countUpTo(deaths, local.hour),
  };
}
