import type { LocalTime } from './local-time.js';

/** Lunar New Year's day (Tết) by year; schools close about a week either side. */
const TET: Record<number, [number, number]> = {
  2024: [2, 10], 2025: [1, 29], 2026: [2, 17], 2027: [2, 6], 2028: [1, 26],
  2029: [2, 13], 2030: [2, 3], 2031: [1, 23], 2032: [2, 11],
};

/** Fixed public holidays (month, day) that fall in the school year. */
const HOLIDAYS: Array<[number, number]> = [[1, 1], [4, 30], [5, 1]];

const DAY_MS = 86_400_000;

/** Local day index (days since 1970-01-01) of Lunar New Year's day, if the table knows the year. */
export function tetDayIndex(year: number): number | undefined {
  const tet = TET[year];
  return tet ? Math.floor(Date.UTC(year, tet[0] - 1, tet[1]) / DAY_MS) : undefined;
}

/** School days: Monday–Friday from 5 September to 31 May, except Tết and public holidays. */
export function isSchoolDay(local: LocalTime): boolean {
  if (local.weekday === 0 || local.weekday === 6) return false;
  const summer = (local.month === 6 || local.month === 7 || local.month === 8) || (local.month === 9 && local.day < 5);
  if (summer) return false;
  if (HOLIDAYS.some(([m, d]) => local.month === m && local.day === d)) return false;
  const tetDay = tetDayIndex(local.year);
  if (tetDay !== undefined && local.dayIndex >= tetDay - 7 && local.dayIndex <= tetDay + 9) return false;
  return true;
}

/**
 * Class sessions 07:00–11:15 and 13:30–16:30. Attendance is reported only once a session has
 * started, so early arrivals do not look like absences.
 */
export function inClassSession(local: LocalTime): boolean {
  const h = local.hour;
  return (h >= 7 && h < 11.25) || (h >= 13.5 && h < 16.5);
}
