import type { FeedbackStatsRow } from '@ioc/sdk';

export type SlaGroupBy = 'ward' | 'day' | 'department';

/** `GET /api/v1/feedback/stats` as the server answers it. */
export interface FeedbackStatsAnswer {
  by: string;
  from: string | null;
  to: string | null;
  rows: Array<FeedbackStatsRow & { name?: string }>;
  total: Omit<FeedbackStatsRow, 'key'>;
}

export const SLA_SEGMENTS = ['inTime', 'lateDone', 'overdueOpen', 'open'] as const;
export type SlaSegment = (typeof SLA_SEGMENTS)[number];

export interface SlaRow extends Record<SlaSegment, number> {
  key: string;
  name: string;
  received: number;
  processed: number;
  overdue: number;
}

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar day `daysBack` days before the one holding `atMs`, as YYYY-MM-DD. */
export function localDay(atMs: number, daysBack = 0): string {
  return new Date(atMs + VIETNAM_OFFSET_MS - daysBack * DAY_MS).toISOString().slice(0, 10);
}

/**
 * One bar per group, split so the segments add up to what was received: done in time, done late,
 * open past the deadline, open within it. (The server counts "overdue" as done late plus open
 * past the deadline.) Days run in calendar order over the whole range, a day without reports
 * as an empty bar; wards and departments put the most overdue first.
 */
export function slaRows(answer: FeedbackStatsAnswer, groupBy: SlaGroupBy, nameOf: (row: { key: string; name?: string }) => string, range?: { from: string; to: string }): SlaRow[] {
  const rows = answer.rows.map((r): SlaRow => {
    const lateDone = Math.max(0, r.processed - r.inTime);
    const overdueOpen = Math.max(0, r.overdue - lateDone);
    const open = Math.max(0, r.received - r.processed - overdueOpen);
    return { key: r.key, name: nameOf(r), received: r.received, processed: r.processed, overdue: r.overdue, inTime: r.inTime, lateDone, overdueOpen, open };
  });
  if (groupBy === 'day') {
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const days: string[] = [];
    if (range) {
      for (let at = Date.parse(`${range.from}T00:00:00Z`); at <= Date.parse(`${range.to}T00:00:00Z`); at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10));
    }
    const keys = [...new Set([...days, ...byKey.keys()])].sort();
    return keys.map((key) => byKey.get(key) ?? { key, name: nameOf({ key }), received: 0, processed: 0, overdue: 0, inTime: 0, lateDone: 0, overdueOpen: 0, open: 0 });
  }
  return rows.sort((a, b) => b.overdue - a.overdue || b.received - a.received || a.name.localeCompare(b.name, 'vi'));
}

/** "12/11" for a YYYY-MM-DD day key. */
export function dayLabel(key: string): string {
  const [, month, day] = key.split('-');
  return day && month ? `${day}/${month}` : key;
}
