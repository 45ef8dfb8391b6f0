/**
 * Calendar periods in the province's time zone. Vietnam (Asia/Ho_Chi_Minh) is UTC+7 all year
 * (no daylight saving since 1975), so period boundaries are fixed-offset arithmetic.
 * Keys: day `2026-11-22`, week `2026-W47` (ISO), month `2026-11`, quarter `2026-Q4`, year `2026`.
 */
export const IOC_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 3600_000;

export type CalendarPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const CALENDAR_PERIODS: readonly CalendarPeriod[] = ['day', 'week', 'month', 'quarter', 'year'];

export interface PeriodRange {
  kind: CalendarPeriod;
  key: string;
  /** Inclusive start instant. */
  start: Date;
  /** Exclusive end instant. */
  end: Date;
}

/** Local calendar fields of an instant. */
function local(d: Date): { y: number; m: number; day: number; dow: number } {
  const l = new Date(d.getTime() + OFFSET_MS);
  return { y: l.getUTCFullYear(), m: l.getUTCMonth(), day: l.getUTCDate(), dow: (l.getUTCDay() + 6) % 7 };
}

/** The instant of local midnight on y-m-d (month 0-based; overflow allowed). */
export function localMidnight(y: number, m: number, day: number): Date {
  return new Date(Date.UTC(y, m, day) - OFFSET_MS);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO week number and ISO week-year of a local date. */
function isoWeek(y: number, m: number, day: number): { year: number; week: number } {
  const d = new Date(Date.UTC(y, m, day));
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow + 3); // Thursday of this week
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return { year, week: 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86400_000)) };
}

/** The period of `kind` containing instant `at`. */
export function periodOf(kind: CalendarPeriod, at: Date): PeriodRange {
  const { y, m, day, dow } = local(at);
  switch (kind) {
    case 'day':
      return { kind, key: `${y}-${pad(m + 1)}-${pad(day)}`, start: localMidnight(y, m, day), end: localMidnight(y, m, day + 1) };
    case 'week': {
      const { year, week } = isoWeek(y, m, day);
      return { kind, key: `${year}-W${pad(week)}`, start: localMidnight(y, m, day - dow), end: localMidnight(y, m, day - dow + 7) };
    }
    case 'month':
      return { kind, key: `${y}-${pad(m + 1)}`, start: localMidnight(y, m, 1), end: localMidnight(y, m + 1, 1) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { kind, key: `${y}-Q${q + 1}`, start: localMidnight(y, q * 3, 1), end: localMidnight(y, q * 3 + 3, 1) };
    }
    case 'year':
      return { kind, key: `${y}`, start: localMidnight(y, 0, 1), end: localMidnight(y + 1, 0, 1) };
  }
}

/** Parses a period key; returns undefined when it is not one. */
export function parsePeriodKey(key: string): PeriodRange | undefined {
  let mt: RegExpMatchArray | null;
  const valid = (r: PeriodRange) => (r.key === key ? r : undefined);
  if ((mt = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key))) return valid(periodOf('day', localMidnight(+mt[1], +mt[2] - 1, +mt[3])));
  if ((mt = /^(\d{4})-W(\d{2})$/.exec(key))) {
    const jan4 = localMidnight(+mt[1], 0, 4);
    const r = periodOf('week', new Date(jan4.getTime() + (+mt[2] - 1) * 7 * 86400_000));
    return valid(r);
  }
  if ((mt = /^(\d{4})-(\d{2})$/.exec(key))) return +mt[2] >= 1 && +mt[2] <= 12 ? valid(periodOf('month', localMidnight(+mt[1], +mt[2] - 1, 1))) : undefined;
  if ((mt = /^(\d{4})-Q([1-4])$/.exec(key))) return valid(periodOf('quarter', localMidnight(+mt[1], (+mt[2] - 1) * 3, 1)));
  if ((mt = /^(\d{4})$/.exec(key))) return valid(periodOf('year', localMidnight(+mt[1], 0, 1)));
  return undefined;
}

/** The period before `p` (same kind). */
export function previousPeriod(p: PeriodRange): PeriodRange {
  return periodOf(p.kind, new Date(p.start.getTime() - 1));
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: Date): string {
  return periodOf('day', at).key;
}

/** Share of the period elapsed at `at`, in [0, 1]. */
export function elapsedShare(p: PeriodRange, at: Date): number {
  const f = (at.getTime() - p.start.getTime()) / (p.end.getTime() - p.start.getTime());
  return Math.min(1, Math.max(0, f));
}
