import type { StreamKpi } from '@ioc/sdk';
import { IOC_TIME_ZONE } from '@ioc/sdk';

/**
 * SQL of stream KPIs. Readings are read from the continuous aggregate matching the span
 * (1 min / 1 h / local 1 day, each carrying sum, n, min, max) or, for comparison and for what
 * aggregates cannot give (percentiles, latest value), from the raw hypertable. Events are
 * counted from the event hypertable.
 */
export type ReadingStore = 'raw' | 'reading_1m' | 'reading_1h' | 'reading_1d';

const STORE_STEP: Record<Exclude<ReadingStore, 'raw'>, string> = { reading_1m: '1 minute', reading_1h: '1 hour', reading_1d: '1 day' };

/** Column expressions of a store: partial sums that combine across rows. */
function partials(store: ReadingStore, alias: string): { ts: string; sum: string; n: string; min: string; max: string } {
  if (store === 'raw') return { ts: `${alias}.ts`, sum: `sum(${alias}.value)`, n: `count(*)`, min: `min(${alias}.value)`, max: `max(${alias}.value)` };
  return { ts: `${alias}.bucket`, sum: `sum(${alias}.sum)`, n: `sum(${alias}.n)`, min: `min(${alias}.min)`, max: `max(${alias}.max)` };
}

function table(store: ReadingStore): string {
  return store === 'raw' ? 'reading' : store;
}

const PERCENTILE: Record<string, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99 };

export function isPercentile(k: StreamKpi): boolean {
  return k.aggregate in PERCENTILE;
}

/** Per-source first step expressions (one value per source and local day, or per source in the window). */
function perSourceExpr(store: ReadingStore, reduce: 'max' | 'min' | 'avg', alias: string): string {
  const p = partials(store, alias);
  return reduce === 'max' ? p.max : reduce === 'min' ? p.min : `${p.sum} / nullif(${p.n}, 0)`;
}

export interface WindowQuery {
  sql: string;
  params: unknown[];
}

/**
 * Values of one stream KPI for every region over [from, to): one row per region that has facts,
 * with `sum`, `n`, `min`, `max` (or `pct` for percentiles). `direct` limits rows to the regions
 * the sources are attached to (for rollups other than recompute/sum).
 */
export function windowQuery(k: StreamKpi, sector: string, store: ReadingStore, from: Date, to: Date, direct: boolean): WindowQuery {
  const regionJoin = direct
    ? `JOIN (SELECT id AS region_id, id AS ancestor_id FROM region) ra ON ra.region_id = s.region_id`
    : `JOIN region_ancestor ra ON ra.region_id = s.region_id`;
  const params: unknown[] = [sector, k.sourceKind, k.event ?? k.metric, from.toISOString(), to.toISOString()];
  if (k.event) {
    return {
      sql: `SELECT ra.ancestor_id AS region_id, count(*)::float8 AS sum, count(*)::float8 AS n, NULL::float8 AS min, NULL::float8 AS max
            FROM event e JOIN source s ON s.id = e.source_id ${regionJoin}
            WHERE s.sector = $1 AND s.kind = $2 AND e.type = $3 AND e.ts >= $4 AND e.ts < $5
            GROUP BY 1`,
      params,
    };
  }
  const t = table(store);
  const p = partials(store, 'a');
  if (isPercentile(k)) {
    params.push(PERCENTILE[k.aggregate]);
    return {
      sql: `SELECT ra.ancestor_id AS region_id, percentile_cont($6::float8) WITHIN GROUP (ORDER BY a.value) AS pct, count(*)::float8 AS n
            FROM reading a JOIN source s ON s.id = a.source_id ${regionJoin}
            WHERE s.sector = $1 AND s.kind = $2 AND a.metric = $3 AND a.ts >= $4 AND a.ts < $5
            GROUP BY 1`,
      params,
    };
  }
  if (k.perSource === 'last') {
    return {
      sql: `WITH per AS (
              SELECT DISTINCT ON (a.source_id) a.source_id, a.value AS v
              FROM reading a JOIN source s ON s.id = a.source_id
              WHERE s.sector = $1 AND s.kind = $2 AND a.metric = $3 AND a.ts >= $4 AND a.ts < $5
              ORDER BY a.source_id, a.ts DESC)
            SELECT ra.ancestor_id AS region_id, sum(v) AS sum, count(*)::float8 AS n, min(v) AS min, max(v) AS max
            FROM per JOIN source s ON s.id = per.source_id ${regionJoin} GROUP BY 1`,
      params,
    };
  }
  if (k.perSource) {
    // One value per source and local day (a realtime window is one "day" per source).
    const day = store === 'raw' ? `time_bucket(INTERVAL '1 day', a.ts, '${IOC_TIME_ZONE}')` : store === 'reading_1d' ? 'a.bucket' : `time_bucket(INTERVAL '1 day', a.bucket, '${IOC_TIME_ZONE}')`;
    return {
      sql: `WITH per AS (
              SELECT a.source_id, ${day} AS d, ${perSourceExpr(store, k.perSource, 'a')} AS v
              FROM ${t} a JOIN source s ON s.id = a.source_id
              WHERE s.sector = $1 AND s.kind = $2 AND a.metric = $3 AND ${p.ts} >= $4 AND ${p.ts} < $5
              GROUP BY 1, 2)
            SELECT ra.ancestor_id AS region_id, sum(v) AS sum, count(*)::float8 AS n, min(v) AS min, max(v) AS max
            FROM per JOIN source s ON s.id = per.source_id ${regionJoin} WHERE v IS NOT NULL GROUP BY 1`,
      params,
    };
  }
  return {
    sql: `SELECT ra.ancestor_id AS region_id, ${p.sum} AS sum, ${p.n}::float8 AS n, ${p.min} AS min, ${p.max} AS max
          FROM ${t} a JOIN source s ON s.id = a.source_id ${regionJoin}
          WHERE s.sector = $1 AND s.kind = $2 AND a.metric = $3 AND ${p.ts} >= $4 AND ${p.ts} < $5
          GROUP BY 1`,
    params,
  };
}

export interface WindowRow {
  region_id: string;
  sum?: number | null;
  n?: number | null;
  min?: number | null;
  max?: number | null;
  pct?: number | null;
}

/** The KPI value of one window row. */
export function windowValue(k: StreamKpi, row: WindowRow, windowS: number): number | null {
  const n = Number(row.n ?? 0);
  if (!n) return null;
  if (isPercentile(k)) return row.pct ?? null;
  const sum = Number(row.sum ?? 0);
  switch (k.aggregate) {
    case 'avg':
      return sum / n;
    case 'sum':
      return sum;
    case 'count':
      return n;
    case 'min':
      return row.min ?? null;
    case 'max':
      return row.max ?? null;
    case 'rate':
      return windowS > 0 ? (sum * (k.ratePerS ?? 3600)) / windowS : null;
  }
  return null;
}

export type SeriesResolution = 'minute' | 'hour' | 'day';
export const SERIES_STORE: Record<SeriesResolution, Exclude<ReadingStore, 'raw'>> = { minute: 'reading_1m', hour: 'reading_1h', day: 'reading_1d' };

/**
 * Series of one stream KPI for one region's sources at a resolution, from the matching
 * aggregate or (store 'raw') the raw hypertable bucketed the same way. `$1` = source ids.
 */
export function seriesQuery(k: StreamKpi, resolution: SeriesResolution, raw: boolean, sourceIds: string[], from: Date, to: Date): WindowQuery {
  const store: ReadingStore = raw ? 'raw' : SERIES_STORE[resolution];
  const step = STORE_STEP[SERIES_STORE[resolution]];
  const tz = resolution === 'day' ? `, '${IOC_TIME_ZONE}'` : '';
  const params: unknown[] = [sourceIds, k.event ?? k.metric, from.toISOString(), to.toISOString()];
  if (k.event) {
    return {
      sql: `SELECT time_bucket(INTERVAL '${step}', e.ts${tz}) AS ts, count(*)::float8 AS sum, count(*)::float8 AS n
            FROM event e WHERE e.source_id = ANY($1::text[]) AND e.type = $2 AND e.ts >= $3 AND e.ts < $4 GROUP BY 1 ORDER BY 1`,
      params,
    };
  }
  const p = partials(store, 'a');
  const bucket = raw ? `time_bucket(INTERVAL '${step}', a.ts${tz})` : 'a.bucket';
  if (isPercentile(k)) {
    params.push(PERCENTILE[k.aggregate]);
    return {
      sql: `SELECT time_bucket(INTERVAL '${step}', a.ts${tz}) AS ts, percentile_cont($5::float8) WITHIN GROUP (ORDER BY a.value) AS pct, count(*)::float8 AS n
            FROM reading a WHERE a.source_id = ANY($1::text[]) AND a.metric = $2 AND a.ts >= $3 AND a.ts < $4 GROUP BY 1 ORDER BY 1`,
      params,
    };
  }
  if (k.perSource) {
    const reduce = k.perSource === 'last' ? 'max' : k.perSource;
    return {
      sql: `WITH per AS (
              SELECT ${bucket} AS ts, a.source_id, ${perSourceExpr(store, reduce, 'a')} AS v
              FROM ${table(store)} a WHERE a.source_id = ANY($1::text[]) AND a.metric = $2 AND ${p.ts} >= $3 AND ${p.ts} < $4 GROUP BY 1, 2)
            SELECT ts, sum(v) AS sum, count(*)::float8 AS n, min(v) AS min, max(v) AS max FROM per GROUP BY 1 ORDER BY 1`,
      params,
    };
  }
  return {
    sql: `SELECT ${bucket} AS ts, ${p.sum} AS sum, ${p.n}::float8 AS n, ${p.min} AS min, ${p.max} AS max
          FROM ${table(store)} a WHERE a.source_id = ANY($1::text[]) AND a.metric = $2 AND ${p.ts} >= $3 AND ${p.ts} < $4
          GROUP BY 1 ORDER BY 1`,
    params,
  };
}

/** Seconds of one series bucket (for rates). */
export const RESOLUTION_S: Record<SeriesResolution, number> = { minute: 60, hour: 3600, day: 86400 };

const DISTRICT_STORE: Record<SeriesResolution, string> = { minute: 'reading_district_1m', hour: 'reading_district_1h', day: 'reading_district_1d' };

/** Whether a KPI's series can come from the per-district aggregates (plain reductions of readings). */
export function districtSeriesApplies(k: StreamKpi): boolean {
  return !k.event && !k.perSource && !isPercentile(k);
}

/**
 * Series of a stream KPI for the province (`districtId` null: every district) or one district,
 * from the per-district aggregates: a few rows per bucket instead of one per source.
 */
export function districtSeriesQuery(k: StreamKpi, sector: string, resolution: SeriesResolution, districtId: string | null, from: Date, to: Date): WindowQuery & { table: string } {
  const table = DISTRICT_STORE[resolution];
  // Two statements rather than `($n IS NULL OR district_id = $n)`, which keeps the planner from
  // using the district in the index.
  const district = districtId === null ? '' : 'AND a.district_id = $6';
  return {
    table,
    sql: `SELECT a.bucket AS ts, sum(a.sum) AS sum, sum(a.n)::float8 AS n, min(a.min) AS min, max(a.max) AS max
          FROM ${table} a
          WHERE a.sector = $1 AND a.kind = $2 AND a.metric = $3 AND a.bucket >= $4 AND a.bucket < $5 ${district}
          GROUP BY 1 ORDER BY 1`,
    params: [sector, k.sourceKind, k.metric, from.toISOString(), to.toISOString(), ...(districtId === null ? [] : [districtId])],
  };
}
