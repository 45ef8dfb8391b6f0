import type { ReportField, ReportTemplate } from '@ioc/sdk';
import type { ReportValue, ReportValues } from '../../api/reports.dto.js';
import { isNumeric } from './catalog.js';

export interface FieldProblem {
  /** The field key (without the `values.` prefix). */
  field: string;
  problem: string;
}

const MAX_TEXT = 2000;

function bounds(field: ReportField, n: number): string | undefined {
  if (field.type === 'integer' && !Number.isInteger(n)) return `must be a whole number (got ${n})`;
  if (field.min !== undefined && n < field.min) return `must be at least ${field.min} (got ${n})`;
  if (field.max !== undefined && n > field.max) return `must be at most ${field.max} (got ${n})`;
  return undefined;
}

/** Checks one value given as JSON: numbers for numeric fields, strings for text. Null or '' means empty. */
export function checkValue(field: ReportField, value: unknown): { value?: ReportValue; problem?: string } {
  if (value === null || value === undefined || value === '') return {};
  if (isNumeric(field)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: `must be a ${field.type === 'integer' ? 'whole number' : 'number'}` };
    const p = bounds(field, value);
    return p ? { problem: p } : { value };
  }
  if (typeof value !== 'string') return { problem: 'must be text' };
  const s = value.trim();
  if (s.length > MAX_TEXT) return { problem: `must be at most ${MAX_TEXT} characters` };
  return s ? { value: s } : {};
}

/**
 * Reads a number as people type it in a CSV or a text cell: `1234`, `-12.5`, `12,5` (decimal
 * comma). Thousands separators are not guessed: `1.234` is one point two three four, which an
 * integer field then refuses instead of silently reading a thousand.
 */
export function parseNumberText(raw: string): number | undefined {
  const s = raw.replace(/[\s\u00a0]/g, '');
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^[+-]?\d+,\d+$/.test(s)) return Number(s.replace(',', '.'));
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(s)) return Number(s);
  return undefined;
}

/** Checks one spreadsheet or CSV cell: numbers may arrive as text. */
export function checkCell(field: ReportField, raw: unknown): { value?: ReportValue; problem?: string } {
  if (raw === null || raw === undefined) return {};
  if (typeof raw === 'string' && raw.trim() === '') return {};
  if (isNumeric(field)) {
    let n: number | undefined;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string') n = parseNumberText(raw);
    if (n === undefined || !Number.isFinite(n)) return { problem: `"${String(raw instanceof Date ? raw.toISOString().slice(0, 10) : raw)}" is not a ${field.type === 'integer' ? 'whole number' : 'number'}` };
    const p = bounds(field, n);
    return p ? { problem: p } : { value: n };
  }
  if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
  return checkValue(field, typeof raw === 'string' ? raw : String(raw));
}

/** Required fields that are empty, as problems. */
export function requiredProblems(template: ReportTemplate, values: ReportValues): FieldProblem[] {
  return Object.entries(template.fields)
    .filter(([key, f]) => f.required && values[key] === undefined)
    .map(([key]) => ({ field: key, problem: 'is required' }));
}

/**
 * Validates the values of a submission against the template: unknown fields, types, whole
 * numbers, bounds, required fields. Returns the cleaned values (empties dropped) and every problem.
 */
export function validateValues(template: ReportTemplate, input: Record<string, unknown>): { values: ReportValues; problems: FieldProblem[] } {
  const values: ReportValues = {};
  const problems: FieldProblem[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const field = template.fields[key];
    if (!field) {
      problems.push({ field: key, problem: `is not a field of this report (fields: ${Object.keys(template.fields).join(', ')})` });
      continue;
    }
    const r = checkValue(field, raw);
    if (r.problem) problems.push({ field: key, problem: r.problem });
    else if (r.value !== undefined) values[key] = r.value;
  }
  const bad = new Set(problems.map((p) => p.field));
  problems.push(...requiredProblems(template, values).filter((p) => !bad.has(p.field)));
  return { values, problems };
}

/** Non-required fields left empty: a submitted report missing them is incomplete. */
export function missingFields(template: ReportTemplate, values: ReportValues | null | undefined): string[] {
  if (!values) return [];
  return Object.keys(template.fields).filter((k) => values[k] === undefined || values[k] === null || values[k] === '');
}
