import type { FeedbackState } from '@ioc/sdk';

/** Deadline of a report: its category's hours after receipt. */
export function dueAt(receivedAt: Date, deadlineHours: number): Date {
  return new Date(receivedAt.getTime() + deadlineHours * 3_600_000);
}

/**
 * The District 7 flags. `withinDeadline`: done by the deadline (null while not done). `overdue`:
 * done after the deadline, or not done and the clock (the runtime's, so tests can move it) is
 * past it. A report is never both.
 */
export function deadlineFlags(r: { state: FeedbackState; dueAt: Date; doneAt: Date | null }, now: Date): { withinDeadline: boolean | null; overdue: boolean } {
  if (r.state === 'done' && r.doneAt) {
    const inTime = r.doneAt.getTime() <= r.dueAt.getTime();
    return { withinDeadline: inTime, overdue: !inTime };
  }
  return { withinDeadline: null, overdue: now.getTime() > r.dueAt.getTime() };
}

const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Vietnam (YYYY-MM-DD) an instant falls on. */
export function localDay(at: Date): string {
  return dayFmt.format(at);
}
