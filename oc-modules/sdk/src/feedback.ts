/**
 * Citizen field reports (phản ánh hiện trường): categories a module declares, the report as the
 * API and the `feedback` socket topic carry it, and the District 7 panel statistics.
 */
import type { LocalizedText } from './manifest.js';

/** The department (đơn vị xử lý) a category routes to by default. */
export interface FeedbackDepartment {
  /** Lower-case id, e.g. `cong-an-phuong`. */
  id: string;
  name: LocalizedText;
}

/** A field-report category (lĩnh vực phản ánh) a module declares: who handles it and how fast. */
export interface FeedbackCategory {
  name: LocalizedText;
  department: FeedbackDepartment;
  /** Hours from receipt to the deadline (hạn xử lý). */
  deadlineHours: number;
  /** Incident type suggested when a report of this category becomes an incident. */
  incidentType?: string;
}

/** received (tiếp nhận) → processing (đang xử lý) → done (đã xử lý, result published). */
export type FeedbackState = 'received' | 'processing' | 'done';
export const FEEDBACK_STATES: readonly FeedbackState[] = ['received', 'processing', 'done'];

/** What anyone holding the tracking code may see: no contact, no internal history. */
export interface FeedbackPublic {
  code: string;
  category: string;
  department: string;
  state: FeedbackState;
  regionId: string | null;
  receivedAt: string;
  dueAt: string;
  doneAt: string | null;
  /** The published result (kết quả xử lý), set when done. */
  result: string | null;
  withinDeadline: boolean | null;
  overdue: boolean;
}

export interface FeedbackPhotoInfo {
  id: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** A report as officials see it. */
export interface FeedbackRecord extends FeedbackPublic {
  id: string;
  text: string;
  lon: number | null;
  lat: number | null;
  /** Channel it came in by: app, portal, 1022, hotline, zalo. */
  channel: string;
  contact: { name?: string; phone?: string; email?: string } | null;
  processedAt: string | null;
  incidentId: string | null;
  photos: FeedbackPhotoInfo[];
  updatedAt: string;
}

export interface FeedbackEvent {
  reportId: string;
  at: string;
  kind: string;
  actor: string;
  text: string | null;
  data: Record<string, unknown>;
}

/** One row of the District 7 panel: received, processed (done), in time, overdue. */
export interface FeedbackStatsRow {
  key: string;
  received: number;
  processed: number;
  inTime: number;
  overdue: number;
}

/** Delta of the `feedback` topic: one change of one report, never coalesced. */
export interface FeedbackDelta {
  report: FeedbackRecord;
  event: FeedbackEvent;
}

/** Snapshot of the `feedback` topic: reports not done, and today's totals (Asia/Ho_Chi_Minh day). */
export interface FeedbackSnapshot {
  open: FeedbackRecord[];
  today: { day: string } & Omit<FeedbackStatsRow, 'key'>;
}
