import type { FeedbackInboxProfile } from '../../model/source-profile.js';
import { hashSeed, seededRandom, type Random } from '../../random/seeded-random.js';
import { Memo, poisson, sampleHour } from '../arrivals.js';
import { dayStartMs, localDay } from '../calendar.js';
import { CITIZEN_CONTACT } from '../daily-rhythms.js';
import type { MetricContext, Metrics } from './metric-context.js';

const DAY_MS = 86_400_000;
/** Reports by weekday (Sunday first), normalised below to a mean of 1. */
const WEEKDAY = [0.6, 1.15, 1.1, 1.1, 1.1, 1.1, 0.75];
const WEEKDAY_MEAN = WEEKDAY.reduce((s, w) => s + w, 0) / 7;
/** The longest a report stays open: every report of the last LOOKBACK_DAYS days is scanned. */
const LOOKBACK_DAYS = 130;

/** Which department handles a category, when the profile lists it. */
const HANDLER: Record<string, string> = {
  security: 'police',
  environment: 'natural-resources',
  'urban-order': 'construction',
  traffic: 'transport',
  'public-service': 'commune',
};

/** One citizen report: when it came, through which channel, and when (and how) its handling ends. */
export interface FieldReport {
  ticket: string;
  receivedMs: number;
  category: string;
  channel: string;
  department: string;
  /** When the handling result is published. */
  closedMs: number;
  /** Handling deadline (received + deadlineDays). */
  dueMs: number;
  withinDeadline: boolean;
}

const memo = new Memo<FieldReport[]>(40_000);

function pickWeighted(random: Random, items: ReadonlyArray<readonly [string, number]>): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = random.next() * total;
  for (const [name, w] of items) {
    if (x < w) return name;
    x -= w;
  }
  return items[items.length - 1]?.[0] ?? 'other';
}

/**
 * The reports a commune receives on a local day and the fate of each: most are closed within the
 * deadline, some late, and a stubborn tail stays open for months (District 7's panel: 83 % done,
 * a long overdue list). A pure function of the inbox and the day.
 */
export function reportsReceivedOn(p: FeedbackInboxProfile & { noiseSeed: number; sourceId?: string }, dayIndex: number): FieldReport[] {
  return memo.get(`${p.noiseSeed}|${dayIndex}`, () => {
    const random = seededRandom(hashSeed(p.noiseSeed, 'reports', dayIndex));
    const weekday = localDay(dayIndex).weekday;
    const n = poisson(random, (p.reportsPerDay * (WEEKDAY[weekday] ?? 1)) / WEEKDAY_MEAN);
    const start = dayStartMs(dayIndex);
    const deadlineMs = p.deadlineDays * DAY_MS;
    const out: FieldReport[] = [];
    for (let k = 0; k < n; k++) {
      const receivedMs = start + Math.round(sampleHour(random, CITIZEN_CONTACT) * 3_600_000);
      const category = random.pick(p.categories.length ? p.categories : ['other']);
      const channel = pickWeighted(random, p.channels.length ? p.channels : [['portal', 1]]);
      const handler = HANDLER[category];
      const department = handler && p.departments.includes(handler) ? handler : random.pick(p.departments.length ? p.departments : ['commune']);
      const fate = random.next();
      let days: number;
      if (fate < p.closedShare) days = random.next() < p.inTimeShareOfClosed ? p.deadlineDays * random.next() ** 1.3 : p.deadlineDays + Math.min(40, -6 * Math.log(1 - random.next()));
      else days = p.deadlineDays + random.float(20, LOOKBACK_DAYS - p.deadlineDays - 5);
      // Results are published in office hours: at the same hour of the closing day, or the next morning.
      let closedMs = receivedMs + Math.max(0.05, days) * DAY_MS;
      const closingHour = ((closedMs + 7 * 3_600_000) % DAY_MS) / 3_600_000;
      if (closingHour < 7.5) closedMs += (7.5 - closingHour + random.float(0, 2)) * 3_600_000;
      else if (closingHour > 17) closedMs += (24 - closingHour + 7.5 + random.float(0, 2)) * 3_600_000;
      const dueMs = receivedMs + deadlineMs;
      out.push({ ticket: `${dayIndex}-${k + 1}`, receivedMs, category, channel, department, closedMs: Math.round(closedMs), dueMs, withinDeadline: closedMs <= dueMs });
    }
    return out.sort((a, b) => a.receivedMs - b.receivedMs);
  });
}

const recentMemo = new Memo<FieldReport[]>(2000);

/** Every report received in the lookback window up to and including `dayIndex`. */
function recentReports(p: FeedbackInboxProfile & { noiseSeed: number }, dayIndex: number): FieldReport[] {
  return recentMemo.get(`${p.noiseSeed}|${dayIndex}`, () => {
    const out: FieldReport[] = [];
    for (let d = dayIndex - LOOKBACK_DAYS; d <= dayIndex; d++) out.push(...reportsReceivedOn(p, d));
    return out;
  });
}

/** The inbox's counters since local midnight and its open backlog now. */
export function feedbackInboxMetrics(p: FeedbackInboxProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const t = ctx.atMs;
  const midnight = dayStartMs(ctx.local.dayIndex);
  let received = 0;
  let closed = 0;
  let closedInTime = 0;
  let open = 0;
  let overdue = 0;
  for (const r of recentReports(p, ctx.local.dayIndex)) {
    if (r.receivedMs > t) continue;
    if (r.receivedMs >= midnight) received++;
    if (r.closedMs <= t) {
      if (r.closedMs >= midnight) {
        closed++;
        if (r.withinDeadline) closedInTime++;
      }
    } else {
      open++;
      if (r.dueMs < t) overdue++;
    }
  }
  return { received_today: received, closed_today: closed, closed_in_time_today: closedInTime, open_reports: open, overdue_open: overdue };
}

export type ReportEventKind = 'report_received' | 'report_closed' | 'report_overdue';

/** What happened to the inbox's reports in (fromMs, toMs]: received, closed, or past their deadline. */
export function reportEvents(p: FeedbackInboxProfile & { noiseSeed: number }, fromMs: number, toMs: number, dayIndexOf: (ms: number) => number): Array<{ type: ReportEventKind; atMs: number; report: FieldReport }> {
  const out: Array<{ type: ReportEventKind; atMs: number; report: FieldReport }> = [];
  const inWindow = (ms: number) => ms > fromMs && ms <= toMs;
  for (const report of recentReports(p, dayIndexOf(toMs))) {
    if (inWindow(report.receivedMs)) out.push({ type: 'report_received', atMs: report.receivedMs, report });
    if (inWindow(report.closedMs)) out.push({ type: 'report_closed', atMs: report.closedMs, report });
    if (inWindow(report.dueMs) && report.closedMs > report.dueMs) out.push({ type: 'report_overdue', atMs: report.dueMs, report });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
