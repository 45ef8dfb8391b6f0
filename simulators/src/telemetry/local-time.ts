/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Wall-clock time in Asia/Ho_Chi_Minh, which every daily rhythm follows. */
export interface LocalTime {
  /** Fractional hour of the day, 0 ≤ hour < 24. */
  hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Whole local days since 1970-01-01; changes at local midnight. */
  dayIndex: number;
  /** 1 … 366. */
  dayOfYear: number;
  year: number;
  /** 1 … 12. */
  month: number;
  /** Day of the month, 1 … 31. */
  day: number;
}

export function localTime(at: Date | number): LocalTime {
  const shifted = new Date((typeof at === 'number' ? at : at.getTime()) + VIETNAM_OFFSET_MS);
  const dayIndex = Math.floor(shifted.getTime() / DAY_MS);
  const year = shifted.getUTCFullYear();
  return {
    hour: shifted.getUTCHours() + shifted.getUTCMinutes() / 60 + shifted.getUTCSeconds() / 3600,
    weekday: shifted.getUTCDay(),
    dayIndex,
    dayOfYear: dayIndex - Math.floor(Date.UTC(year, 0, 1) / DAY_MS) + 1,
    year,
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The instant of a local wall-clock time in Vietnam (month 1–12). */
export function vietnamTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - VIETNAM_OFFSET_MS);
}

/** Hours since the epoch, for time-based noise. */
export const epochHours = (atMs: number): number => atMs / 3_600_000;
