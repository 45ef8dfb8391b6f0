import { KPI_PERIODS, parsePeriodKey, periodOf, previousPeriod, type CalendarPeriod, type KpiPeriod } from '@ioc/sdk';

/** When a widget is told nothing, a KPI is shown for today, else live, else its shortest period. */
const DEFAULT_PREFERENCE: readonly KpiPeriod[] = ['day', 'realtime', 'month', 'quarter', 'year'];

export function isKpiPeriod(value: unknown): value is KpiPeriod {
  return typeof value === 'string' && (KPI_PERIODS as readonly string[]).includes(value);
}

/**
 * The period a KPI is shown for: the wanted one when the KPI is computed for it, else the
 * nearest one it has (a monthly indicator asked for "today" shows this month; a tie goes to the
 * longer period, which holds more data). Null when the KPI has no period at all.
 */
export function resolveKpiPeriod(supported: readonly KpiPeriod[], wanted: KpiPeriod | null | undefined): KpiPeriod | null {
  if (supported.length === 0) return null;
  if (!wanted) return DEFAULT_PREFERENCE.find((p) => supported.includes(p)) ?? supported[0]!;
  if (supported.includes(wanted)) return wanted;
  const at = KPI_PERIODS.indexOf(wanted);
  let best: KpiPeriod | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const period of supported) {
    const distance = Math.abs(KPI_PERIODS.indexOf(period) - at);
    if (distance < bestDistance || (distance === bestDistance && KPI_PERIODS.indexOf(period) > KPI_PERIODS.indexOf(best!))) {
      best = period;
      bestDistance = distance;
    }
  }
  return best;
}

/** Periods offered by the page's selector: those at least one KPI of the page is computed for, in order. */
export function offeredPeriods(kpiPeriods: Iterable<readonly KpiPeriod[]>): KpiPeriod[] {
  const union = new Set<KpiPeriod>();
  for (const periods of kpiPeriods) for (const p of periods) union.add(p);
  return KPI_PERIODS.filter((p) => union.has(p));
}

/** Start (ISO) of the period before the current one, for the trend arrow; null for realtime. */
export function previousPeriodStart(period: KpiPeriod, now: Date): string | null {
  if (period === 'realtime') return null;
  return previousPeriod(periodOf(period as CalendarPeriod, now)).start.toISOString();
}

/** Start of the period `count` periods before the current one (series windows). */
export function periodsBackStart(period: CalendarPeriod, now: Date, count: number): Date {
  let range = periodOf(period, now);
  for (let i = 0; i < count; i += 1) range = previousPeriod(range);
  return range.start;
}

/** The key of the current period (`2026-Q4`); null for realtime. */
export function currentPeriodKey(period: KpiPeriod, now: Date): string | null {
  return period === 'realtime' ? null : periodOf(period as CalendarPeriod, now).key;
}

/** The calendar key of the period starting at `startIso` (the `ts` of a stored KPI value). */
export function periodKeyAt(period: CalendarPeriod, startIso: string): string {
  return periodOf(period, new Date(Date.parse(startIso) + 1)).key;
}

/**
 * A period key as people write it: `22/11/2026`, `Tháng 11/2026` / `Nov 2026`, `Quý 4/2026` /
 * `Q4 2026`, `Năm 2026` / `2026`, `Tuần 47/2026` / `Week 47, 2026`.
 */
export function periodKeyLabel(key: string, lang: 'vi' | 'en', short = false): string {
  const range = parsePeriodKey(key);
  if (!range) return key;
  const [year, second, third] = key.split(/-W?Q?/);
  switch (range.kind) {
    case 'day':
      return short ? `${third}/${second}` : `${third}/${second}/${year}`;
    case 'week':
      return lang === 'vi' ? `${short ? 'T' : 'Tuần '}${Number(second)}/${year}` : `${short ? 'W' : 'Week '}${Number(second)}${short ? '' : ','} ${year}`;
    case 'month':
      if (short) return `${second}/${year}`;
      return lang === 'vi' ? `Tháng ${second}/${year}` : `${MONTHS_EN[Number(second) - 1]} ${year}`;
    case 'quarter':
      return lang === 'vi' ? `${short ? 'Q' : 'Quý '}${second}/${year}` : `Q${second} ${year}`;
    case 'year':
      return lang === 'vi' && !short ? `Năm ${year}` : `${year}`;
  }
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
