/** The wall always shows the province's wall-clock time, whatever the viewer's machine says. */
export const PROVINCE_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Intl formatters are costly to build; the wall formats hundreds of values a second.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, maxDigits: number, minDigits = 0): Intl.NumberFormat {
  const key = `n|${locale}|${maxDigits}|${minDigits}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
    cache.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, kind: 'time' | 'shortTime' | 'date' | 'dayMonth' | 'dateTime'): Intl.DateTimeFormat {
  const key = `d|${locale}|${kind}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      date: { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' },
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
      shortTime: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      dayMonth: { day: '2-digit', month: '2-digit' },
      dateTime: { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    };
    format = new Intl.DateTimeFormat(locale, { ...options[kind], timeZone: PROVINCE_TIME_ZONE });
    cache.set(key, format);
  }
  return format;
}

/** Fewer decimals for bigger numbers: 0.42 m, 35.6 µg/m³, 1.234 xe/phút. */
export function fractionDigitsFor(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return 0;
  if (magnitude >= 10) return 1;
  return 2;
}

export function formatNumber(value: number, locale: string, fractionDigits = fractionDigitsFor(value)): string {
  return numberFormat(locale, fractionDigits).format(value);
}

/**
 * Decimals for a table column: none when every value is whole (an index, a count), else one,
 * the same for every cell so the column's digits line up.
 */
export function columnFractionDigits(values: number[]): number {
  return values.every((v) => Number.isInteger(v)) ? 0 : 1;
}

/** A table cell with a fixed number of decimals. */
export function formatReading(value: number, locale: string, fractionDigits: number): string {
  return numberFormat(locale, fractionDigits, fractionDigits).format(value);
}

/** "14:05:09" in the province's time zone. */
export function formatClockTime(date: Date | number, locale: string): string {
  return dateFormat(locale, 'time').format(date);
}

/** "14:05" in the province's time zone (chart axes, table timestamps). */
export function formatShortTime(date: Date | number, locale: string): string {
  return dateFormat(locale, 'shortTime').format(date);
}

/** "Chủ Nhật, 22/11/2026" in the province's time zone. */
export function formatLongDate(date: Date | number, locale: string): string {
  return dateFormat(locale, 'date').format(date);
}

/** "22/11" in the province's time zone (due dates); ICU writes vi-VN day and month with a dash alone. */
export function formatDayMonth(date: Date | number | string, locale: string): string {
  const parts = dateFormat(locale, 'dayMonth').formatToParts(typeof date === 'string' ? Date.parse(date) : date);
  const part = (type: 'day' | 'month') => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}`;
}

/** "22/11/2026, 14:05:09" in the province's time zone (tooltips: when exactly). */
export function formatShortDateTime(date: Date | number | string, locale: string): string {
  return dateFormat(locale, 'dateTime').format(typeof date === 'string' ? Date.parse(date) : date);
}
