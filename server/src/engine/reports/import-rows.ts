/**
 * Turning the rows of an uploaded table into submissions: header mapping, then every cell of
 * every row checked. All errors are collected (row and column like a spreadsheet); the caller
 * writes nothing when there is any.
 */
import type { ImportRowError, ReportTemplate } from '@ioc/sdk';
import type { ReportValues } from '../../api/reports.dto.js';
import { dueAt, periodFromCell, templatePeriod } from './due.js';
import type { RegionTree } from '../registry/region-tree.js';
import { columnLetter, type CellValue, type TableRow } from './tabular.js';
import { checkCell, requiredProblems } from './validate.js';

/** Header text reduced to a key: accents dropped, đ → d, lower case, runs of other characters → `_`, a trailing `(unit)` ignored. */
export function headerKey(text: string): string {
  return text
    .replace(/\([^)]*\)\s*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const REGION_HEADERS = ['ma_don_vi', 'region_id', 'ma_dv', 'region'];
const PERIOD_HEADERS = ['ky', 'period', 'ky_bao_cao'];
/** Columns a filled-in form may carry that the import reads past (the unit's name). */
const IGNORED_HEADERS = ['ten_don_vi', 'region_name', 'name', 'stt', 'ghi_chu_nhap'];

export type ColumnRole = { kind: 'region' } | { kind: 'period' } | { kind: 'field'; key: string } | { kind: 'ignored' };

/** What each header may be called: the field key, its Vietnamese and English names. */
export function headerAliases(template: ReportTemplate): Map<string, ColumnRole> {
  const m = new Map<string, ColumnRole>();
  for (const h of REGION_HEADERS) m.set(h, { kind: 'region' });
  for (const h of PERIOD_HEADERS) m.set(h, { kind: 'period' });
  for (const h of IGNORED_HEADERS) m.set(h, { kind: 'ignored' });
  for (const [key, f] of Object.entries(template.fields)) {
    for (const alias of [key, f.name.vi, f.name.en]) {
      const k = headerKey(alias);
      if (k && !m.has(k)) m.set(k, { kind: 'field', key });
    }
  }
  return m;
}

export interface ImportRecord {
  row: number;
  regionId: string;
  period: string;
  periodKind: ReportTemplate['period'];
  periodStart: Date;
  late: boolean;
  values: ReportValues;
}

export interface ImportCheck {
  /** Rows with data below the header. */
  totalRows: number;
  records: ImportRecord[];
  errors: ImportRowError[];
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/**
 * Finds the header row: the first of the first ten rows holding a region-id column, else the
 * first row (so a title line above the table is allowed).
 */
function findHeader(rows: TableRow[]): number {
  for (let i = 0; i < Math.min(10, rows.length); i++) {
    if (rows[i]!.cells.some((c) => REGION_HEADERS.includes(headerKey(cellText(c))))) return i;
  }
  return 0;
}

export interface CheckOptions {
  template: ReportTemplate;
  regions: RegionTree;
  now: Date;
  maxRows: number;
  /** Called as rows are checked; may pause (the caller yields to the event loop). */
  onProgress?: (processed: number, total: number) => Promise<void> | void;
  progressEvery?: number;
}

export async function checkRows(rows: TableRow[], opts: CheckOptions): Promise<ImportCheck> {
  const { template, regions, now } = opts;
  const errors: ImportRowError[] = [];
  if (rows.length === 0) return { totalRows: 0, records: [], errors: [{ row: 1, column: 'A', message: 'the file has no header row and no data' }] };
  const h = findHeader(rows);
  const header = rows[h]!;
  const aliases = headerAliases(template);
  const roles: Array<ColumnRole | undefined> = [];
  const seen = new Map<string, string>();
  header.cells.forEach((c, i) => {
    const text = cellText(c);
    if (!text) return;
    const role = aliases.get(headerKey(text));
    const col = columnLetter(i);
    if (!role) {
      errors.push({ row: header.row, column: col, message: `unknown column "${text}"; expected ma_don_vi, ky and the fields ${Object.keys(template.fields).join(', ')}` });
      return;
    }
    const id = role.kind === 'field' ? `field:${role.key}` : role.kind;
    if (role.kind !== 'ignored' && seen.has(id)) {
      errors.push({ row: header.row, column: col, field: role.kind === 'field' ? role.key : undefined, message: `column "${text}" repeats column ${seen.get(id)}` });
      return;
    }
    seen.set(id, col);
    roles[i] = role;
  });
  const missingCol = (what: string) => errors.push({ row: header.row, column: columnLetter(header.cells.length), message: `missing column ${what}` });
  if (!seen.has('region')) missingCol('ma_don_vi (region id)');
  if (!seen.has('period')) missingCol('ky (period)');
  for (const [key, f] of Object.entries(template.fields)) {
    if (f.required && !seen.has(`field:${key}`)) errors.push({ row: header.row, column: columnLetter(header.cells.length), field: key, message: `missing column for required field ${key} (${f.name.vi})` });
  }
  const data = rows.slice(h + 1);
  if (data.length > opts.maxRows) {
    errors.push({ row: data[opts.maxRows]!.row, column: 'A', message: `too many rows: at most ${opts.maxRows} data rows per file` });
    return { totalRows: data.length, records: [], errors };
  }
  // Without the region and period columns no row can be read.
  if (!seen.has('region') || !seen.has('period')) return { totalRows: data.length, records: [], errors };

  const regionCol = roles.findIndex((r) => r?.kind === 'region');
  const periodCol = roles.findIndex((r) => r?.kind === 'period');
  const records: ImportRecord[] = [];
  const firstRowOf = new Map<string, number>();
  const every = opts.progressEvery ?? 100;
  for (let n = 0; n < data.length; n++) {
    const r = data[n]!;
    const rowErrors: ImportRowError[] = [];
    const err = (col: number, message: string, field?: string) => rowErrors.push({ row: r.row, column: columnLetter(col), ...(field ? { field } : {}), message });
    for (let i = header.cells.length; i < r.cells.length; i++) {
      if (cellText(r.cells[i]) !== '') err(i, 'value in a column without a header');
    }
    const regionId = cellText(r.cells[regionCol]);
    const region = regionId ? regions.get(regionId) : undefined;
    if (!regionId) err(regionCol, 'region id (ma_don_vi) is empty');
    else if (!region) err(regionCol, `no region "${regionId}"`);
    else if (region.level !== template.level) err(regionCol, `"${regionId}" is a ${region.level}; this report is submitted by each ${template.level}`);

    const periodRaw = r.cells[periodCol];
    const periodKey = periodFromCell(template.period, periodRaw);
    let period: ReturnType<typeof templatePeriod> | undefined;
    if (cellText(periodRaw) === '') err(periodCol, 'period (ky) is empty');
    else if (!periodKey) err(periodCol, `"${cellText(periodRaw)}" is not a period (e.g. ${template.period === 'month' ? '2026-11 or 11/2026' : '2026-Q4'})`);
    else {
      period = templatePeriod(template, periodKey);
      if (typeof period === 'string') err(periodCol, period);
      else if (period.start > now) err(periodCol, `${period.key} has not begun; a report cannot be submitted for a future period`);
    }

    const values: ReportValues = {};
    roles.forEach((role, i) => {
      if (role?.kind !== 'field') return;
      const c = checkCell(template.fields[role.key]!, r.cells[i]);
      if (c.problem) err(i, `${role.key} (${template.fields[role.key]!.name.vi}): ${c.problem}`, role.key);
      else if (c.value !== undefined) values[role.key] = c.value;
    });
    for (const p of requiredProblems(template, values)) {
      const col = roles.findIndex((x) => x?.kind === 'field' && x.key === p.field);
      if (col >= 0 && !rowErrors.some((e) => e.field === p.field)) err(col, `${p.field} (${template.fields[p.field]!.name.vi}) is required`, p.field);
    }
    if (region && period && typeof period !== 'string') {
      const k = `${region.id}|${period.key}`;
      const first = firstRowOf.get(k);
      if (first !== undefined) err(regionCol, `${region.id} ${period.key} is already in row ${first}`);
      else firstRowOf.set(k, r.row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (period && typeof period !== 'string') {
      records.push({ row: r.row, regionId, period: period.key, periodKind: period.kind, periodStart: period.start, late: now > dueAt(template, period), values });
    }
    if (opts.onProgress && ((n + 1) % every === 0 || n + 1 === data.length)) await opts.onProgress(n + 1, data.length);
  }
  if (data.length === 0) errors.push({ row: header.row + 1, column: 'A', message: 'the file has a header but no data rows' });
  return { totalRows: data.length, records, errors };
}
