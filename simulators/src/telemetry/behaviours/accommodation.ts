import type { AccommodationProfile } from '../../model/source-profile.js';
import { hashSeed } from '../../random/seeded-random.js';
import { noise1 } from '../../random/value-noise.js';
import { countUpTo, dailyArrivals } from '../arrivals.js';
import { isTravelHoliday, localDay } from '../calendar.js';
import { cumulativeShare, type HourlyCurve } from '../hourly-curve.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Guests check in from late morning, most in the afternoon and evening. */
const CHECK_INS: HourlyCurve = [0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1, 1.2, 1.5, 1.6, 1.6, 1.5, 1.4, 1.3, 1.1, 0.8, 0.5, 0.25];
/** Occupancy of the night that begins on each weekday (Sunday first) relative to the mean: Friday and Saturday nights are full. */
const NIGHT_FACTOR = [0.75, 0.9, 0.9, 0.9, 0.9, 1.3, 1.45];
/** Share of last night's guests who stay another night. */
const STAYING_ON = 0.4;

/** Share of rooms occupied in the night beginning on local day `dayIndex`. */
export function nightOccupancy(p: AccommodationProfile & { noiseSeed: number }, dayIndex: number): number {
  const local = localDay(dayIndex);
  const holiday = isTravelHoliday(local) ? 1.6 : 1;
  const occupancy = p.baseOccupancy * (NIGHT_FACTOR[local.weekday] ?? 1) * holiday * (1 + 0.1 * noise1(p.noiseSeed, dayIndex + 0.5));
  return Math.min(0.97, Math.max(0.05, occupancy));
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * Math.min(1, Math.max(0, t));

/**
 * Rooms hold last night's guests until the 12:00 check-out, then fill again through the
 * afternoon and evening; check-ins since local midnight follow the same night's demand.
 */
export function accommodationMetrics(p: AccommodationProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { hour, dayIndex } = ctx.local;
  const lastNight = nightOccupancy(p, dayIndex - 1);
  const tonight = nightOccupancy(p, dayIndex);
  const staying = lastNight * STAYING_ON;
  const occupancy = hour < 9 ? lastNight : hour < 12 ? lerp(lastNight, staying, (hour - 9) / 3) : hour < 14 ? staying : lerp(staying, tonight, (hour - 14) / 8);
  const dailyCheckins = p.rooms * p.checkinsPerRoomPerDay * (tonight / p.baseOccupancy);
  const international = dailyArrivals(hashSeed(p.noiseSeed, 'international'), dayIndex, dailyCheckins * p.internationalShare, CHECK_INS);
  const checkins = Math.floor(dailyCheckins * cumulativeShare(CHECK_INS, hour));
  return {
    checkins_today: Math.max(checkins, countUpTo(international, hour)),
    international_checkins_today: countUpTo(international, hour),
    rooms_total: p.rooms,
    rooms_occupied: Math.round(p.rooms * occupancy),
  };
}
