import { periodOf, type PeriodRange } from '@ioc/sdk';
import type { RegionFeature } from '../geo/region-feature.js';
import { simulatedTemplates, type SimulatedTemplate } from '../model/sector-manifests.js';
import type { Log } from '../publish/mqtt-connection.js';
import { hashSeed } from '../random/seeded-random.js';
import { Memo } from '../telemetry/arrivals.js';
import { batchCsv, expectedStates, importBatchJob, sameValues, unitJob, type ReportAction, type ReportJob } from './report-jobs.js';
import { ReportApiError, ReportClient, type StandingSubmission } from './report-client.js';
import { dueAt, periodsBetween } from './report-values.js';

export interface ReportSubmitterOptions {
  apiUrl: string;
  token?: string;
  /** Seed of the plans (the province model's seed). */
  seed: number;
  /** The seed geography: the units that report are its communes, districts and the province. */
  regions: readonly RegionFeature[];
  log?: Log;
  /** Per-request detail: refused submissions (422), returns, imports. */
  debug?: Log;
  signal?: AbortSignal;
  /** Clock (ms); tests move it. */
  now?: () => number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** How often the live loop looks for reports that came due (default 30 s). */
  tickMs?: number;
  templates?: SimulatedTemplate[];
  /**
   * The commune-level monthly template and the district whose communes' batch goes up as a CSV
   * import instead of form by form (default: the first commune-level monthly template and a
   * district picked by the seed; `null` turns imports off).
   */
  importBatch?: { templateId: string; districtId: string } | null;
}

export interface ReportStats {
  templates: number;
  /** Units × periods due so far that have (or will get) a report, and those that never will. */
  planned: number;
  missing: number;
  /** Form submissions sent, and what the server did with them. */
  submitted: number;
  accepted: number;
  /** Of the accepted, marked late by the server. */
  late: number;
  /** Refused with 422: the deliberate wrong figures that break a field's bounds. */
  refused: number;
  corrected: number;
  returned: number;
  imports: number;
  importRows: number;
  importsRejected: number;
  /** Unit × period jobs found already done on the server at start (not sent again). */
  alreadyThere: number;
  /** Answers the plan did not expect (a refused good report, an accepted bad one, a server error). */
  unexpected: number;
  /** Whether the server honoured `submittedAt` (undefined until the first accepted back-fill answer). */
  submittedAtHonoured?: boolean;
}

export interface ReportSubmitter {
  readonly stats: ReportStats;
  /** Resolves when the back-fill of the year so far is done (or given up). */
  readonly backfilled: Promise<void>;
  stop(): Promise<ReportStats>;
}

const DAY_MS = 86_400_000;
/** Late reports and corrections arrive up to ~80 days after the due date; the live loop looks that far back. */
const LIVE_LOOKBACK_MS = 90 * DAY_MS;

/** The district whose commune batch goes by CSV (deterministic from the seed). */
function defaultImportBatch(templates: readonly SimulatedTemplate[], regions: readonly RegionFeature[], seed: number): { templateId: string; districtId: string } | null {
  const template = templates.find((t) => t.template.level === 'commune' && t.template.period === 'month');
  const districts = regions.filter((r) => r.properties.level === 'district').map((r) => r.properties.id).sort();
  if (!template || districts.length === 0) return null;
  return { templateId: template.id, districtId: districts[hashSeed(seed, 'import-district') % districts.length] as string };
}

/** Runs `worker` over the items with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, worker: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length && !signal?.aborted) await worker(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, run));
}

/**
 * Submits every module's periodic reports through the REST API the way the province's units
 * would: at start it back-fills the year so far (periods whose due date falls in the current
 * year), skipping what the server already has; then every `tickMs` it sends what has come due
 * since — on time, late, wrong on purpose (refused with 422, or accepted and later returned by
 * a reviewer), corrected, or never. One district's communes send one monthly template as a CSV
 * import. Everything follows `planUnitPeriod`, so a restart repeats the same story.
 */
export function startReportSubmitter(options: ReportSubmitterOptions): ReportSubmitter {
  const log = options.log ?? (() => {});
  const debug = options.debug ?? (() => {});
  const now = options.now ?? Date.now;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const client = new ReportClient(options.apiUrl, options.token, signal);
  const concurrency = options.concurrency ?? 4;
  const stats: ReportStats = {
    templates: 0, planned: 0, missing: 0, submitted: 0, accepted: 0, late: 0, refused: 0, corrected: 0, returned: 0,
    imports: 0, importRows: 0, importsRejected: 0, alreadyThere: 0, unexpected: 0,
  };
  const names = new Map(options.regions.map((r) => [r.properties.id, r.properties.name]));
  const unitsAt = (level: string) => options.regions.filter((r) => r.properties.level === level).map((r) => r.properties.id).sort();
  const submissionIds = new Map<string, string>();
  const jobMemo = new Memo<ReportJob[]>(2000);
  let templates: SimulatedTemplate[] = [];
  let batch: { templateId: string; districtId: string } | null = null;

  /** The jobs of a template × period: one per unit, the import district's communes as one batch. */
  const jobsOf = (t: SimulatedTemplate, period: PeriodRange): ReportJob[] =>
    jobMemo.get(`${t.id}|${period.key}`, () => {
      const units = unitsAt(t.template.level);
      const batched = batch && batch.templateId === t.id ? new Set(options.regions.filter((r) => r.properties.parentId === batch?.districtId).map((r) => r.properties.id)) : new Set<string>();
      const jobs = units.filter((id) => !batched.has(id)).map((id) => unitJob(t, id, period, options.seed));
      if (batched.size > 0 && batch) jobs.push(importBatchJob(t, batch.districtId, [...batched].sort(), period, options.seed));
      return jobs;
    });

  const key = (t: SimulatedTemplate, period: PeriodRange, regionId: string) => `${t.id}|${period.key}|${regionId}`;

  async function submissionId(t: SimulatedTemplate, period: PeriodRange, regionId: string): Promise<string | undefined> {
    const known = submissionIds.get(key(t, period, regionId));
    if (known) return known;
    const found = (await client.submissions(t.id, period.key)).find((s) => s.regionId === regionId);
    if (found) submissionIds.set(key(t, period, regionId), found.id);
    return found?.id;
  }

  async function perform(job: ReportJob, action: ReportAction, backfill: boolean): Promise<void> {
    const t = job.template;
    const where = `${t.id} ${action.kind === 'import' ? action.districtId : action.regionId} ${job.period.key}`;
    const at = new Date(Math.min(action.at.getTime(), now()));
    if (action.kind === 'submit') {
      stats.submitted++;
      const answer = await client.submit(t.id, {
        regionId: action.regionId,
        period: job.period.key,
        values: action.values,
        submittedBy: `${names.get(action.regionId) ?? action.regionId} (ioc-sim)`,
        submittedAt: at.toISOString(),
      });
      if (answer.status === 201 && answer.body) {
        stats.accepted++;
        if (answer.body.late) stats.late++;
        if (action.role === 'corrected') stats.corrected++;
        submissionIds.set(key(t, job.period, action.regionId), answer.body.id);
        if (backfill && stats.submittedAtHonoured === undefined) stats.submittedAtHonoured = Math.abs(Date.parse(answer.body.submittedAt) - at.getTime()) < 1000;
        if (!action.accepted) {
          stats.unexpected++;
          debug(`reports: ${where}: the server accepted a deliberately wrong figure it should refuse`);
        }
      } else if (answer.status === 422) {
        stats.refused++;
        if (action.accepted) {
          stats.unexpected++;
          log(`reports: ${where}: a correct report was refused (HTTP 422): ${answer.text}`);
        } else debug(`reports: ${where}: wrong figure refused as expected (HTTP 422): ${answer.text}`);
      } else {
        stats.unexpected++;
        log(`reports: ${where}: submission answered HTTP ${answer.status}: ${answer.text}`);
      }
    } else if (action.kind === 'return') {
      const id = await submissionId(t, job.period, action.regionId);
      if (!id) return void debug(`reports: ${where}: nothing to return`);
      const answer = await client.returnSubmission(id, action.reason, `${t.template.department?.vi ?? t.sector} (ioc-sim)`);
      if (answer.ok) {
        stats.returned++;
        debug(`reports: ${where}: returned by the reviewer: ${action.reason}`);
      } else debug(`reports: ${where}: return answered HTTP ${answer.status}: ${answer.text}`);
    } else {
      const csv = batchCsv(t, job.period, action.rows);
      const answer = await client.importCsv(t.id, `${t.key}_${action.districtId}_${job.period.key}.csv`, csv, `${names.get(action.districtId) ?? action.districtId} (ioc-sim)`, at.toISOString());
      stats.imports++;
      const state = answer.body?.state;
      if (state === 'done') {
        stats.importRows += answer.body?.accepted ?? 0;
        debug(`reports: ${where}: CSV import of ${action.rows.length} rows done`);
        // The ids of the imported rows are needed if a reviewer returns one.
        for (const s of await client.submissions(t.id, job.period.key)) submissionIds.set(key(t, job.period, s.regionId), s.id);
      } else if (state === 'rejected') {
        stats.importsRejected++;
        const first = answer.body?.errors[0];
        if (!action.expectRejected) {
          stats.unexpected++;
          log(`reports: ${where}: CSV import rejected: ${first ? `row ${first.row} ${first.column}: ${first.message}` : answer.text}`);
        } else debug(`reports: ${where}: CSV batch with a wrong figure rejected as expected (${answer.body?.errors.length ?? 0} errors; ${first ? `row ${first.row} ${first.column}: ${first.message}` : ''})`);
      } else {
        stats.unexpected++;
        log(`reports: ${where}: CSV import answered HTTP ${answer.status} ${state ?? ''} ${answer.text}`);
      }
    }
  }

  async function runActions(job: ReportJob, actions: ReportAction[], backfill: boolean): Promise<void> {
    for (const action of actions) {
      if (signal.aborted) return;
      try {
        await perform(job, action, backfill);
      } catch (error) {
        if (signal.aborted) return;
        stats.unexpected++;
        log(`reports: ${job.template.id} ${job.period.key}: ${(error as Error).message}`);
      }
    }
  }

  /** Periods whose reports are due in the current local year and whose period has ended by `at`. */
  const backfillPeriods = (t: SimulatedTemplate, at: Date): PeriodRange[] => {
    const yearStart = periodOf('year', at).start;
    const from = new Date(yearStart.getTime() - (t.template.dueDays + 400) * DAY_MS);
    return periodsBetween(t.template.period, from, at).filter((p) => p.end <= at && dueAt(t.template, p) >= yearStart);
  };

  async function backfill(at: Date): Promise<void> {
    const started = Date.now();
    const work: Array<{ job: ReportJob; actions: ReportAction[]; end: number }> = [];
    for (const t of templates) {
      for (const period of backfillPeriods(t, at)) {
        if (signal.aborted) return;
        let standing: Map<string, StandingSubmission>;
        try {
          standing = new Map((await client.submissions(t.id, period.key)).map((s) => [s.regionId, s]));
        } catch (error) {
          if (signal.aborted) return;
          log(`reports: ${(error as Error).message}; skipping ${t.id} ${period.key}`);
          continue;
        }
        for (const s of standing.values()) submissionIds.set(key(t, period, s.regionId), s.id);
        for (const job of jobsOf(t, period)) {
          for (const plan of job.plans) {
            if (plan.steps.length === 0) stats.missing++;
            else stats.planned++;
          }
          const due = job.actions.filter((a) => a.at <= at);
          if (due.length === 0) continue;
          const expected = expectedStates(job, at);
          const done = [...expected].every(([regionId, state]) => {
            const s = standing.get(regionId);
            return state.status === 'none' ? !s : !!s && s.status === state.status && sameValues(s.values, state.values);
          });
          // Refused-only attempts leave no trace on the server: send them again (they are cheap).
          const onlyRefusals = [...expected.values()].every((s) => s.status === 'none');
          if (done && !onlyRefusals) stats.alreadyThere++;
          else work.push({ job, actions: due, end: period.end.getTime() });
        }
      }
    }
    // Newest periods first, so every sector's recent figures appear early.
    work.sort((a, b) => b.end - a.end);
    log(`reports: back-filling ${work.length} unit×period reports of ${templates.length} templates (${stats.alreadyThere} already on the server)…`);
    await pool(work, concurrency, (w) => runActions(w.job, w.actions, true), signal);
    if (signal.aborted) return;
    const honoured = stats.submittedAtHonoured === false ? '; NOTE: the server ignores submittedAt, so back-filled reports count as submitted now (late)' : '';
    log(
      `reports: back-fill done in ${Math.round((Date.now() - started) / 1000)} s: ${stats.accepted} accepted (${stats.late} late), ${stats.refused} refused as wrong (422), ` +
        `${stats.corrected} corrected, ${stats.returned} returned by reviewers, ${stats.imports} CSV imports (${stats.importRows} rows, ${stats.importsRejected} rejected), ` +
        `${stats.missing} never submitted${honoured}`,
    );
  }

  /** Sends what came due in (from, to]. */
  async function sendDue(from: Date, to: Date): Promise<void> {
    const work: Array<{ job: ReportJob; actions: ReportAction[] }> = [];
    for (const t of templates) {
      const periods = periodsBetween(t.template.period, new Date(to.getTime() - LIVE_LOOKBACK_MS - t.template.dueDays * DAY_MS), to).filter((p) => p.end <= to);
      for (const period of periods) {
        for (const job of jobsOf(t, period)) {
          const actions = job.actions.filter((a) => a.at > from && a.at <= to);
          if (actions.length) work.push({ job, actions });
        }
      }
    }
    if (work.length === 0) return;
    const before = { ...stats };
    await pool(work, concurrency, (w) => runActions(w.job, w.actions, false), signal);
    debug(`reports: ${work.length} reports came due: ${stats.accepted - before.accepted} accepted, ${stats.refused - before.refused} refused, ${stats.returned - before.returned} returned, ${stats.imports - before.imports} imports`);
  }

  let timer: NodeJS.Timeout | undefined;
  let live: Promise<void> = Promise.resolve();
  const backfilled = (async () => {
    let known: Set<string> | undefined;
    try {
      known = await client.templateIds();
    } catch (error) {
      if (!signal.aborted) log(`reports: ${(error as Error).message}; report submissions off`);
      return;
    }
    if (!known) return void log('reports: the server has no reporting API (GET /api/v1/reports failed); report submissions off');
    const wanted = options.templates ?? simulatedTemplates();
    templates = wanted.filter((t) => known.has(t.id));
    const unknown = wanted.filter((t) => !known.has(t.id)).map((t) => t.id);
    if (unknown.length) log(`reports: the server does not know ${unknown.join(', ')}; not submitting those`);
    stats.templates = templates.length;
    batch = options.importBatch === undefined ? defaultImportBatch(templates, options.regions, options.seed) : options.importBatch;
    if (batch && !templates.some((t) => t.id === batch?.templateId)) batch = null;
    const start = new Date(now());
    await backfill(start);
    let last = start;
    const tick = () => {
      if (signal.aborted) return;
      const to = new Date(now());
      const from = last;
      last = to;
      live = live.then(() => sendDue(from, to)).catch((error: unknown) => {
        if (!(error instanceof ReportApiError) || !signal.aborted) log(`reports: ${(error as Error).message}`);
      });
    };
    if (!signal.aborted) {
      tick();
      timer = setInterval(tick, options.tickMs ?? 30_000);
    }
  })();

  return {
    stats,
    backfilled,
    async stop() {
      if (timer) clearInterval(timer);
      stop.abort();
      await Promise.race([Promise.allSettled([backfilled, live]), new Promise((resolve) => setTimeout(resolve, 5000))]);
      return { ...stats };
    },
  };
}
