/**
 * Reporting chain contract (REQUIREMENTS §2): a module declares the periodic statistics its
 * units submit; the server tracks status per template × region × period and consolidates them
 * along unit → district → province.
 */
import type { LocalizedText, UnitText } from './manifest.js';
import type { RegionLevel } from './region.js';

/** Periods a report is due for. */
export type ReportPeriod = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface ReportField {
  name: LocalizedText;
  unit?: UnitText;
  type: 'integer' | 'number' | 'text';
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** A submission without a required field is refused. */
  required?: boolean;
  /** How the field consolidates from units to their parent: added (default for numbers) or averaged weighted by another field. */
  consolidate?: { fn: 'sum' } | { fn: 'avg' } | { fn: 'weighted-avg'; weight: string } | { fn: 'none' };
}

export interface ReportTemplate {
  name: LocalizedText;
  description?: LocalizedText;
  period: ReportPeriod;
  /** Region level of the submitting units (a commune, a district, or the province for a department). */
  level: RegionLevel;
  /** Due this many days after the period ends (0 = the last day of the period). */
  dueDays: number;
  /** Fields keyed by snake_case id, in display and column order. */
  fields: Record<string, ReportField>;
  /** Department (sector office) that receives it; default: the module's sector. */
  department?: LocalizedText;
}

/** Where a template × region × period stands. */
export type ReportStatus = 'not_started' | 'submitted' | 'late' | 'returned';

export interface ReportStatusEntry {
  templateId: string;
  regionId: string;
  regionName: string;
  period: string;
  status: ReportStatus;
  /** Past due and not submitted (or returned and not resubmitted). */
  overdue: boolean;
  /** Submitted but some non-required fields are empty. */
  incomplete: boolean;
  missingFields: string[];
  dueAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  returnedReason: string | null;
}

/** Error of one cell of an imported CSV/XLSX file; rows and columns count from 1 like a spreadsheet. */
export interface ImportRowError {
  row: number;
  column: string;
  field?: string;
  message: string;
}

export interface ImportProgress {
  id: string;
  templateId: string;
  state: 'queued' | 'parsing' | 'validating' | 'writing' | 'done' | 'rejected' | 'failed';
  totalRows: number;
  processedRows: number;
  /** Every row error; a file with any error changes nothing. */
  errors: ImportRowError[];
  accepted: number;
  startedAt: string;
  finishedAt: string | null;
}
