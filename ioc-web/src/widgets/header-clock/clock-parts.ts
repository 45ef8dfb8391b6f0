import { PROVINCE_TIME_ZONE } from '../../format/format';

export interface ClockParts {
  /** "Thứ Năm" / "Thursday". */
  weekday: string;
  /** "03/12/2026" (dd/MM/yyyy in either language). */
  date: string;
  /** "14:05:09" or "14:05". */
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(locale: string): Intl.DateTimeFormat {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: PROVINCE_TIME_ZONE,
      weekday: 'long',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(locale, f);
  }
  return f;
}

/** The wall clock of the province (Asia/Ho_Chi_Minh), whatever the viewer's machine says. */
export function clockParts(atMs: number, locale: string, seconds = true): ClockParts {
  const parts = format(locale).formatToParts(atMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = part('weekday');
  return {
    // ICU writes "thứ năm"; a wall shows it capitalised as Vietnamese calendars do ("Thứ Năm", "Chủ Nhật").
    weekday: locale.startsWith('vi') ? weekday.replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase()) : weekday,
    date: `${part('day')}/${part('month')}/${part('year')}`,
    time: seconds ? `${part('hour')}:${part('minute')}:${part('second')}` : `${part('hour')}:${part('minute')}`,
  };
}
