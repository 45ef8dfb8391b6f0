import { CALENDAR_PERIODS, parsePeriodKey, periodOf, type PeriodRange, type ReportTemplate } from '@ioc/sdk';

const DAY_MS = 86_400_000;

/**
 * When a period's report is due: `dueDays` days after the period ends, at the end of that local
 * day (0 = by the end of the last day of the period). Period ends are local midnights
 * (Asia/Ho_Chi_Minh), so the due instant is too.
 */
export function dueAt(template: Pick<ReportTemplate, 'dueDays'>, period: PeriodRange): Date {
  return new Date(period.end.getTime() + template.dueDays * DAY_MS);
}

/** A period key of the template's own period kind; a problem text otherwise. */
export function templatePeriod(template: Pick<ReportTemplate, 'period'>, key: string): PeriodRange | string {
  const p = parsePeriodKey(key);
  if (!p) return `"${key}" is not a period (like 2026-11-22, 2026-W47, 2026-11, 2026-Q4, 2026)`;
  if (p.kind !== template.period) return `"${key}" is a ${p.kind}; this report is due per ${template.period} (e.g. ${periodOf(template.period, p.start).key})`;
  return p;
}

/**
 * The template's periods a status question covers. The template's own period kind gives that
 * period; a longer one (the quarter of a monthly report) gives each of the template's periods
 * that begin inside it and have begun by `now` (weeks belong to the period their Monday is in).
 */
export function periodsCovered(template: Pick<ReportTemplate, 'period'>, key: string, now: Date): PeriodRange[] | string {
  const p = parsePeriodKey(key);
  if (!p) return `"${key}" is not a period (like 2026-11-22, 2026-W47, 2026-11, 2026-Q4, 2026)`;
  if (p.kind === template.period) return [p];
  if (CALENDAR_PERIODS.indexOf(p.kind) < CALENDAR_PERIODS.indexOf(template.period) || (template.period === 'week' && p.kind === 'day')) {
    return `"${key}" is a ${p.kind}, shorter than the ${template.period} this report is due per`;
  }
  const out: PeriodRange[] = [];
  for (let q = periodOf(template.period, p.start); q.start < p.end && q.start <= now; q = periodOf(template.period, q.end)) {
    if (q.start >= p.start) out.push(q);
  }
  return out;
}

/** The period after `p` (same kind). */
export function nextPeriod(p: PeriodRange): PeriodRange {
  return periodOf(p.kind, p.end);
}

/**
 * Reads what a person typed in a period cell: a period key (2026-11, 2026-Q4), a Vietnamese
 * month `11/2026` or date `22/11/2026`, or a date cell of a spreadsheet; gives the key of the
 * template's period containing it, or undefined.
 */
export function periodFromCell(kind: ReportTemplate['period'], raw: unknown): string | undefined {
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return undefined;
    // Spreadsheet dates carry the typed local date in their UTC fields.
    return periodOf(kind, new Date(Date.UTC(raw.getUTCFullYear(), raw.getUTCMonth(), raw.getUTCDate(), 12) - 7 * 3600_000)).key;
  }
  if (typeof raw === 'number' && Number.isInteger(raw)) raw = String(raw);
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim();
  if (parsePeriodKey(s)) return s;
  let m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m && kind === 'month') {
    const k = `${m[2]}-${m[1]!.padStart(2, '0')}`;
    return parsePeriodKey(k) ? k : undefined;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const k = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    const d = parsePeriodKey(k);
    return d ? periodOf(kind, d.start).key : undefined;
  }
  return undefined;
}
