import type { ReportStatus, ReportTemplate } from '@ioc/sdk';
import type { ReportValues } from '../../api/reports.dto.js';
import { missingFields } from './validate.js';

/** What the status needs of a standing submission. */
export interface StandingSubmission {
  status: 'submitted' | 'returned';
  late: boolean;
  values: ReportValues;
}

export interface UnitStatus {
  status: ReportStatus;
  /** Past due and not submitted, or returned and not resubmitted. */
  overdue: boolean;
  /** Submitted with some non-required fields empty. */
  incomplete: boolean;
  missingFields: string[];
}

/**
 * Where one template × region × period stands at `now`:
 * no submission → not_started; returned → returned; submitted after due → late; else submitted.
 */
export function unitStatus(template: ReportTemplate, sub: StandingSubmission | undefined, due: Date, now: Date): UnitStatus {
  const pastDue = now.getTime() > due.getTime();
  if (!sub) return { status: 'not_started', overdue: pastDue, incomplete: false, missingFields: [] };
  if (sub.status === 'returned') return { status: 'returned', overdue: pastDue, incomplete: false, missingFields: [] };
  const missing = missingFields(template, sub.values);
  return { status: sub.late ? 'late' : 'submitted', overdue: false, incomplete: missing.length > 0, missingFields: missing };
}
