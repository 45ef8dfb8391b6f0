/**
 * The reporting chain of the sector OCs (REQUIREMENTS §2.2, §2.5, §2.6): units submit the
 * periodic statistics of the module manifests' report templates, by JSON form or CSV/XLSX
 * import; the service tracks status per template × region × period, flags overdue and
 * incomplete reports, announces each newly overdue one on the bus, and consolidates along
 * unit → district → province.
 *
 * Who may submit: identity arrives with the [security] issue. Until then the submitter names
 * themself (`submittedBy`) and the only check is that the region reported for is of the
 * template's level (a commune reports a commune-level template, a district a district one).
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { periodOf, previousPeriod, type ImportRowError, type PeriodRange, type ReportTemplate } from '@ioc/sdk';
import type {
  ReportImportProgress,
  ReportStatusResponse,
  ReportStatusRow,
  ReportStatusSummary,
  ReportSubmission,
  ReportSubmissionDetail,
  ReportSubmissionHistoryEntry,
  ReportTemplateInfo,
  ReportValues,
  ReturnReportRequest,
  SubmitReportRequest,
} from '../../api/reports.dto.js';
import type { Bus } from '../bus/bus.js';
import type { Database, SqlStatement } from '../db/database.js';
import { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { systemClock, type Clock } from '../time/clock.js';
import { ReportCatalog, type TemplateEntry } from './catalog.js';
import { dueAt, periodsCovered, templatePeriod } from './due.js';
import { buildExportRows, toCsv, toXlsx, type ExportSubmission } from './export.js';
import { checkRows, type ImportRecord } from './import-rows.js';
import { LEVEL_DEPTH, RegionTree, type RegionNode } from '../registry/region-tree.js';
import { unitStatus } from './status.js';
import { detectFormat, readTable, TableError, type TableFormat } from './tabular.js';
import { validateValues } from './validate.js';

/** Bus channel: a template × region × period just became overdue (published once for each). */
export const REPORTS_OVERDUE = 'reports.overdue';
/** Bus channel: standing submissions of a template changed (submitted, imported, returned). */
export const REPORTS_CHANGED = 'reports.changed';

export interface ReportOverdue {
  templateId: string;
  sector: string;
  regionId: string;
  regionName: string;
  parentId: string | null;
  period: string;
  dueAt: string;
  /** not_started: nothing came; returned: sent back and not resubmitted. */
  status: 'not_started' | 'returned';
  detectedAt: string;
}

export type ReportErrorCode = 'not-found' | 'invalid' | 'conflict' | 'unsupported' | 'too-large';

/** A refusal the API turns into problem+json; `problems` name each bad field. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    readonly problems: Array<{ field: string; problem: string }> = [],
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

export interface ReportServiceOptions {
  clock?: Clock;
  log?: Logger;
  /** Largest upload accepted, bytes. */
  maxImportBytes?: number;
  /** Most data rows in one imported file. */
  maxImportRows?: number;
  /** How many past due periods of each template the overdue scan looks at. */
  overdueLookback?: number;
}

export const DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const TERMINAL = new Set(['done', 'rejected', 'failed']);
/** An import not finished, not running here, and silent this long was cut off by a restart. */
const STALE_IMPORT_MS = 2 * 60_000;

interface SubmissionRow {
  id: string;
  template_id: string;
  region_id: string;
  period_kind: ReportTemplate['period'];
  period_key: string;
  period_start: Date | string;
  values: ReportValues;
  status: 'submitted' | 'returned';
  submitted_at: Date | string;
  submitted_by: string;
  late: boolean;
  version: number;
  returned_reason: string | null;
  returned_at: Date | string | null;
  returned_by: string | null;
}

const SUBMISSION_COLUMNS = `id::text AS id, template_id, region_id, period_kind, period_key, period_start, "values", status, submitted_at,
  submitted_by, late, version, returned_reason, returned_at, returned_by`;

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * One statement that upserts the submissions in `$1` (a JSON array) and records each in the
 * history: a resubmission replaces the values, bumps the version and clears a return.
 */
function upsertStatement(records: Array<{ templateId: string; regionId: string; periodKind: string; periodKey: string; periodStart: Date; values: ReportValues; submittedAt: Date; submittedBy: string; late: boolean }>, importId: string | null): SqlStatement {
  const json = records.map((r) => ({
    template_id: r.templateId,
    region_id: r.regionId,
    period_kind: r.periodKind,
    period_key: r.periodKey,
    period_start: r.periodStart.toISOString(),
    values: r.values,
    submitted_at: r.submittedAt.toISOString(),
    submitted_by: r.submittedBy,
    late: r.late,
  }));
  return {
    sql: `WITH up AS (
        INSERT INTO report_submission AS s (template_id, region_id, period_kind, period_key, period_start, "values", status, submitted_at, submitted_by, late, version)
        SELECT x.template_id, x.region_id, x.period_kind, x.period_key, x.period_start, x."values", 'submitted', x.submitted_at, x.submitted_by, x.late, 1
        FROM jsonb_to_recordset($1::jsonb) AS x(template_id text, region_id text, period_kind text, period_key text, period_start timestamptz,
          "values" jsonb, submitted_at timestamptz, submitted_by text, late boolean)
        ON CONFLICT (template_id, region_id, period_key) DO UPDATE SET "values" = excluded."values", status = 'submitted',
          submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by, late = excluded.late,
          returned_reason = NULL, returned_at = NULL, returned_by = NULL, version = s.version + 1
        RETURNING s.*
      ), hist AS (
        INSERT INTO report_submission_history (submission_id, template_id, region_id, period_key, version, action, "values", late, actor, at, import_id)
        SELECT id, template_id, region_id, period_key, version, CASE WHEN version = 1 THEN 'submitted' ELSE 'resubmitted' END,
          "values", late, submitted_by, submitted_at, $2::text FROM up
      )
      SELECT ${SUBMISSION_COLUMNS} FROM up`,
    params: [JSON.stringify(json), importId],
  };
}

export class ReportService {
  readonly catalog: ReportCatalog;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly maxImportBytes: number;
  private readonly maxImportRows: number;
  private readonly overdueLookback: number;
  private tree?: Promise<RegionTree>;
  private readonly imports = new Map<string, ReportImportProgress>();
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private scanning?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    modules: ModuleRegistry,
    private readonly bus: Bus,
    opts: ReportServiceOptions = {},
  ) {
    this.catalog = new ReportCatalog(modules);
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? new Logger('warn', 'reports');
    this.maxImportBytes = opts.maxImportBytes ?? DEFAULT_MAX_IMPORT_BYTES;
    this.maxImportRows = opts.maxImportRows ?? 20_000;
    this.overdueLookback = opts.overdueLookback ?? 2;
  }

  /** The geography, loaded once (the seed changes only at boot). */
  regions(): Promise<RegionTree> {
    if (!this.tree) {
      this.tree = RegionTree.load(this.db);
      this.tree.catch(() => (this.tree = undefined));
    }
    return this.tree;
  }

  // ---- templates ---------------------------------------------------------------------------

  entry(templateId: string): TemplateEntry {
    const e = this.catalog.get(templateId);
    if (!e) throw new ReportError('not-found', `no report template "${templateId}" (templates: ${this.catalog.list().map((t) => t.id).join(', ') || 'none'})`);
    return e;
  }

  private info(e: TemplateEntry): ReportTemplateInfo {
    const current = periodOf(e.template.period, this.clock.now());
    return { id: e.id, sector: e.sector, key: e.key, ...e.template, currentPeriod: current.key, currentDueAt: dueAt(e.template, current).toISOString() };
  }

  templates(): ReportTemplateInfo[] {
    return this.catalog.list().map((e) => this.info(e));
  }

  template(templateId: string): ReportTemplateInfo {
    return this.info(this.entry(templateId));
  }

  // ---- submissions -------------------------------------------------------------------------

  private toSubmission(r: SubmissionRow, tree: RegionTree, t: ReportTemplate): ReportSubmission {
    const period = periodOf(r.period_kind, new Date(r.period_start));
    return {
      id: r.id,
      templateId: r.template_id,
      regionId: r.region_id,
      regionName: tree.get(r.region_id)?.name ?? r.region_id,
      period: r.period_key,
      periodKind: r.period_kind,
      periodStart: iso(r.period_start),
      status: r.status,
      values: r.values,
      submittedAt: iso(r.submitted_at),
      submittedBy: r.submitted_by,
      late: r.late,
      dueAt: dueAt(t, period).toISOString(),
      version: r.version,
      returnedReason: r.returned_reason,
      returnedAt: r.returned_at ? iso(r.returned_at) : null,
      returnedBy: r.returned_by,
    };
  }

  /** The region a question is about: the one named, else the province. */
  private async rootRegion(regionId: string | undefined, template: ReportTemplate): Promise<{ tree: RegionTree; root: RegionNode }> {
    const tree = await this.regions();
    const root = regionId ? tree.get(regionId) : tree.root();
    if (!root) throw new ReportError('invalid', `no region "${regionId}"`, [{ field: 'regionId', problem: `no region "${regionId}"` }]);
    if (LEVEL_DEPTH[root.level] > LEVEL_DEPTH[template.level]) {
      const problem = `"${root.id}" is a ${root.level}, below the ${template.level}s this report is submitted by`;
      throw new ReportError('invalid', problem, [{ field: 'regionId', problem }]);
    }
    return { tree, root };
  }

  /** A JSON form submission (or resubmission) of one region's report for one period. */
  async submit(templateId: string, req: SubmitReportRequest): Promise<ReportSubmission> {
    const entry = this.entry(templateId);
    const t = entry.template;
    const tree = await this.regions();
    const now = this.clock.now();
    const problems: Array<{ field: string; problem: string }> = [];
    const region = tree.get(req.regionId);
    if (!region) problems.push({ field: 'regionId', problem: `no region "${req.regionId}"` });
    else if (region.level !== t.level) problems.push({ field: 'regionId', problem: `"${req.regionId}" is a ${region.level}; this report is submitted by each ${t.level}` });
    const period = templatePeriod(t, req.period);
    if (typeof period === 'string') problems.push({ field: 'period', problem: period });
    else if (period.start > now) problems.push({ field: 'period', problem: `${period.key} has not begun; a report cannot be submitted for a future period` });
    // Historical back-fill (records kept on paper or in another system) says when the unit submitted.
    const submittedAt = req.submittedAt ? new Date(req.submittedAt) : now;
    if (Number.isNaN(submittedAt.getTime())) problems.push({ field: 'submittedAt', problem: 'must be an ISO-8601 date-time' });
    else if (submittedAt.getTime() > now.getTime() + 60_000) problems.push({ field: 'submittedAt', problem: 'must not be in the future' });
    else if (req.submittedAt && typeof period !== 'string' && period.start <= now && submittedAt < period.start) problems.push({ field: 'submittedAt', problem: `is before ${period.key} began` });
    const checked = validateValues(t, req.values);
    problems.push(...checked.problems.map((p) => ({ field: `values.${p.field}`, problem: p.problem })));
    if (problems.length || typeof period === 'string') throw new ReportError('invalid', 'invalid submission', problems);
    const stmt = upsertStatement(
      [{ templateId, regionId: req.regionId, periodKind: period.kind, periodKey: period.key, periodStart: period.start, values: checked.values, submittedAt, submittedBy: req.submittedBy, late: submittedAt > dueAt(t, period) }],
      null,
    );
    const [row] = await this.db.query<SubmissionRow>(stmt.sql, stmt.params);
    this.bus.publish(REPORTS_CHANGED, { templateId });
    return this.toSubmission(row!, tree, t);
  }

  /** Standing submissions of a template, optionally of one period (or the periods of a longer one) and a region subtree. */
  async submissions(templateId: string, q: { period?: string; regionId?: string }): Promise<ReportSubmission[]> {
    const entry = this.entry(templateId);
    const t = entry.template;
    let keys: string[] | null = null;
    if (q.period !== undefined) {
      const ps = periodsCovered(t, q.period, new Date(8.64e15));
      if (typeof ps === 'string') throw new ReportError('invalid', ps, [{ field: 'period', problem: ps }]);
      keys = ps.map((p) => p.key);
    }
    const tree = await this.regions();
    let ids: string[] | null = null;
    if (q.regionId !== undefined) {
      const { root } = await this.rootRegion(q.regionId, t);
      ids = tree.atLevel(root.id, t.level).map((r) => r.id);
    }
    const rows = await this.db.query<SubmissionRow>(
      `SELECT ${SUBMISSION_COLUMNS} FROM report_submission
       WHERE template_id = $1 AND ($2::text[] IS NULL OR period_key = ANY($2::text[])) AND ($3::text[] IS NULL OR region_id = ANY($3::text[]))
       ORDER BY period_start DESC, region_id LIMIT 20000`,
      [templateId, keys, ids],
    );
    return rows.map((r) => this.toSubmission(r, tree, t));
  }

  private async submissionRow(id: string): Promise<SubmissionRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const [row] = await this.db.query<SubmissionRow>(`SELECT ${SUBMISSION_COLUMNS} FROM report_submission WHERE id = $1::bigint`, [id]);
    return row;
  }

  /** One submission with every version and transition. */
  async submission(id: string): Promise<ReportSubmissionDetail> {
    const row = await this.submissionRow(id);
    const entry = row && this.catalog.get(row.template_id);
    if (!row || !entry) throw new ReportError('not-found', `no submission ${id}`);
    const history = await this.db.query<{ version: number; action: ReportSubmissionHistoryEntry['action']; values: ReportValues | null; late: boolean | null; reason: string | null; actor: string; at: Date | string; import_id: string | null }>(
      `SELECT version, action, "values", late, reason, actor, at, import_id FROM report_submission_history WHERE submission_id = $1::bigint ORDER BY id`,
      [id],
    );
    return {
      ...this.toSubmission(row, await this.regions(), entry.template),
      history: history.map((h) => ({ version: h.version, action: h.action, values: h.values, late: h.late, reason: h.reason, actor: h.actor, at: iso(h.at), importId: h.import_id })),
    };
  }

  /** A reviewer sends a submission back with a reason; the unit must resubmit. */
  async returnSubmission(id: string, req: ReturnReportRequest): Promise<ReportSubmission> {
    const now = this.clock.now();
    const [row] = /^\d{1,18}$/.test(id)
      ? await this.db.query<SubmissionRow>(
          `WITH r AS (
             UPDATE report_submission SET status = 'returned', returned_reason = $2, returned_at = $3, returned_by = $4
             WHERE id = $1::bigint AND status = 'submitted' RETURNING *
           ), hist AS (
             INSERT INTO report_submission_history (submission_id, template_id, region_id, period_key, version, action, reason, actor, at)
             SELECT id, template_id, region_id, period_key, version, 'returned', returned_reason, returned_by, returned_at FROM r
           )
           SELECT ${SUBMISSION_COLUMNS} FROM r`,
          [id, req.reason, now.toISOString(), req.returnedBy],
        )
      : [];
    if (!row) {
      const existing = await this.submissionRow(id);
      if (!existing) throw new ReportError('not-found', `no submission ${id}`);
      throw new ReportError('conflict', `submission ${id} is already returned (${existing.returned_reason ?? ''}); it can be returned again after the unit resubmits`);
    }
    this.bus.publish(REPORTS_CHANGED, { templateId: row.template_id });
    const entry = this.catalog.get(row.template_id);
    const tree = await this.regions();
    return this.toSubmission(row, tree, entry?.template ?? ({ dueDays: 0 } as ReportTemplate));
  }

  // ---- status ------------------------------------------------------------------------------

  /**
   * Status of every region of the template's level under `regionId` (default: the province)
   * for `period` (default: the current one; a longer period covers each of the template's
   * periods begun in it, so "this quarter" of a monthly report is its months so far), with
   * counts per parent region.
   */
  async status(templateId: string, q: { period?: string; regionId?: string }): Promise<ReportStatusResponse> {
    const entry = this.entry(templateId);
    const t = entry.template;
    const now = this.clock.now();
    const { tree, root } = await this.rootRegion(q.regionId, t);
    const periodKey = q.period ?? periodOf(t.period, now).key;
    const periods = periodsCovered(t, periodKey, now);
    if (typeof periods === 'string') throw new ReportError('invalid', periods, [{ field: 'period', problem: periods }]);
    const units = tree.atLevel(root.id, t.level);
    const rows = periods.length
      ? await this.db.query<{ region_id: string; period_key: string; status: 'submitted' | 'returned'; late: boolean; values: ReportValues; submitted_at: Date | string; submitted_by: string; returned_reason: string | null }>(
          `SELECT region_id, period_key, status, late, "values", submitted_at, submitted_by, returned_reason FROM report_submission
           WHERE template_id = $1 AND period_key = ANY($2::text[])`,
          [templateId, periods.map((p) => p.key)],
        )
      : [];
    const subs = new Map(rows.map((r) => [`${r.region_id}|${r.period_key}`, r]));
    const entries: ReportStatusRow[] = [];
    for (const p of periods) {
      const due = dueAt(t, p);
      for (const u of units) {
        const sub = subs.get(`${u.id}|${p.key}`);
        const st = unitStatus(t, sub, due, now);
        const parent = tree.parent(u.id);
        entries.push({
          templateId,
          regionId: u.id,
          regionName: u.name,
          level: u.level,
          parentId: parent?.id ?? null,
          parentName: parent?.name ?? null,
          period: p.key,
          status: st.status,
          overdue: st.overdue,
          incomplete: st.incomplete,
          missingFields: st.missingFields,
          dueAt: due.toISOString(),
          submittedAt: sub ? iso(sub.submitted_at) : null,
          submittedBy: sub?.submitted_by ?? null,
          returnedReason: sub?.status === 'returned' ? sub.returned_reason : null,
        });
      }
    }
    const summarise = (region: RegionNode, list: ReportStatusRow[]): ReportStatusSummary => ({
      regionId: region.id,
      regionName: region.name,
      level: region.level,
      expected: list.length,
      submitted: list.filter((e) => e.status === 'submitted' || e.status === 'late').length,
      onTime: list.filter((e) => e.status === 'submitted').length,
      late: list.filter((e) => e.status === 'late').length,
      returned: list.filter((e) => e.status === 'returned').length,
      notStarted: list.filter((e) => e.status === 'not_started').length,
      overdue: list.filter((e) => e.overdue).length,
      incomplete: list.filter((e) => e.incomplete).length,
      overdueRegionIds: [...new Set(list.filter((e) => e.overdue).map((e) => e.regionId))],
    });
    const depth = LEVEL_DEPTH[t.level];
    const parentLevel = (Object.keys(LEVEL_DEPTH) as Array<keyof typeof LEVEL_DEPTH>).find((l) => LEVEL_DEPTH[l] === depth - 1);
    const groups =
      parentLevel && LEVEL_DEPTH[root.level] < depth
        ? tree.atLevel(root.id, parentLevel).map((g) => summarise(g, entries.filter((e) => tree.within(e.regionId, g.id))))
        : [];
    return {
      templateId,
      name: t.name,
      period: periodKey,
      periods: periods.map((p) => ({ key: p.key, dueAt: dueAt(t, p).toISOString() })),
      regionId: root.id,
      asOf: now.toISOString(),
      entries,
      groups,
      total: summarise(root, entries),
    };
  }

  // ---- import ------------------------------------------------------------------------------

  /**
   * Accepts a CSV/XLSX file and checks it in the background: the answer is the queued import;
   * `importProgress` follows it. Every row is checked before anything is written; any error
   * rejects the whole file, otherwise all rows are written in one transaction.
   */
  async startImport(templateId: string, file: { name: string; data: Uint8Array }, submittedBy: string, submittedAt?: Date): Promise<ReportImportProgress> {
    const entry = this.entry(templateId);
    if (submittedAt && submittedAt.getTime() > this.clock.now().getTime() + 60_000) throw new ReportError('invalid', 'submittedAt is in the future', [{ field: 'submittedAt', problem: 'must not be in the future' }]);
    if (file.data.byteLength > this.maxImportBytes) {
      throw new ReportError('too-large', `the file is larger than ${this.maxImportBytes} bytes`, [{ field: 'file', problem: `exceeds ${this.maxImportBytes} bytes` }]);
    }
    const format = detectFormat(file.name, file.data);
    if (format !== 'csv' && format !== 'xlsx') throw new ReportError('unsupported', `${file.name} ${format}`, [{ field: 'file', problem: format }]);
    const progress: ReportImportProgress = {
      id: randomUUID(),
      templateId,
      fileName: file.name,
      format,
      state: 'queued',
      totalRows: 0,
      processedRows: 0,
      errors: [],
      accepted: 0,
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
    };
    await this.db.query(
      `INSERT INTO report_import (id, template_id, file_name, file_format, file_size, submitted_by, state, started_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7)`,
      [progress.id, templateId, file.name, format, file.data.byteLength, submittedBy, progress.startedAt],
    );
    this.imports.set(progress.id, progress);
    const run = this.runImport(entry, progress, format, file.data, submittedBy, submittedAt).finally(() => {
      this.running.delete(run);
      this.imports.delete(progress.id);
    });
    this.running.add(run);
    return { ...progress };
  }

  private persistImport(p: ReportImportProgress): SqlStatement {
    return {
      sql: `UPDATE report_import SET state = $2, total_rows = $3, processed_rows = $4, accepted = $5, errors = $6::jsonb, finished_at = $7, updated_at = now() WHERE id = $1`,
      params: [p.id, p.state, p.totalRows, p.processedRows, p.accepted, JSON.stringify(p.errors), p.finishedAt],
    };
  }

  private async saveImport(p: ReportImportProgress): Promise<void> {
    const s = this.persistImport(p);
    await this.db.query(s.sql, s.params);
  }

  private async runImport(entry: TemplateEntry, p: ReportImportProgress, format: TableFormat, data: Uint8Array, submittedBy: string, submittedAt?: Date): Promise<void> {
    const finish = async (state: 'done' | 'rejected' | 'failed', errors: ImportRowError[] = []) => {
      p.state = state;
      p.errors = errors;
      p.finishedAt = this.clock.now().toISOString();
      await this.saveImport(p);
    };
    try {
      await yieldToLoop();
      p.state = 'parsing';
      await this.saveImport(p);
      let rows;
      try {
        rows = await readTable(format, data);
      } catch (err) {
        if (err instanceof TableError) return await finish('rejected', [{ row: err.row, column: '', message: `the file ${err.message}` }]);
        throw err;
      }
      p.state = 'validating';
      const tree = await this.regions();
      const now = this.clock.now();
      let lastSaved = 0;
      const check = await checkRows(rows, {
        template: entry.template,
        regions: tree,
        now,
        maxRows: this.maxImportRows,
        progressEvery: 100,
        onProgress: async (processed, total) => {
          p.processedRows = processed;
          p.totalRows = total;
          if (processed - lastSaved >= 2000) {
            lastSaved = processed;
            await this.saveImport(p);
          }
          await yieldToLoop();
        },
      });
      p.totalRows = check.totalRows;
      p.processedRows = check.totalRows;
      if (check.errors.length) {
        this.log.info('import rejected', { importId: p.id, templateId: entry.id, errors: check.errors.length });
        return await finish('rejected', check.errors);
      }
      p.state = 'writing';
      await this.saveImport(p);
      const at = this.clock.now();
      const done: ReportImportProgress = { ...p, state: 'done', accepted: check.records.length, finishedAt: at.toISOString() };
      await this.db.transaction([
        upsertStatement(
          check.records.map((r: ImportRecord) => ({ templateId: entry.id, regionId: r.regionId, periodKind: r.periodKind, periodKey: r.period, periodStart: r.periodStart, values: r.values, submittedAt: submittedAt ?? at, submittedBy, late: (submittedAt ?? at) > dueAt(entry.template, periodOf(r.periodKind, r.periodStart)) })),
          p.id,
        ),
        this.persistImport(done),
      ]);
      Object.assign(p, done);
      this.bus.publish(REPORTS_CHANGED, { templateId: entry.id });
      this.log.info('import done', { importId: p.id, templateId: entry.id, rows: p.accepted });
    } catch (err) {
      this.log.error('import failed', { importId: p.id, error: (err as Error).message });
      try {
        await finish('failed', [{ row: 0, column: '', message: `the import failed and wrote nothing: ${(err as Error).message}` }]);
      } catch {
        p.state = 'failed';
      }
    }
  }

  async importProgress(id: string): Promise<ReportImportProgress> {
    const live = this.imports.get(id);
    if (live) return { ...live, errors: [...live.errors] };
    const [r] = await this.db.query<{ id: string; template_id: string; file_name: string; file_format: 'csv' | 'xlsx'; state: ReportImportProgress['state']; total_rows: number; processed_rows: number; accepted: number; errors: ImportRowError[]; started_at: Date | string; finished_at: Date | string | null; updated_at: Date | string }>(
      `SELECT id, template_id, file_name, file_format, state, total_rows, processed_rows, accepted, errors, started_at, finished_at, updated_at FROM report_import WHERE id = $1`,
      [id],
    );
    if (!r) throw new ReportError('not-found', `no import "${id}"`);
    const stale = !TERMINAL.has(r.state) && this.clock.now().getTime() - new Date(r.updated_at).getTime() > STALE_IMPORT_MS;
    return {
      id: r.id,
      templateId: r.template_id,
      fileName: r.file_name,
      format: r.file_format,
      state: stale ? 'failed' : r.state,
      totalRows: r.total_rows,
      processedRows: r.processed_rows,
      errors: stale ? [{ row: 0, column: '', message: 'the import was interrupted (the server restarted) and wrote nothing; upload the file again' }] : r.errors,
      accepted: r.accepted,
      startedAt: iso(r.started_at),
      finishedAt: r.finished_at ? iso(r.finished_at) : null,
    };
  }

  /** Waits for the imports running in this process (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  // ---- export ------------------------------------------------------------------------------

  /** Consolidated table of one period along unit → district → province, as XLSX or CSV. */
  async export(templateId: string, q: { period?: string; regionId?: string; format: 'xlsx' | 'csv'; lang: 'vi' | 'en' }): Promise<{ data: Buffer; contentType: string; fileName: string }> {
    const entry = this.entry(templateId);
    const t = entry.template;
    const now = this.clock.now();
    const { tree, root } = await this.rootRegion(q.regionId, t);
    const period = q.period === undefined ? periodOf(t.period, now) : templatePeriod(t, q.period);
    if (typeof period === 'string') throw new ReportError('invalid', period, [{ field: 'period', problem: period }]);
    const ids = tree.atLevel(root.id, t.level).map((r) => r.id);
    const rows = await this.db.query<{ region_id: string; status: 'submitted' | 'returned'; late: boolean; values: ReportValues; submitted_at: Date | string; submitted_by: string }>(
      `SELECT region_id, status, late, "values", submitted_at, submitted_by FROM report_submission WHERE template_id = $1 AND period_key = $2 AND region_id = ANY($3::text[])`,
      [templateId, period.key, ids],
    );
    const submissions = new Map<string, ExportSubmission>(rows.map((r) => [r.region_id, { status: r.status, late: r.late, values: r.values, submittedAt: new Date(r.submitted_at), submittedBy: r.submitted_by }]));
    const input = { entry, tree, root, period: period.key, dueAt: dueAt(t, period), now, submissions };
    const table = buildExportRows(input);
    const fileName = `${templateId}_${period.key}_${root.id}.${q.format}`;
    if (q.format === 'csv') return { data: toCsv(input, table, q.lang), contentType: 'text/csv; charset=utf-8', fileName };
    return { data: await toXlsx(input, table, q.lang), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName };
  }

  // ---- overdue scan ------------------------------------------------------------------------

  /** The last `n` periods of a template whose due instant has passed at `now`, newest first. */
  private duePeriods(t: ReportTemplate, now: Date, n: number): PeriodRange[] {
    let p = periodOf(t.period, now);
    while (dueAt(t, p) >= now) p = previousPeriod(p);
    const out: PeriodRange[] = [];
    for (let i = 0; i < n; i++, p = previousPeriod(p)) out.push(p);
    return out;
  }

  /**
   * Finds the template × region × period that are overdue (past due, not submitted or returned
   * and not resubmitted) among each template's recent due periods, records them, and publishes
   * `reports.overdue` for those not seen before. Returns what it published.
   */
  async scanOverdue(): Promise<ReportOverdue[]> {
    const now = this.clock.now();
    const tree = await this.regions();
    const published: ReportOverdue[] = [];
    for (const entry of this.catalog.list()) {
      const t = entry.template;
      const periods = this.duePeriods(t, now, this.overdueLookback);
      const units = tree.roots().flatMap((r) => tree.atLevel(r.id, t.level));
      if (!units.length) continue;
      const subs = await this.db.query<{ region_id: string; period_key: string; status: 'submitted' | 'returned' }>(
        `SELECT region_id, period_key, status FROM report_submission WHERE template_id = $1 AND period_key = ANY($2::text[])`,
        [entry.id, periods.map((p) => p.key)],
      );
      const state = new Map(subs.map((s) => [`${s.region_id}|${s.period_key}`, s.status]));
      const regionIds: string[] = [];
      const keys: string[] = [];
      const dues: string[] = [];
      for (const p of periods) {
        for (const u of units) {
          if (state.get(`${u.id}|${p.key}`) === 'submitted') continue;
          regionIds.push(u.id);
          keys.push(p.key);
          dues.push(dueAt(t, p).toISOString());
        }
      }
      if (!regionIds.length) continue;
      const fresh = await this.db.query<{ region_id: string; period_key: string; due_at: Date | string }>(
        `INSERT INTO report_overdue_notice (template_id, region_id, period_key, due_at, detected_at)
         SELECT $1, r, p, d, $5 FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS x(r, p, d)
         ON CONFLICT DO NOTHING RETURNING region_id, period_key, due_at`,
        [entry.id, regionIds, keys, dues, now.toISOString()],
      );
      for (const f of fresh) {
        const region = tree.get(f.region_id);
        const notice: ReportOverdue = {
          templateId: entry.id,
          sector: entry.sector,
          regionId: f.region_id,
          regionName: region?.name ?? f.region_id,
          parentId: region?.parentId ?? null,
          period: f.period_key,
          dueAt: iso(f.due_at),
          status: state.get(`${f.region_id}|${f.period_key}`) === 'returned' ? 'returned' : 'not_started',
          detectedAt: now.toISOString(),
        };
        this.bus.publish(REPORTS_OVERDUE, notice);
        published.push(notice);
      }
      if (fresh.length) this.log.info('reports overdue', { templateId: entry.id, count: fresh.length });
    }
    return published;
  }

  /** Runs the overdue scan now and then every `intervalMs` (the worker role). */
  startOverdueScan(intervalMs = 60_000): void {
    const tick = () => {
      if (this.scanning || this.stopped) return;
      this.scanning = this.scanOverdue()
        .catch((err) => this.log.warn('overdue scan failed', { error: (err as Error).message }))
        .finally(() => (this.scanning = undefined));
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stops the scan and waits for running imports; call before the database closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.scanning;
    await this.idle();
  }
}
