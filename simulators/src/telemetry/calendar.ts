import { localTime, type LocalTime } from './local-time.js';
import { tetDayIndex } from './school-calendar.js';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The instant local day `dayIndex` begins (local midnight). */
export const dayStartMs = (dayIndex: number): number => dayIndex * DAY_MS - VIETNAM_OFFSET_MS;

/** Local calendar fields at noon of local day `dayIndex`. */
export const localDay = (dayIndex: number): LocalTime => localTime(dayStartMs(dayIndex) + 12 * 3_600_000);

/** Days from Lunar New Year's day (negative before it); undefined when the year is not in the table. */
export function daysFromTet(local: LocalTime): number | undefined {
  const own = tetDayIndex(local.year);
  const next = tetDayIndex(local.year + 1);
  if (own === undefined) return undefined;
  // Late December counts towards next year's Tết.
  return next !== undefined && local.dayIndex - own > 300 ? local.dayIndex - next : local.dayIndex - own;
}

/** Public holidays: New Year, Tết (eve to the fourth day), Reunification Day and Labour Day, National Day. */
export function isPublicHoliday(local: LocalTime): boolean {
  const md = `${local.month}-${local.day}`;
  if (md === '1-1' || md === '4-30' || md === '5-1' || md === '9-2' || md === '9-1') return true;
  const tet = daysFromTet(local);
  return tet !== undefined && tet >= -1 && tet <= 4;
}

/** Offices work Monday to Friday except public holidays. */
export function isWorkingDay(local: LocalTime): boolean {
  return local.weekday >= 1 && local.weekday <= 5 && !isPublicHoliday(local);
}

/** Holidays when the whole country travels: Tết (eve to the fifth day) and 30/4–1/5. */
export function isTravelHoliday(local: LocalTime): boolean {
  const md = `${local.month}-${local.day}`;
  if (md === '4-29' || md === '4-30' || md === '5-1' || md === '5-2' || md === '9-2') return true;
  const tet = daysFromTet(local);
  return tet !== undefined && tet >= -1 && tet <= 5;
}
