import type { KpiBreakdownResponse, KpiListResponse, KpiPeriod, KpiReporting, KpiRiskList, KpiSeriesResponse, KpiValue, RegionLevel } from '@ioc/sdk';
import { parsePeriodKey, periodOf, type CalendarPeriod, type PeriodRange } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { KpiFamily } from '../realtime/kpi-family.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { CompiledKpi, KpiCatalog } from './catalog.js';
import type { RegionTree } from '../registry/region-tree.js';
import { districtSeriesApplies, districtSeriesQuery, RESOLUTION_S, SERIES_STORE, seriesQuery, windowValue, type SeriesResolution, type WindowRow } from './stream-sql.js';

export class KpiQueryError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly status = 400,
  ) {
    super(`${field} ${problem}`);
  }
}

/** Longest span a series may cover per resolution, and the default span. */
const SERIES_SPAN: Record<SeriesResolution, { maxS: number; defaultS: number }> = {
  minute: { maxS: 2 * 86400, defaultS: 86400 },
  hour: { maxS: 93 * 86400, defaultS: 7 * 86400 },
  day: { maxS: 5 * 366 * 86400, defaultS: 365 * 86400 },
};

type KpiValueRow = { ts: Date; kpi_id: string; region_id: string; period: KpiPeriod; value: number | null; target: number | null; forecast: number | null; attainment_pct: number | null; state: KpiValue['state']; computed_at: Date };

function fromRow(r: KpiValueRow): KpiValue {
  return { kpiId: r.kpi_id, regionId: r.region_id, period: r.period, periodStart: new Date(r.ts).toISOString(), value: r.value, target: r.target, forecast: r.forecast, attainmentPct: r.attainment_pct, state: r.state, computedAt: new Date(r.computed_at).toISOString() };
}

/** Worst first: missed/at-risk by attainment, then the rest, no data last. */
function severity(v: KpiValue | null): number {
  if (!v || v.value === null) return 3;
  if (v.state === 'missed' || v.state === 'at-risk') return 0;
  if (v.state === 'no-target') return 2;
  return 1;
}

/** Read side of the KPIs for the API: current values, series, breakdowns, risks. */
export class KpiQueries {
  constructor(
    private readonly db: Database,
    private readonly catalog: KpiCatalog,
    private readonly modules: ModuleRegistry,
    private readonly tree: RegionTree,
    private readonly family: KpiFamily,
    private readonly clock: Clock = systemClock,
  ) {}

  kpi(id: string): CompiledKpi {
    const k = this.catalog.get(id);
    if (!k) throw new KpiQueryError('id', `"${id}" is not a KPI`, 404);
    return k;
  }

  region(id: string | undefined, field = 'region'): string {
    const regionId = id ?? this.tree.root()?.id;
    if (!regionId) throw new KpiQueryError(field, 'is required: no province is loaded', 500);
    if (!this.tree.get(regionId)) throw new KpiQueryError(field, `"${regionId}" is not a region`, id === undefined ? 500 : 404);
    return regionId;
  }

  /** Public shape of a KPI (without the compiled formula). */
  info(k: CompiledKpi): Omit<CompiledKpi, 'ast' | 'inputs'> {
    const { ast: _ast, inputs: _inputs, ...rest } = k;
    return rest;
  }

  list(regionId: string, sector?: string, period?: KpiPeriod): KpiListResponse {
    if (sector !== undefined && !this.catalog.sectors().includes(sector)) throw new KpiQueryError('sector', `"${sector}" is not a sector with KPIs`);
    const kpis = (sector ? this.catalog.ofSector(sector) : this.catalog.all()).filter((k) => !period || k.periods.includes(period));
    const values = this.family.valuesOf(regionId, sector);
    return {
      regionId,
      kpis: kpis.map((k) => ({ ...this.info(k), values: values.filter((v) => v.kpiId === k.id && (!period || v.period === period)) })) as KpiListResponse['kpis'],
    };
  }

  async series(kpiId: string, regionId: string, q: { period?: KpiPeriod; resolution?: SeriesResolution; store?: 'aggregate' | 'raw'; from?: Date; to?: Date }): Promise<KpiSeriesResponse> {
    const k = this.kpi(kpiId);
    const now = this.clock.now();
    if (q.resolution) {
      if (k.kind !== 'stream') throw new KpiQueryError('resolution', `applies to stream KPIs only; ${kpiId} is ${k.kind} (use period)`);
      const span = SERIES_SPAN[q.resolution];
      const to = q.to ?? now;
      const from = q.from ?? new Date(to.getTime() - span.defaultS * 1000);
      if (!(from < to)) throw new KpiQueryError('from', 'must be before to');
      if ((to.getTime() - from.getTime()) / 1000 > span.maxS) throw new KpiQueryError('from', `a ${q.resolution} series covers at most ${span.maxS / 86400} days`);
      const raw = q.store === 'raw';
      const level = this.tree.get(regionId)?.level;
      let sq: { sql: string; params: unknown[]; table?: string };
      if (!raw && districtSeriesApplies(k) && (level === 'province' || level === 'district')) {
        sq = districtSeriesQuery(k, k.sector, q.resolution, level === 'district' ? regionId : null, from, to);
      } else {
        const ids = await this.db.query<{ id: string }>(
          `SELECT s.id FROM source s JOIN region_ancestor ra ON ra.region_id = s.region_id WHERE ra.ancestor_id = $1 AND s.sector = $2 AND s.kind = $3`,
          [regionId, k.sector, k.sourceKind],
        );
        sq = { ...seriesQuery(k, q.resolution, raw, ids.map((r) => r.id), from, to), table: raw ? 'reading' : SERIES_STORE[q.resolution] };
      }
      const rows = await this.db.query<WindowRow & { ts: Date }>(sq.sql, sq.params);
      return {
        kpiId,
        regionId,
        resolution: q.resolution,
        store: raw ? 'raw' : 'aggregate',
        table: sq.table,
        points: rows.map((r) => ({ ts: new Date(r.ts).toISOString(), value: windowValue(k, r, RESOLUTION_S[q.resolution!]) })),
      };
    }
    const period = q.period ?? (k.periods.find((p) => p !== 'realtime') as KpiPeriod | undefined);
    if (!period || period === 'realtime') throw new KpiQueryError('period', `must be one of ${k.periods.filter((p) => p !== 'realtime').join(', ') || '(none: use resolution)'}`);
    if (!k.periods.includes(period)) throw new KpiQueryError('period', `${kpiId} is computed for ${k.periods.join(', ')}`);
    const to = q.to ?? now;
    const from = q.from ?? periodOf(period as CalendarPeriod, new Date(to.getTime() - ({ day: 60, month: 730, quarter: 1100, year: 3650 } as Record<string, number>)[period] * 86400_000)).start;
    const rows = await this.db.query<KpiValueRow>(
      `SELECT ts, kpi_id, region_id, period, value, target, forecast, attainment_pct, state, computed_at FROM kpi_value
       WHERE kpi_id = $1 AND region_id = $2 AND period = $3 AND ts >= $4 AND ts <= $5 ORDER BY ts`,
      [kpiId, regionId, period, from.toISOString(), to.toISOString()],
    );
    return { kpiId, regionId, period, store: 'kpi_value', points: rows.map((r) => ({ ts: new Date(r.ts).toISOString(), value: r.value, target: r.target, state: r.state })) };
  }

  /** The value of a KPI for one region in a period instance: current from the live cache, past from storage. */
  private async values(kpiId: string, regionIds: string[], period: KpiPeriod, range: PeriodRange | null): Promise<Map<string, KpiValue>> {
    const out = new Map<string, KpiValue>();
    const current = !range || range.key === periodOf(range.kind, this.clock.now()).key;
    if (current) {
      for (const id of regionIds) {
        const v = this.family.value(kpiId, id, period);
        if (v) out.set(id, v);
      }
      if (period === 'realtime' || out.size) return out;
    }
    if (!range) return out;
    const rows = await this.db.query<KpiValueRow>(
      `SELECT ts, kpi_id, region_id, period, value, target, forecast, attainment_pct, state, computed_at FROM kpi_value
       WHERE kpi_id = $1 AND period = $2 AND ts = $3 AND region_id = ANY($4::text[])`,
      [kpiId, period, range.start.toISOString(), regionIds],
    );
    for (const r of rows) out.set(r.region_id, fromRow(r));
    return out;
  }

  async breakdown(kpiId: string, regionId: string, period: KpiPeriod, periodKey: string | undefined, level: RegionLevel | undefined): Promise<KpiBreakdownResponse> {
    const k = this.kpi(kpiId);
    if (!k.periods.includes(period)) throw new KpiQueryError('period', `${kpiId} is computed for ${k.periods.join(', ')}`);
    let range: PeriodRange | null = null;
    if (period !== 'realtime') {
      range = periodKey ? (parsePeriodKey(periodKey) ?? null) : periodOf(period as CalendarPeriod, this.clock.now());
      if (!range || range.kind !== period) throw new KpiQueryError('periodKey', `must be a ${period} key such as ${periodOf(period as CalendarPeriod, this.clock.now()).key}`);
    }
    const items = level
      ? this.tree.all().filter((n) => n.level === level && n.id !== regionId && this.tree.within(n.id, regionId))
      : this.tree.children(regionId);
    const values = await this.values(kpiId, [regionId, ...items.map((i) => i.id)], period, range);
    const templates = this.reportTemplatesOf(k);
    const reporting = range && templates.length ? await this.reporting(templates, items.map((i) => i.id), range) : undefined;
    const rows = items.map((n) => ({ regionId: n.id, name: n.name, value: values.get(n.id) ?? null, ...(reporting ? { reporting: reporting.get(n.id) ?? [] } : {}) }));
    rows.sort((a, b) => severity(a.value) - severity(b.value) || (a.value?.attainmentPct ?? Infinity) - (b.value?.attainmentPct ?? Infinity) || a.name.localeCompare(b.name, 'vi'));
    return { kpiId, regionId, period, periodKey: range?.key ?? 'now', parent: values.get(regionId) ?? null, items: rows };
  }

  /** Report templates a KPI is built from (directly or through a formula's inputs). */
  reportTemplatesOf(k: CompiledKpi, seen = new Set<string>()): string[] {
    if (seen.has(k.id)) return [];
    seen.add(k.id);
    if (k.kind === 'submitted') return [`${k.sector}.${k.report}`];
    if (k.kind !== 'derived') return [];
    return [...new Set([...(k.inputs?.values() ?? [])].flatMap((id) => this.reportTemplatesOf(this.catalog.get(id)!, seen)))];
  }

  /** Per given region: compliance of its units with each template over the due report periods in `range`. */
  private async reporting(templateIds: string[], regionIds: string[], range: PeriodRange): Promise<Map<string, KpiReporting[]>> {
    const now = this.clock.now();
    const out = new Map<string, KpiReporting[]>(regionIds.map((id) => [id, []]));
    for (const templateId of templateIds) {
      const [sector, key] = templateId.split('.');
      const t = this.modules.sector(sector)?.reports?.[key];
      if (!t) continue;
      const due: string[] = [];
      for (let p = periodOf(t.period, range.start); p.start < range.end; p = periodOf(t.period, p.end)) {
        if (new Date(p.end.getTime() + t.dueDays * 86400_000) <= now) due.push(p.key);
      }
      let rows: Array<{ region_id: string; period_key: string; late: boolean }> = [];
      if (due.length) {
        try {
          rows = await this.db.query(`SELECT region_id, period_key, late FROM report_submission WHERE template_id = $1 AND status = 'submitted' AND period_key = ANY($2::text[])`, [templateId, due]);
        } catch {
          rows = [];
        }
      }
      const byUnit = new Map<string, { n: number; late: number }>();
      for (const r of rows) {
        const e = byUnit.get(r.region_id) ?? { n: 0, late: 0 };
        e.n++;
        if (r.late) e.late++;
        byUnit.set(r.region_id, e);
      }
      for (const regionId of regionIds) {
        const units = this.tree.all().filter((n) => n.level === t.level && this.tree.within(n.id, regionId));
        const rep: KpiReporting = { templateId, expected: units.length * due.length, submitted: 0, late: 0, missing: [] };
        for (const u of units) {
          const e = byUnit.get(u.id);
          rep.submitted += e?.n ?? 0;
          rep.late += e?.late ?? 0;
          if ((e?.n ?? 0) < due.length) rep.missing.push(u.id);
        }
        out.get(regionId)!.push(rep);
      }
    }
    return out;
  }

  async risks(state: 'at-risk' | 'recovered' | undefined, sector: string | undefined): Promise<KpiRiskList> {
    const rows = await this.db.query<{ kpi_id: string; region_id: string; period: KpiPeriod; period_key: string; state: 'at-risk' | 'recovered'; value: number | null; forecast: number | null; target: number; raised_at: Date; cleared_at: Date | null }>(
      `SELECT * FROM kpi_risk WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kpi_id LIKE $2 || '.%') ORDER BY raised_at DESC LIMIT 1000`,
      [state ?? null, sector ?? null],
    );
    return {
      items: rows.map((r) => ({
        kpiId: r.kpi_id,
        regionId: r.region_id,
        period: r.period,
        periodKey: r.period_key,
        periodStart: (parsePeriodKey(r.period_key)?.start ?? new Date(0)).toISOString(),
        state: r.state,
        value: r.value,
        forecast: r.forecast,
        target: r.target,
        at: new Date(r.cleared_at ?? r.raised_at).toISOString(),
        raisedAt: new Date(r.raised_at).toISOString(),
        clearedAt: r.cleared_at ? new Date(r.cleared_at).toISOString() : null,
      })),
    };
  }
}
