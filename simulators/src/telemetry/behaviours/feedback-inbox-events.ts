import type { FeedbackInboxProfile } from '../../model/source-profile.js';
import type { SourceEventDraft } from '../source-events.js';
import { reportEvents } from './feedback-inbox.js';

/** The inbox's report_received / report_closed / report_overdue events with the manifest's fields. */
export function feedbackInboxEvents(p: FeedbackInboxProfile & { noiseSeed: number }, fromMs: number, toMs: number, dayIndexOf: (ms: number) => number): SourceEventDraft[] {
  return reportEvents(p, fromMs, toMs, dayIndexOf).map(({ type, atMs, report }): SourceEventDraft => {
    const common = { category: report.category, ward: p.ward, ticket: report.ticket };
    switch (type) {
      case 'report_received':
        return { type, atMs, fields: { ...common, channel: report.channel } };
      case 'report_closed':
        return { type, atMs, fields: { ...common, department: report.department, within_deadline: report.withinDeadline } };
      case 'report_overdue':
        return { type, atMs, fields: { ...common, department: report.department } };
    }
  });
}
