import type { KpiPeriod, KpiRiskEvent, KpiValue, StreamKpi, SubmittedKpi } from '@ioc/sdk';
import { elapsedShare, periodOf, previousPeriod, type CalendarPeriod, type PeriodRange } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { systemClock, type Clock } from '../time/clock.js';
import { kpiStatus, paceForecast, trendForecast } from './attainment.js';
import type { CompiledKpi, KpiCatalog } from './catalog.js';
import { evaluateFormula } from './formula.js';
import { computeQuality } from './quality.js';
import type { RegionTree } from '../registry/region-tree.js';
import { rollUp, type RegionValues } from './rollup.js';
import { windowQuery, windowValue, type ReadingStore, type WindowRow } from './stream-sql.js';
import type { TargetBook } from './targets.js';

export const KPI_VALUES = 'kpi.values';
export const KPI_RISK = 'kpi.risk';

/** Bus message with the "may miss target" changes of one cycle. */
export interface KpiRiskMessage {
  events: KpiRiskEvent[];
}

/** Bus message with the KPI values that changed in one cycle. */
export interface KpiValuesMessage {
  values: KpiValue[];
}

/** One period instance the engine computes: the realtime window or a calendar period. */
export interface PeriodInstance {
  period: KpiPeriod;
  key: string;
  start: Date;
  end: Date;
  /** The instant values are computed at (≤ end). */
  at: Date;
  finished: boolean;
}

export interface KpiEngineOptions {
  /** Seconds between cycles (realtime and day every cycle). */
  intervalS: number;
  /** Seconds between recomputations of month, quarter and year. */
  slowIntervalS: number;
  /** Default realtime window, seconds. */
  realtimeWindowS: number;
  clock?: Clock;
}

const CALENDAR: Array<Exclude<KpiPeriod, 'realtime'>> = ['day', 'month', 'quarter', 'year'];
/** Finer stored period whose values a trend forecast fits. */
const FINER: Partial<Record<KpiPeriod, KpiPeriod>> = { month: 'day', quarter: 'month', year: 'month' };
/** A "may miss target" is raised only once this share of the period has passed. */
const RISK_MIN_ELAPSED = 0.1;

interface SubmissionRow {
  region_id: string;
  period_key: string;
  period_start: Date;
  values: Record<string, unknown>;
}

const valueKey = (v: { kpiId: string; regionId: string; period: KpiPeriod }) => `${v.kpiId}|${v.regionId}|${v.period}`;

/** Which reading store a calendar period reads (aggregates wherever they are exact). */
export function storeFor(period: KpiPeriod): ReadingStore {
  return period === 'realtime' ? 'raw' : period === 'day' ? 'reading_1h' : 'reading_1d';
}

function isAccumulating(k: CompiledKpi): boolean {
  if (k.kind === 'stream') return k.aggregate === 'sum' || k.aggregate === 'count';
  if (k.kind === 'submitted') return (k.accumulate ?? 'sum') === 'sum';
  return false;
}

/**
 * The KPI engine: every cycle it computes each KPI for every region and current period from
 * the facts (aggregates of readings and events, report submissions, other KPIs), rolls regions
 * up, weighs values against targets with a forecast, stores calendar-period values in
 * `kpi_value`, raises "may miss target", and publishes what changed on the bus.
 */
export class KpiEngine {
  private readonly clock: Clock;
  private readonly current = new Map<string, KpiValue>();
  private readonly lastKey = new Map<KpiPeriod, string>();
  private lastSlow = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private missingTables = new Set<string>();
  private readonly submissionMemo = new WeakMap<PeriodInstance, Map<string, Promise<SubmissionRow[]>>>();
  readonly stats = { cycles: 0, lastCycleMs: 0, values: 0, failures: 0, lastError: null as string | null, lastRunAt: null as string | null };

  constructor(
    private readonly db: Database,
    private readonly catalog: KpiCatalog,
    private readonly modules: ModuleRegistry,
    private readonly tree: RegionTree,
    private readonly targets: TargetBook,
    private readonly bus: Bus,
    private readonly options: KpiEngineOptions,
    private readonly log: Logger,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  start(): void {
    const tick = () => {
      this.timer = setTimeout(async () => {
        await this.cycle();
        if (this.timer) tick();
      }, this.options.intervalS * 1000);
      this.timer.unref?.();
    };
    void this.cycle().then(() => tick());
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Report submissions changed: the next cycle recomputes the month, quarter and year values too
   * (submitted KPIs would otherwise wait for KPI_PERIOD_INTERVAL_S).
   */
  submissionsChanged(): void {
    this.lastSlow = 0;
  }

  /** One cycle, never throwing (failures are counted and logged). */
  async cycle(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      const t0 = Date.now();
      try {
        const now = this.clock.now();
        const slow = now.getTime() - this.lastSlow >= this.options.slowIntervalS * 1000;
        await this.runAt(now, slow ? ['realtime', ...CALENDAR] : ['realtime', 'day']);
        if (slow) this.lastSlow = now.getTime();
        this.stats.cycles++;
        this.stats.lastRunAt = now.toISOString();
      } catch (err) {
        this.stats.failures++;
        this.stats.lastError = (err as Error).message;
        this.log.warn('KPI cycle failed', { error: (err as Error).message });
      } finally {
        this.stats.lastCycleMs = Date.now() - t0;
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** The period instances to compute at `now`: current ones, plus a just-finished one once. */
  instances(now: Date, periods: KpiPeriod[]): PeriodInstance[] {
    const out: PeriodInstance[] = [];
    for (const period of periods) {
      if (period === 'realtime') {
        out.push({ period, key: 'now', start: new Date(now.getTime() - this.options.realtimeWindowS * 1000), end: now, at: now, finished: false });
        continue;
      }
      const cur = periodOf(period, now);
      const last = this.lastKey.get(period);
      if (last !== cur.key) {
        // First run or a rollover: (re)compute the previous period as final.
        const prev = previousPeriod(cur);
        out.push(this.instance(prev, now));
        this.lastKey.set(period, cur.key);
      }
      out.push(this.instance(cur, now));
    }
    return out;
  }

  private instance(p: PeriodRange, now: Date): PeriodInstance {
    const finished = now >= p.end;
    return { period: p.kind as KpiPeriod, key: p.key, start: p.start, end: p.end, at: finished ? p.end : now, finished };
  }

  /** Computes, stores and publishes the given periods at `now`; returns every value computed. */
  async runAt(now: Date, periods: KpiPeriod[] = ['realtime', ...CALENDAR]): Promise<KpiValue[]> {
    const instances = this.instances(now, periods);
    // Running periods first, so screens get current values before the final figures of periods
    // that have just ended (or, at boot, the previous ones) are recomputed.
    const all: KpiValue[] = [];
    for (const group of [instances.filter((i) => !i.finished), instances.filter((i) => i.finished)]) {
      const values: KpiValue[] = [];
      for (const inst of group) values.push(...(await this.computeInstance(inst)));
      await this.commit(values, now);
      all.push(...values);
    }
    return all;
  }

  /** Stores calendar values, publishes what changed among the current ones, tracks risks. */
  private async commit(values: KpiValue[], now: Date): Promise<void> {
    await this.store(values.filter((v) => v.period !== 'realtime'));
    const changed: KpiValue[] = [];
    for (const v of values) {
      const k = valueKey(v);
      const prev = this.current.get(k);
      // Only the newest instance of a period is "current"; a finished previous one is stored only.
      if (prev && prev.periodStart > v.periodStart) continue;
      if (!prev || prev.value !== v.value || prev.state !== v.state || prev.target !== v.target || prev.forecast !== v.forecast || prev.periodStart !== v.periodStart) changed.push(v);
      this.current.set(k, v);
    }
    this.stats.values = this.current.size;
    if (changed.length) this.bus.publish<KpiValuesMessage>(KPI_VALUES, { values: changed });
    await this.trackRisks(values, now);
  }

  /** Every KPI × region value of one period instance. */
  async computeInstance(inst: PeriodInstance): Promise<KpiValue[]> {
    const computed = new Map<string, RegionValues>();
    const coverage = new Map<string, number>();
    for (const k of this.catalog.ordered) {
      if (!k.periods.includes(inst.period)) continue;
      let values: RegionValues;
      switch (k.kind) {
        case 'stream':
          values = await this.stream(k, inst);
          break;
        case 'submitted': {
          const r = await this.submitted(k, inst);
          values = r.values;
          coverage.set(k.id, r.coverage);
          break;
        }
        case 'derived':
          values = this.derived(k, computed);
          break;
        case 'quality':
          values = await computeQuality(this.db, this.modules, this.tree, k, inst);
          break;
      }
      if (k.rollup.fn === 'weighted-avg') values = rollUp(this.tree, values, k.rollup, computed.get(`${k.sector}.${k.rollup.weight}`));
      else values = rollUp(this.tree, values, k.rollup);
      computed.set(k.id, values);
    }
    const trendPoints = await this.trendPoints(inst);
    const out: KpiValue[] = [];
    const computedAt = this.clock.now().toISOString();
    for (const [kpiId, values] of computed) {
      const k = this.catalog.get(kpiId)!;
      for (const [regionId, raw] of values) {
        const value = Number.isFinite(raw) ? raw : null;
        const target = this.targets.resolve(kpiId, inst.period, inst.key, regionId);
        const share = inst.period === 'realtime' ? 1 : elapsedShare({ kind: inst.period as CalendarPeriod, key: inst.key, start: inst.start, end: inst.end }, inst.at);
        let forecast: number | null = null;
        const mode = k.forecast ?? (isAccumulating(k) ? 'pace' : 'trend');
        if (value !== null && inst.period !== 'realtime' && mode !== 'none') {
          if (inst.finished) forecast = value;
          else if (mode === 'pace') forecast = paceForecast(value, k.kind === 'submitted' ? (coverage.get(kpiId) ?? share) : share);
          else forecast = trendForecast(value, share, trendPoints.get(`${kpiId}|${regionId}`) ?? []);
        }
        const status = kpiStatus(value, forecast, target, k.direction, inst.finished);
        out.push({ kpiId, regionId, period: inst.period, periodStart: inst.period === 'realtime' ? inst.at.toISOString() : inst.start.toISOString(), value, computedAt, ...status });
      }
    }
    return out;
  }

  private async stream(k: StreamKpi & CompiledKpi, inst: PeriodInstance): Promise<RegionValues> {
    const exact = k.rollup.fn === 'recompute' || k.rollup.fn === 'sum';
    const windowS = inst.period === 'realtime' ? (k.windowS ?? this.options.realtimeWindowS) : 0;
    const from = inst.period === 'realtime' ? new Date(inst.at.getTime() - windowS * 1000) : inst.start;
    const to = inst.period === 'realtime' ? new Date(inst.at.getTime() + 1) : inst.at;
    const q = windowQuery(k, k.sector, storeFor(inst.period), from, to, !exact);
    const rows = await this.db.query<WindowRow>(q.sql, q.params);
    const spanS = Math.max(1, (to.getTime() - from.getTime()) / 1000);
    const out: RegionValues = new Map();
    for (const row of rows) {
      const v = windowValue(k, row, spanS);
      if (v !== null) out.set(row.region_id, v);
    }
    return out;
  }

  private async submitted(k: SubmittedKpi & CompiledKpi, inst: PeriodInstance): Promise<{ values: RegionValues; coverage: number }> {
    const templateId = `${k.sector}.${k.report}`;
    const template = this.modules.sector(k.sector)?.reports?.[k.report];
    let submissions: SubmissionRow[];
    try {
      submissions = await this.submissions(templateId, inst);
    } catch (err) {
      if (!this.missingTables.has('report_submission')) {
        this.missingTables.add('report_submission');
        this.log.warn('submitted KPIs cannot read report submissions', { error: (err as Error).message });
      }
      return { values: new Map(), coverage: 0 };
    }
    const rows = submissions.map((r) => ({ ...r, v: typeof r.values[k.field] === 'number' ? (r.values[k.field] as number) : null }));
    const byRegion = new Map<string, Array<{ start: number; v: number }>>();
    const periodsSeen = new Set<string>();
    for (const r of rows) {
      if (r.v === null || !Number.isFinite(r.v)) continue;
      periodsSeen.add(r.period_key);
      (byRegion.get(r.region_id) ?? byRegion.set(r.region_id, []).get(r.region_id)!).push({ start: new Date(r.period_start).getTime(), v: r.v });
    }
    const out: RegionValues = new Map();
    for (const [regionId, list] of byRegion) {
      const xs = list.map((e) => e.v);
      switch (k.accumulate ?? 'sum') {
        case 'sum':
          out.set(regionId, xs.reduce((a, b) => a + b, 0));
          break;
        case 'avg':
          out.set(regionId, xs.reduce((a, b) => a + b, 0) / xs.length);
          break;
        case 'max':
          out.set(regionId, Math.max(...xs));
          break;
        case 'last':
          out.set(regionId, list.reduce((a, b) => (b.start > a.start ? b : a)).v);
          break;
      }
    }
    // Share of the KPI period covered by report periods somebody has reported (pace forecast).
    let totalPeriods = 1;
    if (template) {
      const span = inst.end.getTime() - inst.start.getTime();
      const one = periodOf(template.period, inst.start);
      totalPeriods = Math.max(1, Math.round(span / (one.end.getTime() - one.start.getTime())));
    }
    return { values: out, coverage: Math.min(1, periodsSeen.size / totalPeriods) };
  }

  /** Submissions of a template in an instance, read once for all the KPIs built on its fields. */
  private submissions(templateId: string, inst: PeriodInstance): Promise<SubmissionRow[]> {
    let memo = this.submissionMemo.get(inst);
    if (!memo) this.submissionMemo.set(inst, (memo = new Map()));
    let rows = memo.get(templateId);
    if (!rows) {
      rows = this.db.query<SubmissionRow>(
        `SELECT region_id, period_key, period_start, "values" FROM report_submission
         WHERE template_id = $1 AND status = 'submitted' AND period_start >= $2 AND period_start < $3`,
        [templateId, inst.start.toISOString(), inst.end.toISOString()],
      );
      memo.set(templateId, rows);
    }
    return rows;
  }

  private derived(k: CompiledKpi, computed: Map<string, RegionValues>): RegionValues {
    const inputs = [...(k.inputs ?? new Map<string, string>())].map(([name, full]) => [name, computed.get(full) ?? new Map<string, number>()] as const);
    const regions = new Set<string>();
    for (const [, vals] of inputs) for (const r of vals.keys()) regions.add(r);
    const all: RegionValues = new Map();
    for (const regionId of regions) {
      const v = evaluateFormula(k.ast!, (name) => inputs.find(([n]) => n === name)?.[1].get(regionId));
      if (v !== null) all.set(regionId, v);
    }
    if (k.rollup.fn === 'formula') return all;
    // Other rollups: keep the lowest regions' values and roll them up.
    const leaves: RegionValues = new Map();
    for (const [regionId, v] of all) if (!this.tree.children(regionId).some((c) => all.has(c.id))) leaves.set(regionId, v);
    return leaves;
  }

  /** Finer-period values inside the instance, for trend forecasts: `kpi|region` → points. */
  private async trendPoints(inst: PeriodInstance): Promise<Map<string, Array<{ x: number; y: number }>>> {
    const finer = FINER[inst.period];
    const out = new Map<string, Array<{ x: number; y: number }>>();
    if (!finer || inst.finished) return out;
    const rows = await this.db.query<{ kpi_id: string; region_id: string; ts: Date; value: number }>(
      `SELECT kpi_id, region_id, ts, value FROM kpi_value WHERE period = $1 AND ts >= $2 AND ts < $3 AND value IS NOT NULL`,
      [finer, inst.start.toISOString(), inst.at.toISOString()],
    );
    const span = inst.end.getTime() - inst.start.getTime();
    for (const r of rows) {
      const start = new Date(r.ts);
      const p = periodOf(finer as CalendarPeriod, start);
      const mid = (Math.min(p.end.getTime(), inst.at.getTime()) + p.start.getTime()) / 2;
      const key = `${r.kpi_id}|${r.region_id}`;
      (out.get(key) ?? out.set(key, []).get(key)!).push({ x: (mid - inst.start.getTime()) / span, y: r.value });
    }
    return out;
  }

  private async store(values: KpiValue[]): Promise<void> {
    const rows = values.filter((v) => v.value !== null);
    for (let i = 0; i < rows.length; i += 5000) {
      const part = rows.slice(i, i + 5000);
      await this.db.query(
        `INSERT INTO kpi_value (ts, kpi_id, region_id, period, value, target, forecast, attainment_pct, state, computed_at)
         SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::text[], $10::timestamptz[])
         ON CONFLICT (kpi_id, region_id, period, ts) DO UPDATE SET value = excluded.value, target = excluded.target, forecast = excluded.forecast,
           attainment_pct = excluded.attainment_pct, state = excluded.state, computed_at = excluded.computed_at`,
        [
          part.map((v) => v.periodStart),
          part.map((v) => v.kpiId),
          part.map((v) => v.regionId),
          part.map((v) => v.period),
          part.map((v) => v.value),
          part.map((v) => v.target),
          part.map((v) => v.forecast),
          part.map((v) => v.attainmentPct),
          part.map((v) => v.state),
          part.map((v) => v.computedAt),
        ],
      );
    }
  }

  /** "May miss target": opened when a running period's forecast misses, cleared when it recovers. */
  private async trackRisks(values: KpiValue[], now: Date): Promise<void> {
    const candidates = values.filter((v) => v.period !== 'realtime' && v.period !== 'day' && v.target !== null && (v.state === 'at-risk' || v.state === 'on-track' || v.state === 'met'));
    if (!candidates.length) return;
    const open = await this.db.query<{ kpi_id: string; region_id: string; period: string; period_key: string }>(`SELECT kpi_id, region_id, period, period_key FROM kpi_risk WHERE state = 'at-risk'`);
    const openKeys = new Set(open.map((r) => `${r.kpi_id}|${r.region_id}|${r.period}|${r.period_key}`));
    const raised: Array<KpiRiskEvent & { key: string }> = [];
    const recovered: Array<KpiRiskEvent & { key: string }> = [];
    for (const v of candidates) {
      const p = periodOf(v.period as CalendarPeriod, new Date(v.periodStart));
      const id = `${v.kpiId}|${v.regionId}|${v.period}|${p.key}`;
      const event = { kpiId: v.kpiId, regionId: v.regionId, period: v.period, periodStart: v.periodStart, value: v.value, forecast: v.forecast, target: v.target!, at: now.toISOString(), key: p.key };
      if (v.state === 'at-risk' && !openKeys.has(id) && elapsedShare(p, now) >= RISK_MIN_ELAPSED) raised.push({ ...event, state: 'at-risk' });
      else if (v.state !== 'at-risk' && openKeys.has(id)) recovered.push({ ...event, state: 'recovered' });
    }
    const columns = (list: typeof raised) => [list.map((e) => e.kpiId), list.map((e) => e.regionId), list.map((e) => e.period), list.map((e) => e.key), list.map((e) => e.value), list.map((e) => e.forecast), list.map((e) => e.target)];
    if (raised.length) {
      await this.db.query(
        `INSERT INTO kpi_risk (kpi_id, region_id, period, period_key, state, value, forecast, target, raised_at, cleared_at)
         SELECT k, r, p, pk, 'at-risk', v, f, t, $8, NULL FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[]) AS x(k, r, p, pk, v, f, t)
         ON CONFLICT (kpi_id, region_id, period, period_key) DO UPDATE SET state = 'at-risk', value = excluded.value, forecast = excluded.forecast,
           target = excluded.target, raised_at = excluded.raised_at, cleared_at = NULL`,
        [...columns(raised), now.toISOString()],
      );
      this.log.info('KPIs may miss their targets', { count: raised.length, first: raised.slice(0, 3).map((e) => `${e.kpiId} ${e.regionId} ${e.key}`) });
    }
    if (recovered.length) {
      await this.db.query(
        `UPDATE kpi_risk SET state = 'recovered', value = x.v, forecast = x.f, cleared_at = $8
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[]) AS x(k, r, p, pk, v, f, t)
         WHERE kpi_id = x.k AND region_id = x.r AND period = x.p AND period_key = x.pk`,
        [...columns(recovered), now.toISOString()],
      );
    }
    const events: KpiRiskEvent[] = [...raised, ...recovered].map(({ key: _key, ...e }) => e);
    if (events.length) this.bus.publish<KpiRiskMessage>(KPI_RISK, { events });
  }

  /** The newest value of every KPI × region × period this engine computed. */
  currentValues(): KpiValue[] {
    return [...this.current.values()];
  }
}
