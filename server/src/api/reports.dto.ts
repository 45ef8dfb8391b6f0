/**
 * Request and response shapes of `/api/v1/reports` (the reporting chain of the sector OCs).
 * Request bodies are checked with zod here; the values of a submission are checked against the
 * template's fields by the report engine, which names each bad field (`values.<key>`).
 */
import { z } from 'zod';
import type { ImportProgress, LocalizedText, RegionLevel, ReportPeriod, ReportStatusEntry, ReportTemplate } from '@ioc/sdk';
import { invalidBody } from './problem.js';
import { parseInput } from './validation.js';

/** A value of a report field: a number for integer/number fields, a string for text fields. */
export type ReportValue = number | string;
export type ReportValues = Record<string, ReportValue>;

/** A template as listed: the manifest's template plus its ids. */
export interface ReportTemplateInfo extends ReportTemplate {
  /** `{sector}.{key}`, e.g. `health.epi_monthly`. */
  id: string;
  sector: string;
  key: string;
  /** The period the status defaults to (the one containing now). */
  currentPeriod: string;
  /** Due instant of the current period. */
  currentDueAt: string;
}

export interface ReportTemplateList {
  items: ReportTemplateInfo[];
}

/** Body of `POST /api/v1/reports/:templateId/submissions`. */
export interface SubmitReportRequest {
  regionId: string;
  period: string;
  values: Record<string, ReportValue | null>;
  /**
   * Who submits. Until the [security] issue brings identity, the submitter names themself here;
   * the region must be of the template's level (a commune account reports for its commune).
   */
  submittedBy: string;
  /** When the unit submitted, for historical back-fill; default now; never in the future. */
  submittedAt?: string;
}

/** Body of `POST /api/v1/reports/submissions/:id/return`. */
export interface ReturnReportRequest {
  reason: string;
  returnedBy: string;
}

export interface ReportSubmission {
  id: string;
  templateId: string;
  regionId: string;
  regionName: string;
  period: string;
  periodKind: ReportPeriod;
  periodStart: string;
  status: 'submitted' | 'returned';
  values: ReportValues;
  submittedAt: string;
  submittedBy: string;
  /** The standing version was submitted after `dueAt`. */
  late: boolean;
  dueAt: string;
  version: number;
  returnedReason: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
}

export interface ReportSubmissionHistoryEntry {
  version: number;
  action: 'submitted' | 'resubmitted' | 'returned';
  values: ReportValues | null;
  late: boolean | null;
  reason: string | null;
  actor: string;
  at: string;
  importId: string | null;
}

export interface ReportSubmissionDetail extends ReportSubmission {
  history: ReportSubmissionHistoryEntry[];
}

export interface ReportSubmissionList {
  items: ReportSubmission[];
}

/** A status entry with where the region sits, so a client can group without another call. */
export interface ReportStatusRow extends ReportStatusEntry {
  level: RegionLevel;
  parentId: string | null;
  parentName: string | null;
}

/** Counts over the entries of one region (a district over its communes, or the whole root). */
export interface ReportStatusSummary {
  regionId: string;
  regionName: string;
  level: RegionLevel;
  /** Units × periods expected to report. */
  expected: number;
  /** Submitted and standing (on time or late). */
  submitted: number;
  onTime: number;
  late: number;
  returned: number;
  notStarted: number;
  overdue: number;
  incomplete: number;
  /** Unit ids with at least one overdue period: who has not reported. */
  overdueRegionIds: string[];
}

export interface ReportStatusResponse {
  templateId: string;
  name: LocalizedText;
  /** The period asked for; a longer period than the template's covers each of its periods that has begun. */
  period: string;
  periods: Array<{ key: string; dueAt: string }>;
  regionId: string;
  asOf: string;
  entries: ReportStatusRow[];
  /** One summary per region of the level above the template's, inside the root (district: 12 of 15 communes submitted, 2 overdue). */
  groups: ReportStatusSummary[];
  total: ReportStatusSummary;
}

/** Answer of `POST /api/v1/reports/:templateId/imports` (202) and `GET /api/v1/reports/imports/:id`. */
export type ReportImportProgress = ImportProgress & { fileName: string; format: 'csv' | 'xlsx' };

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Body of `POST /api/v1/reports/:templateId/submissions` (also its schema in the OpenAPI document). */
export const submitReportSchema = z.object({
  regionId: text(100).describe('Region reported for; must be of the template level (a commune for a commune-level template).'),
  period: text(20).describe('Period key of the template period: 2026-11-22, 2026-W47, 2026-11, 2026-Q4 or 2026.'),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).describe('Field key → number (integer/number fields) or text; null or absent = empty.'),
  submittedBy: text(200).describe('Who submits (until sign-in arrives with the security issue).'),
  submittedAt: z.string().optional().describe('When the unit submitted, for historical back-fill (ISO-8601; default now; not in the future, not before the period began). Lateness is judged from it.'),
});

/** Body of `POST /api/v1/reports/submissions/:id/return`. */
export const returnReportSchema = z.object({
  reason: text(2000).describe('Why the submission is sent back.'),
  returnedBy: text(200).describe('Who returns it.'),
});

/** Text fields of the multipart import upload besides `file`. */
export const importFieldsSchema = z.object({
  submittedBy: text(200).describe('Who submits the rows of the file.'),
  submittedAt: z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO-8601 date-time')
    .optional()
    .describe('When the unit submitted, for historical back-fill (default now; not in the future).'),
});

/** Validates the body of a JSON submission; the values themselves are checked by the engine. */
export function parseSubmitReport(body: unknown): SubmitReportRequest {
  return parseInput(submitReportSchema, body ?? {});
}

export function parseReturnReport(body: unknown): ReturnReportRequest {
  return parseInput(returnReportSchema, body ?? {});
}

/** The `submittedBy` (and optional `submittedAt`) form fields of an import upload. */
export function parseImportSubmitter(body: unknown): { submittedBy: string; submittedAt?: Date } {
  const f = parseInput(importFieldsSchema, body ?? {});
  return { submittedBy: f.submittedBy, ...(f.submittedAt ? { submittedAt: new Date(f.submittedAt) } : {}) };
}

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function parseExportQuery(q: { format?: string; lang?: string }): { format: ExportFormat; lang: 'vi' | 'en' } {
  const errors: Array<{ field: string; problem: string }> = [];
  const format = (q.format ?? 'xlsx') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) errors.push({ field: 'format', problem: `must be one of ${EXPORT_FORMATS.join(', ')}` });
  const lang = (q.lang ?? 'vi') as 'vi' | 'en';
  if (lang !== 'vi' && lang !== 'en') errors.push({ field: 'lang', problem: 'must be vi or en' });
  if (errors.length) throw invalidBody(errors);
  return { format, lang };
}
