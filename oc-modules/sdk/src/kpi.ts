/**
 * KPI contract: how a sector module declares its indicators. The server's KPI engine computes
 * them per period and region without knowing any sector; the web shows them from the same types.
 */
import type { LocalizedText, UnitText } from './manifest.js';
import type { RegionLevel } from './region.js';

/** Periods a KPI is computed for. `realtime` is a sliding window ending now. */
export type KpiPeriod = 'realtime' | 'day' | 'month' | 'quarter' | 'year';
export const KPI_PERIODS: readonly KpiPeriod[] = ['realtime', 'day', 'month', 'quarter', 'year'];

/** Whether a higher or a lower value is better (drives attainment and "may miss target"). */
export type KpiDirection = 'higher' | 'lower' | 'none';

/**
 * Reduction of readings or events over the window.
 * - avg/sum/min/max/count over every reading of every source of the region in the window;
 * - `rate`: count (events) or sum (readings) per `ratePerS` seconds of the elapsed window;
 * - p50…p99: percentile of the readings (realtime and day periods only).
 */
export type StreamAggregate = 'avg' | 'sum' | 'count' | 'min' | 'max' | 'rate' | 'p50' | 'p90' | 'p95' | 'p99';
export const STREAM_AGGREGATES: readonly StreamAggregate[] = ['avg', 'sum', 'count', 'min', 'max', 'rate', 'p50', 'p90', 'p95', 'p99'];

/**
 * Optional first step for readings: reduce each source's readings to one value per local day
 * (`max` of a counter that resets at midnight, such as visits_today), or to its latest value in
 * the realtime window (`last`, realtime only); `aggregate` then combines those values.
 */
export type PerSourceReduce = 'max' | 'min' | 'avg' | 'last';

/** How a parent region's value is formed. */
export type KpiRollup =
  /** Children's values added (counts, money). */
  | { fn: 'sum' }
  /** Computed from the parent's whole population of facts (exact avg/min/max/percentile of readings). Stream KPIs only. */
  | { fn: 'recompute' }
  /** Plain mean, min or max of the children's values. */
  | { fn: 'avg' | 'min' | 'max' }
  /** Mean of the children's values weighted by another KPI of the same sector (e.g. coverage weighted by target population). */
  | { fn: 'weighted-avg'; weight: string }
  /** Derived KPIs: the formula evaluated on the parent's own input values. */
  | { fn: 'formula' };

/** A default target shipped by the module; operators change targets through the API. */
export interface KpiTargetDefault {
  period: Exclude<KpiPeriod, 'realtime'> | 'realtime';
  value: number;
  /** Applies to every region of this level (default: every level). */
  level?: RegionLevel;
  /** Applies to this region only (overrides a level default). */
  regionId?: string;
}

interface KpiCommon {
  name: LocalizedText;
  description?: LocalizedText;
  unit: UnitText;
  direction: KpiDirection;
  /** Periods this KPI is computed and stored for. */
  periods: KpiPeriod[];
  rollup: KpiRollup;
  /** Digits after the decimal point when shown. Default 0. */
  decimals?: number;
  /** Grouping on a sector OC page (e.g. "facilities", "cases"). */
  group?: string;
  targets?: KpiTargetDefault[];
  /**
   * Forecast of the value at period end: `pace` extrapolates an accumulating value (sum/count) by
   * elapsed share of the period; `trend` fits a line through the period's values so far; `none`.
   * Default: `pace` for sum/count/rate-like KPIs, `trend` otherwise.
   */
  forecast?: 'pace' | 'trend' | 'none';
}

/** (a) Computed from readings or events of one source kind of this sector over a window. */
export interface StreamKpi extends KpiCommon {
  kind: 'stream';
  sourceKind: string;
  /** Metric of that kind's telemetry; exactly one of metric / event. */
  metric?: string;
  /** Event type of that kind (counted). */
  event?: string;
  aggregate: StreamAggregate;
  perSource?: PerSourceReduce;
  /** For `rate`: the unit of time in seconds (3600 = per hour). */
  ratePerS?: number;
  /** Length of the realtime window, seconds. Default 900. */
  windowS?: number;
}

/** (b) Taken from a field of a periodic report submission (statistics submitted by units). */
export interface SubmittedKpi extends KpiCommon {
  kind: 'submitted';
  /** Report template id of the same module. */
  report: string;
  /** Field of that template. */
  field: string;
  /**
   * How submissions of several report periods inside a longer KPI period combine: `sum` for flows
   * (cases, doses, revenue), `last` for stocks (schools, beds). Default `sum`.
   */
  accumulate?: 'sum' | 'last' | 'avg' | 'max';
}

/**
 * (c) A formula over other KPIs of the same region and period: `100 * beds_occupied / beds_total`.
 * Identifiers are KPI ids of the same module or `sector.kpi` of another; operators + - * / ^,
 * comparisons (< <= > >= == !=, giving 1 or 0), and/or/not, functions min, max, abs, round(x, d),
 * clamp(x, lo, hi), if(cond, a, b), coalesce(a, b). A missing or non-finite input makes the value missing.
 */
export interface DerivedKpi extends KpiCommon {
  kind: 'derived';
  formula: string;
}

export type KpiDefinition = StreamKpi | SubmittedKpi | DerivedKpi;

/**
 * Data truth ("đúng, đủ, sạch, sống") of a sector's feeds, generated by the engine for every
 * sector (modules do not declare them): `freshness` % of sources heard from within twice their
 * expected interval; `completeness` % of expected readings received; `validity` % of messages
 * not dead-lettered; `timeliness` % of due report submissions received on time.
 */
export interface DataQualityKpi extends KpiCommon {
  kind: 'quality';
  measure: 'freshness' | 'completeness' | 'validity' | 'timeliness';
}

/** A KPI as the API lists it: its definition plus the owning sector and full id. */
export type KpiInfo = (KpiDefinition | DataQualityKpi) & {
  /** `sector.kpi`, unique across modules. */
  id: string;
  sector: string;
  key: string;
};

/** Attainment of a value against its target. */
export interface KpiStatus {
  target: number | null;
  /** Percent of target achieved, direction-aware (100 = on target). */
  attainmentPct: number | null;
  /** Forecast value at period end. */
  forecast: number | null;
  /** `at-risk` when the forecast misses the target, `met`, `on-track`, or `no-target`. */
  state: 'on-track' | 'at-risk' | 'met' | 'missed' | 'no-target' | 'no-data';
}

/** One KPI value of a region in a period. */
export interface KpiValue extends KpiStatus {
  kpiId: string;
  regionId: string;
  period: KpiPeriod;
  /** Start of the period (ISO), or the computation time for `realtime`. */
  periodStart: string;
  /** Value so far in the period; null when there is no data. */
  value: number | null;
  /** When it was computed (ISO). */
  computedAt: string;
}

/** Snapshot of socket topic `kpi:{sector}:{region}`: every KPI value of the sector for the region. */
export interface KpiTopicSnapshot {
  values: KpiValue[];
}
/** Delta of `kpi:{sector}:{region}`: the values that changed. */
export interface KpiTopicDelta {
  values: KpiValue[];
}

/** Emitted when a forecast falls short of its target (until [alerts] exists, as an IOC event). */
export interface KpiRiskEvent {
  kpiId: string;
  regionId: string;
  period: KpiPeriod;
  periodStart: string;
  state: 'at-risk' | 'recovered';
  value: number | null;
  forecast: number | null;
  target: number;
  at: string;
}

/** `GET /api/v1/kpis` and `GET /api/v1/regions/:id/kpis`: KPIs with their current values for one region. */
export interface KpiListResponse {
  regionId: string;
  kpis: Array<KpiInfo & { values: KpiValue[] }>;
}

/** One point of a KPI series. */
export interface KpiSeriesPoint {
  ts: string;
  value: number | null;
  target?: number | null;
  state?: KpiStatus['state'];
}

/**
 * `GET /api/v1/kpis/:id/series`: stored period values (`period`), or, for stream KPIs, values per
 * minute/hour/local day computed from the continuous aggregates (`resolution`; `store=raw` reads
 * the raw hypertable instead, for comparison).
 */
export interface KpiSeriesResponse {
  kpiId: string;
  regionId: string;
  period?: KpiPeriod;
  resolution?: 'minute' | 'hour' | 'day';
  store?: 'aggregate' | 'raw' | 'kpi_value';
  /** The table or view read (e.g. `reading_district_1d`). */
  table?: string;
  points: KpiSeriesPoint[];
}

/** Reporting compliance of the units under a region for the report a KPI is built from. */
export interface KpiReporting {
  templateId: string;
  /** Report periods due so far in the KPI period × units of the template's level. */
  expected: number;
  submitted: number;
  late: number;
  /** Units with at least one due report missing (ids). */
  missing: string[];
}

/** `GET /api/v1/kpis/:id/breakdown`: a KPI for the children (or a level) of a region, worst first. */
export interface KpiBreakdownResponse {
  kpiId: string;
  regionId: string;
  period: KpiPeriod;
  periodKey: string;
  parent: KpiValue | null;
  items: Array<{ regionId: string; name: string; value: KpiValue | null; reporting?: KpiReporting[] }>;
}

/** `GET /api/v1/kpi-risks`: open and recent "may miss target" states. */
export interface KpiRiskList {
  items: Array<KpiRiskEvent & { periodKey: string; raisedAt: string; clearedAt: string | null }>;
}
