import type { SecurityPlace } from '../model/source-profile.js';
import { readCurve, type HourlyCurve } from './hourly-curve.js';
import type { LocalTime } from './local-time.js';
import { isSchoolDay } from './school-calendar.js';

/** Weekday traffic, 1 = morning peak: peaks 06–08 and 16–18, quiet 01–04. */
const WEEKDAY_TRAFFIC: HourlyCurve = [0.08, 0.05, 0.04, 0.04, 0.08, 0.3, 0.75, 1, 0.85, 0.6, 0.55, 0.58, 0.5, 0.5, 0.55, 0.62, 0.8, 0.98, 0.85, 0.6, 0.42, 0.3, 0.2, 0.12];
/** Sunday traffic: no commute peaks, busy late morning and early evening. */
const SUNDAY_TRAFFIC: HourlyCurve = [0.1, 0.07, 0.05, 0.05, 0.07, 0.18, 0.4, 0.6, 0.7, 0.72, 0.72, 0.68, 0.6, 0.58, 0.6, 0.66, 0.72, 0.75, 0.7, 0.6, 0.48, 0.35, 0.24, 0.15];
/** Heavy-vehicle share relative to midday: trucks run at night and keep off the peaks. */
const HEAVY_SHARE: HourlyCurve = [1.6, 1.7, 1.7, 1.7, 1.5, 1.1, 0.7, 0.6, 0.8, 1, 1, 1, 1, 1, 1, 0.9, 0.7, 0.6, 0.75, 1, 1.2, 1.35, 1.45, 1.55];

export function trafficIntensity(local: LocalTime): number {
  const weekday = readCurve(WEEKDAY_TRAFFIC, local.hour);
  const sunday = readCurve(SUNDAY_TRAFFIC, local.hour);
  if (local.weekday === 0) return sunday;
  if (local.weekday === 6) return (weekday + sunday) / 2;
  return weekday;
}

export function heavyShareFactor(local: LocalTime): number {
  return readCurve(HEAVY_SHARE, local.hour);
}

/** How busy each kind of place is through the day, 1 = its busiest hour. */
const PLACE_CURVES: Partial<Record<SecurityPlace, HourlyCurve>> = {
  market: [0.02, 0.02, 0.03, 0.1, 0.45, 0.85, 1, 0.9, 0.7, 0.55, 0.45, 0.35, 0.25, 0.25, 0.3, 0.45, 0.6, 0.55, 0.35, 0.2, 0.1, 0.05, 0.03, 0.02],
  square: [0.03, 0.02, 0.02, 0.02, 0.1, 0.45, 0.35, 0.2, 0.15, 0.12, 0.12, 0.1, 0.1, 0.1, 0.12, 0.2, 0.45, 0.8, 1, 0.95, 0.75, 0.45, 0.15, 0.05],
  park: [0.02, 0.01, 0.01, 0.02, 0.15, 0.55, 0.4, 0.2, 0.15, 0.12, 0.1, 0.1, 0.1, 0.1, 0.12, 0.2, 0.45, 0.85, 1, 0.9, 0.6, 0.3, 0.1, 0.04],
  waterside: [0.03, 0.02, 0.02, 0.02, 0.15, 0.4, 0.3, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.12, 0.25, 0.6, 1, 0.95, 0.75, 0.5, 0.25, 0.1, 0.05],
  'bus-station': [0.05, 0.04, 0.05, 0.1, 0.4, 0.85, 0.9, 0.75, 0.55, 0.5, 0.5, 0.5, 0.55, 0.6, 0.6, 0.7, 0.8, 0.75, 0.55, 0.4, 0.3, 0.2, 0.1, 0.06],
};

/** School gates fill at drop-off, lunch and pick-up on school days. */
const SCHOOL_GATE: HourlyCurve = [0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.6, 0.5, 0.05, 0.05, 0.1, 0.7, 0.3, 0.1, 0.05, 0.05, 0.5, 0.6, 0.1, 0.03, 0.02, 0.01, 0.01, 0.01];
/** Public offices work 07:30–11:30 and 13:30–17:00 on weekdays. */
const OFFICE: HourlyCurve = [0.02, 0.02, 0.02, 0.02, 0.02, 0.03, 0.1, 0.6, 0.9, 1, 0.9, 0.6, 0.2, 0.3, 0.85, 0.9, 0.8, 0.4, 0.1, 0.05, 0.04, 0.03, 0.02, 0.02];

export function placeActivity(place: SecurityPlace, local: LocalTime): number {
  const curve = PLACE_CURVES[place];
  if (curve) return readCurve(curve, local.hour);
  if (place === 'school-gate') return isSchoolDay(local) ? readCurve(SCHOOL_GATE, local.hour) : 0.02;
  if (place === 'public-building') return local.weekday >= 1 && local.weekday <= 5 ? readCurve(OFFICE, local.hour) : 0.05;
  // Junctions and gateways follow the traffic.
  return trafficIntensity(local);
}

/**
 * Hourly rates (steps) of office work: 07:30–11:30 and 13:30–17:00 on working days. Counters
 * since local midnight grow along their cumulative share.
 */
export const OFFICE_WORK: HourlyCurve = [0, 0, 0, 0, 0, 0, 0, 0.5, 1, 1, 1, 0.5, 0, 0.5, 1, 1, 1, 0.05, 0, 0, 0, 0, 0, 0];
/** Dossiers and incoming documents: front-loaded into the morning. */
export const OFFICE_MORNING: HourlyCurve = [0, 0, 0, 0, 0, 0, 0, 0.7, 1.4, 1.3, 1.1, 0.5, 0, 0.4, 0.8, 0.7, 0.6, 0.05, 0, 0, 0, 0, 0, 0];
/** Decisions, signatures and postings: heavier in the afternoon, with an end-of-day batch. */
export const OFFICE_AFTERNOON: HourlyCurve = [0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 0.8, 0.9, 0.5, 0, 0.5, 1.1, 1.3, 1.5, 0.3, 0.05, 0, 0, 0, 0, 0];
/** Calls and messages from citizens: all day and evening, a trickle at night. */
export const CITIZEN_CONTACT: HourlyCurve = [0.05, 0.03, 0.02, 0.02, 0.05, 0.2, 0.5, 0.9, 1.2, 1.2, 1.1, 0.8, 0.5, 0.7, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.35, 0.2, 0.1];
