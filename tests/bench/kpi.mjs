#!/usr/bin/env node
/**
 * bench:kpi — KPI series queries over a year of readings: served from the continuous aggregates
 * (reading_1d, reading_1m) and, as the baseline in the same run, the same series computed from
 * the raw hypertable; then the same through the HTTP API.
 *
 *   npm run bench:kpi -- [--sources 200] [--days 365] [--interval-s 600] [--data-dir DIR]
 *                        [--iterations 30] [--compress true|false] [--json]
 *
 * The real runtime starts on embedded defaults with IOC_ROLES=api (no worker, so the embedded
 * policy runner neither refreshes nor drops anything behind the benchmark's back), registers the
 * air-quality stations through `PUT /api/v1/sources` over the province's communes, and generates
 * the readings inside the engine with `INSERT … SELECT … generate_series`, one statement per
 * 30 days, ending now (default 200 × 365 days × one per 10 min = 10.5 M rows; `rows` is counted).
 * It then materialises reading_1m → reading_1h → reading_1d in 30-day windows (CALL
 * refresh_continuous_aggregate through exec, outside transactions), compresses the raw chunks
 * older than 7 days like the production policy, and runs ANALYZE (PGlite has no autovacuum;
 * `before_analyze` shows the aggregate queries without statistics on a new dataset).
 *
 * With `--data-dir DIR` the dataset is kept; a second run with the same --sources/--days/
 * --interval-s reuses it (`reused: true`; the queries stay anchored at the end of the stored data,
 * so the figures compare between runs) and only re-runs the refresh, a no-op unless a migration
 * re-created an aggregate. The server's routes are fixed when the runtime starts: to measure a new
 * API route, re-run on the kept dataset.
 *
 * Queries (warm-up first; p50/p95/max wall-clock ms around `db.query`, which includes the hop to
 * the engine's worker thread; cpu_p50_ms is the process CPU time per query, which holds when other
 * work shares the cores; planning_ms from EXPLAIN (SUMMARY)):
 *   year_daily  — the province's pm25 average per local day over the last 365 days (up to now);
 *   day_minute  — the province's pm25 average per minute over the previous complete local day.
 * `aggregate` reads reading_1d / reading_1m (real-time aggregates: the unmaterialised tail is
 * computed on the fly); `materialized_only` reads the aggregate's materialisation hypertable (what
 * the real-time union costs); `raw` computes the same buckets from the reading hypertable; `check`
 * compares the aggregate and raw series point by point. `api` is the same through
 * `GET /api/v1/kpis/environment.pm25_avg/series` (`&store=raw` for the baseline), or
 * `unavailable` when the server has no such route.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@ioc/server/config';
import { startRuntime } from '@ioc/server/runtime';
import os from 'node:os';
import { machine, parseArgs, percentile, tempDir } from './lib.mjs';

const ZONE = 'Asia/Ho_Chi_Minh';
const ZONE_OFFSET_MS = 7 * 3600_000; // no daylight saving since 1975
const DAY_MS = 86400_000;
const KPI = 'environment.pm25_avg';
const MARKER = 'kpi-bench.json';
const CAGGS = ['reading_1m', 'reading_1h', 'reading_1d', 'reading_district_1m', 'reading_district_1h', 'reading_district_1d'];

let t0 = performance.now();
function progress(msg) {
  process.stderr.write(`[bench:kpi +${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}
const secondsSince = (start) => Math.round((performance.now() - start) / 100) / 10;
const iso = (ms) => new Date(ms).toISOString();

/** Start of the day containing `ms` in the zone the day buckets use. */
function dayStart(ms, zone) {
  const off = zone === 'UTC' ? 0 : ZONE_OFFSET_MS;
  return Math.floor((ms + off) / DAY_MS) * DAY_MS - off;
}

/** Peak resident memory of the process (the engine's worker thread and its WASM heap included). */
function memoryWatch() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 500);
  timer.unref();
  return { peakMb: () => Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20), stop: () => clearInterval(timer) };
}

async function http(url, init) {
  const res = await fetch(url, init);
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Air-quality stations spread over the province's communes, registered through the REST API. */
async function registerSources(runtime, count) {
  const { body: regions } = await http(`${runtime.httpUrl}/api/v1/regions?level=commune`);
  const communes = regions.features.map((f) => f.properties).sort((a, b) => a.id.localeCompare(b.id));
  const { body: provinces } = await http(`${runtime.httpUrl}/api/v1/regions?level=province`);
  const province = provinces.features[0].properties.id;
  const sources = [];
  for (let i = 0; i < count; i++) {
    const c = communes[i % communes.length];
    const k = Math.floor(i / communes.length);
    sources.push({
      id: `kpi-air-${String(i + 1).padStart(4, '0')}`,
      sector: 'environment',
      kind: 'air-station',
      name: `KPI bench air station ${i + 1} (${c.nameEn ?? c.name})`,
      regionId: c.id,
      lon: Math.round((c.center[0] + 0.004 * k * Math.cos(i)) * 1e5) / 1e5,
      lat: Math.round((c.center[1] + 0.004 * k * Math.sin(i)) * 1e5) / 1e5,
    });
  }
  const res = await http(`${runtime.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources }) });
  if (res.status !== 200) throw new Error(`PUT /api/v1/sources answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { province, communes: new Set(sources.map((s) => s.regionId)).size, ids: sources.map((s) => s.id) };
}

/**
 * Readings generated inside the engine: each station reports every `intervalS` seconds with its
 * own phase (so every 1-minute bucket of the province has data), a station level, a dry-season
 * peak in February, a morning peak and noise. One statement per window of `windowDays`.
 */
async function generate(db, ids, { startMs, endMs, intervalS, windowDays }) {
  const phases = ids.map((_, i) => Math.floor((i * intervalS) / ids.length));
  const bases = ids.map((_, i) => 12 + ((i * 7919) % 29));
  const startS = Math.floor(startMs / 1000 / intervalS) * intervalS;
  const endS = Math.floor(endMs / 1000);
  const windowS = Math.max(1, Math.round((windowDays * 86400) / intervalS)) * intervalS;
  let rows = 0;
  for (let w = startS, wEnd; w < endS; w = wEnd) {
    // A remainder shorter than a quarter window joins the last window.
    wEnd = endS - (w + windowS) < windowS / 4 ? endS : w + windowS;
    const t = performance.now();
    await db.query(
      `INSERT INTO reading (ts, source_id, metric, value)
       SELECT to_timestamp(e + s.phase), s.id, 'pm25',
              greatest(0, round((s.base
                * (1 + 0.45 * cos(2 * pi() * ((e - 3888000)::float8 / 31557600)))
                * (1 + 0.3 * cos(2 * pi() * (((e + 25200) % 86400)::float8 / 86400 - 8.0 / 24)))
                + (random() - 0.5) * 6)::numeric, 1))::float8
       FROM generate_series($4::bigint, $5::bigint - 1, $6::bigint) AS e
       CROSS JOIN unnest($1::text[], $2::int[], $3::float8[]) AS s(id, phase, base)
       WHERE e + s.phase < $7::bigint`,
      [ids, phases, bases, w, wEnd, intervalS, endS],
    );
    const n = ids.length * Math.ceil((wEnd - w) / intervalS);
    rows += n;
    const pct = Math.round(((wEnd - startS) / (endS - startS)) * 100);
    progress(`generate ${iso(w * 1000).slice(0, 10)} … ${iso(wEnd * 1000).slice(0, 10)}: ~${n.toLocaleString('en')} rows in ${secondsSince(t)} s (${pct} %, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
  }
  return rows;
}

/**
 * Materialises the aggregates in order, finest first, one CALL per window (a CALL cannot run in
 * a transaction, hence exec). Windows are aligned to the day buckets; a last CALL over the whole
 * range picks up anything a window edge left behind (a no-op when nothing is invalidated).
 */
async function materialize(db, { startMs, endMs, zone, windowDays }) {
  const timings = {};
  const from = dayStart(startMs, zone) - DAY_MS;
  for (const cagg of CAGGS) {
    const t = performance.now();
    for (let w = from; w < endMs; w += windowDays * DAY_MS) {
      const wEnd = Math.min(w + windowDays * DAY_MS, endMs);
      const tw = performance.now();
      await db.exec(`CALL refresh_continuous_aggregate('${cagg}', '${iso(w)}'::timestamptz, '${iso(wEnd)}'::timestamptz)`);
      const ms = performance.now() - tw;
      if (ms > 2000) progress(`refresh ${cagg} ${iso(w).slice(0, 10)} … ${iso(wEnd).slice(0, 10)} in ${(ms / 1000).toFixed(1)} s (rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
    }
    await db.exec(`CALL refresh_continuous_aggregate('${cagg}', '${iso(from)}'::timestamptz, '${iso(endMs)}'::timestamptz)`);
    timings[cagg] = secondsSince(t);
    progress(`materialised ${cagg} in ${timings[cagg]} s`);
  }
  return timings;
}

/** Compresses the raw chunks that end more than 7 days before `endMs`, one chunk per statement. */
async function compressOld(db, endMs) {
  const chunks = await db.query(
    `SELECT format('%I.%I', chunk_schema, chunk_name) AS chunk FROM timescaledb_information.chunks
     WHERE hypertable_name = 'reading' AND NOT is_compressed AND range_end <= $1::timestamptz ORDER BY range_start`,
    [iso(endMs - 7 * DAY_MS)],
  );
  const t = performance.now();
  for (let i = 0; i < chunks.length; i++) {
    await db.query(`SELECT compress_chunk($1::regclass, if_not_compressed => true)`, [chunks[i].chunk]);
    if ((i + 1) % 25 === 0 || i === chunks.length - 1) progress(`compressed ${i + 1}/${chunks.length} raw chunks (${secondsSince(t)} s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB)`);
  }
  return chunks.length;
}

/** Zone of reading_1d's day buckets: local days once the aggregate buckets in Asia/Ho_Chi_Minh. */
async function dayBucketZone(db) {
  const [row] = await db.query(`SELECT view_definition FROM timescaledb_information.continuous_aggregates WHERE view_name = 'reading_1d'`);
  return row?.view_definition?.includes(ZONE) ? ZONE : 'UTC';
}

async function sizes(db) {
  const mb = (b) => (b == null ? null : Math.round((Number(b) / 2 ** 20) * 10) / 10);
  const out = {};
  const [raw] = await db.query(`SELECT hypertable_size('reading') AS b`);
  out.reading = mb(raw.b);
  const caggs = await db.query(
    `SELECT view_name, hypertable_size(format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)::regclass) AS b
     FROM timescaledb_information.continuous_aggregates WHERE view_name = ANY($1::text[])`,
    [CAGGS],
  );
  for (const c of caggs) out[c.view_name] = mb(c.b);
  const [db0] = await db.query(`SELECT pg_database_size(current_database()) AS b`);
  out.database = mb(db0.b);
  return out;
}

async function chunkStats(db) {
  const [r] = await db.query(
    `SELECT count(*)::int AS chunks, count(*) FILTER (WHERE is_compressed)::int AS compressed
     FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'`,
  );
  return r;
}

/**
 * The stations under a region (the region and its descendants), as the KPI endpoint resolves
 * them before it reads a series.
 */
async function regionSources(db, regionId) {
  const rows = await db.query(
    `WITH RECURSIVE tree AS (SELECT id FROM region WHERE id = $1 UNION ALL SELECT r.id FROM region r JOIN tree t ON r.parent_id = t.id)
     SELECT s.id FROM source s WHERE s.sector = 'environment' AND s.kind = 'air-station' AND s.region_id IN (SELECT id FROM tree) ORDER BY s.id`,
    [regionId],
  );
  return rows.map((r) => r.id);
}

/**
 * The same KPI series ($1 source ids, $2 from, $3 to): from an aggregate (`aggregate`, the view
 * with its real-time tail), from the aggregate's materialised rows only (`materialized`, a
 * diagnostic: what the real-time union costs), or from the raw hypertable (`raw`) bucketed the
 * way the aggregate is.
 */
function seriesSql(store, resolution, zone, matTables) {
  if (store === 'district') {
    // Per-district aggregate (migration 006): a few rows per bucket for the whole province
    // ($1, the source ids, is typed but not needed: the aggregate is already per kind).
    return `SELECT bucket AS ts, sum(sum) / sum(n) AS value FROM ${resolution === 'day' ? 'reading_district_1d' : 'reading_district_1m'}
      WHERE $1::text[] IS NOT NULL AND sector = 'environment' AND kind = 'air-station' AND metric = 'pm25' AND bucket >= $2::timestamptz AND bucket < $3::timestamptz
      GROUP BY 1 ORDER BY 1`;
  }
  const view = resolution === 'day' ? 'reading_1d' : 'reading_1m';
  if (store !== 'raw') {
    return `SELECT bucket AS ts, sum(sum) / sum(n) AS value FROM ${store === 'materialized' ? matTables[view] : view}
      WHERE source_id = ANY($1::text[]) AND metric = 'pm25' AND bucket >= $2::timestamptz AND bucket < $3::timestamptz
      GROUP BY 1 ORDER BY 1`;
  }
  const bucket = resolution === 'day' ? (zone === 'UTC' ? `time_bucket('1 day', ts)` : `time_bucket('1 day', ts, '${ZONE}')`) : `time_bucket('1 minute', ts)`;
  return `SELECT ${bucket} AS ts, avg(value) AS value FROM reading
    WHERE source_id = ANY($1::text[]) AND metric = 'pm25' AND ts >= $2::timestamptz AND ts < $3::timestamptz
    GROUP BY 1 ORDER BY 1`;
}

async function materializationTables(db) {
  const rows = await db.query(
    `SELECT view_name, format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) AS t
     FROM timescaledb_information.continuous_aggregates WHERE view_name = ANY($1::text[])`,
    [CAGGS],
  );
  return Object.fromEntries(rows.map((r) => [r.view_name, r.t]));
}

/**
 * Times `fn` after `warmup` runs. A query slower than a second gets one warm-up and fewer timed
 * runs, so that one measurement stays near a minute (at least 3; `iterations` says how many).
 */
async function measure(fn, { iterations, warmup }) {
  let last;
  let warmMs = 0;
  for (let i = 0; i < warmup; i++) {
    const t = performance.now();
    last = await fn();
    warmMs = performance.now() - t;
    if (warmMs > 1000) break;
  }
  const n = warmMs > 1000 ? Math.max(3, Math.min(iterations, Math.floor(60_000 / warmMs))) : iterations;
  const times = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    last = await fn();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // cpu_p50_ms: CPU time of the whole process (the engine's thread does the work) per query, the
  // figure that holds when other processes share the cores and stretch the wall-clock times.
  return { stats: { p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), max_ms: Math.round(times[times.length - 1] * 10) / 10, cpu_p50_ms: percentile(cpu, 50), iterations: n }, last };
}

function compare(a, b) {
  const byTs = new Map(b.map((p) => [new Date(p.ts).getTime(), Number(p.value)]));
  let maxDiff = 0;
  let missing = 0;
  for (const p of a) {
    const v = byTs.get(new Date(p.ts).getTime());
    if (v === undefined) missing++;
    else maxDiff = Math.max(maxDiff, Math.abs(v - Number(p.value)));
  }
  return { same_points: a.length === b.length && missing === 0, max_abs_diff: Math.round(maxDiff * 1e9) / 1e9 };
}

function apiUrl(runtime, province, resolution, from, to, raw) {
  const q = new URLSearchParams({ region: province, from: iso(from), to: iso(to), resolution });
  if (raw) q.set('store', 'raw');
  return `${runtime.httpUrl}/api/v1/kpis/${KPI}/series?${q}`;
}

export async function benchKpi(opts = {}) {
  const { sources = 200, days = 365, intervalS = 600, iterations = 30, warmup = 2, compress = true, windowDays = 30, refreshWindowDays = 30 } = opts;
  t0 = performance.now();
  const mem = memoryWatch();
  const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;
  const keep = Boolean(opts.dataDir);
  const dataDir = keep ? path.resolve(opts.dataDir) : tempDir('kpi');
  fs.mkdirSync(dataDir, { recursive: true });
  const markerPath = path.join(dataDir, MARKER);
  const want = { sources, days, interval_s: intervalS };
  let marker = fs.existsSync(markerPath) ? JSON.parse(fs.readFileSync(markerPath, 'utf8')) : undefined;
  if (marker && (marker.sources !== sources || marker.days !== days || marker.interval_s !== intervalS)) {
    throw new Error(`--data-dir ${dataDir} holds a dataset of ${JSON.stringify({ sources: marker.sources, days: marker.days, interval_s: marker.interval_s })}, not ${JSON.stringify(want)}: use another folder or remove it`);
  }
  if (!marker && fs.existsSync(path.join(dataDir, 'pgdata'))) {
    throw new Error(`--data-dir ${dataDir} holds a database but no complete benchmark dataset (${MARKER} missing; an earlier run stopped half-way?): remove the folder`);
  }
  const reused = Boolean(marker);
  progress(`${reused ? `reusing the dataset in ${dataDir} (generated ${marker.generated_at})` : `new dataset in ${dataDir}`}: ${sources} sources × ${days} days, one reading every ${intervalS} s`);

  const tBoot = performance.now();
  const runtime = await startRuntime(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', IOC_ROLES: 'api', AUTH_MODE: 'open' }));
  progress(`runtime up in ${secondsSince(tBoot)} s (roles: api; ${runtime.db.kind} database at ${runtime.db.location})`);
  const { db } = runtime;
  try {
    const reg = await registerSources(runtime, sources);
    progress(`registered ${sources} air stations in ${reg.communes} communes of province ${reg.province}`);
    let zone = await dayBucketZone(db);

    let generateS = null;
    let compressS = null;
    let compressedNow = 0;
    if (!reused) {
      const endMs = Date.now();
      const startMs = endMs - days * DAY_MS;
      const tg = performance.now();
      await generate(db, reg.ids, { startMs, endMs, intervalS, windowDays });
      generateS = secondsSince(tg);
      const [{ n }] = await db.query(`SELECT count(*)::bigint AS n FROM reading WHERE source_id = ANY($1::text[])`, [reg.ids]);
      marker = { ...want, rows: Number(n), start: iso(startMs), end: iso(endMs), generated_at: iso(Date.now()), generate_s: generateS };
      progress(`generated ${marker.rows.toLocaleString('en')} rows in ${generateS} s (${Math.round(marker.rows / generateS).toLocaleString('en')} rows/s)`);
    }
    const startMs = Date.parse(marker.start);
    const endMs = Date.parse(marker.end);

    const tm = performance.now();
    const refresh = await materialize(db, { startMs, endMs, zone, windowDays: refreshWindowDays });
    const materializeS = secondsSince(tm);
    if (!reused) marker.materialize_s = materializeS;

    if (compress) {
      const tc = performance.now();
      compressedNow = await compressOld(db, endMs);
      compressS = secondsSince(tc);
      if (!reused) marker.compress_s = compressS;
    }
    if (!reused) fs.writeFileSync(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
    const chunks = await chunkStats(db);
    const storage = await sizes(db);
    progress(`storage (MB): ${JSON.stringify(storage)}; raw chunks ${chunks.compressed}/${chunks.chunks} compressed`);

    // The queries.
    zone = await dayBucketZone(db);
    const matTables = await materializationTables(db);
    const today = dayStart(endMs, zone);
    const windows = {
      year_daily: { resolution: 'day', from: today - 364 * DAY_MS, to: endMs },
      day_minute: { resolution: 'minute', from: dayStart(endMs, ZONE) - DAY_MS, to: dayStart(endMs, ZONE) },
    };
    const tl = performance.now();
    const ids = await regionSources(db, reg.province);
    const lookupMs = Math.round((performance.now() - tl) * 10) / 10;
    const series = (store, name, prefix = '') => {
      const w = windows[name];
      const sql = prefix + seriesSql(store, w.resolution, zone, matTables);
      const params = [ids, iso(w.from), iso(w.to)];
      return () => db.query(sql, params);
    };
    /** Planning time alone (EXPLAIN without ANALYZE, median of 3): the query is planned on every call. */
    const planningMs = async (store, name) => {
      const ms = [];
      for (let i = 0; i < 3; i++) {
        const rows = await series(store, name, 'EXPLAIN (SUMMARY) ')();
        const line = rows.map((r) => Object.values(r)[0]).find((l) => /^Planning Time:/.test(l));
        ms.push(Number(/([\d.]+) ms/.exec(line ?? '')?.[1]));
      }
      return ms.sort((a, b) => a - b)[1];
    };

    // PGlite never runs autovacuum, so nothing has statistics yet: what the aggregate queries
    // cost in that state (median of 3), then ANALYZE as a server's autovacuum would have.
    let beforeAnalyze;
    if (!reused) {
      beforeAnalyze = {};
      for (const name of Object.keys(windows)) {
        beforeAnalyze[`${name}_aggregate_p50_ms`] = (await measure(series('aggregate', name), { iterations: 3, warmup: 1 })).stats.p50_ms;
      }
      progress(`before ANALYZE: ${JSON.stringify(beforeAnalyze)}`);
    }
    const ta = performance.now();
    await db.exec('ANALYZE');
    const analyzeS = secondsSince(ta);
    progress(`ANALYZE in ${analyzeS} s`);

    const queries = {};
    const sqlSeries = {};
    for (const [name, w] of Object.entries(windows)) {
      const agg = await measure(series('aggregate', name), { iterations, warmup });
      progress(`${name} aggregate: ${JSON.stringify(agg.stats)}`);
      const district = await measure(series('district', name), { iterations, warmup });
      progress(`${name} district aggregate: ${JSON.stringify(district.stats)}`);
      const mat = await measure(series('materialized', name), { iterations, warmup });
      progress(`${name} materialised rows only: ${JSON.stringify(mat.stats)}`);
      const raw = await measure(series('raw', name), { iterations, warmup });
      progress(`${name} raw: ${JSON.stringify(raw.stats)}`);
      sqlSeries[name] = agg.last;
      agg.stats.planning_ms = await planningMs('aggregate', name);
      district.stats.planning_ms = await planningMs('district', name);
      mat.stats.planning_ms = await planningMs('materialized', name);
      raw.stats.planning_ms = await planningMs('raw', name);
      const view = w.resolution === 'day' ? 'reading_1d' : 'reading_1m';
      queries[name] = {
        from: iso(w.from),
        to: iso(w.to),
        district_aggregate: { ...district.stats, points: district.last.length, source: w.resolution === 'day' ? 'reading_district_1d' : 'reading_district_1m' },
        aggregate: { ...agg.stats, points: agg.last.length, source: view },
        raw: { ...raw.stats, points: raw.last.length, source: 'reading' },
        materialized_only: { ...mat.stats, points: mat.last.length, source: `${matTables[view]} (${view} without its real-time tail)` },
        check: compare(agg.last, raw.last),
        check_district: compare(district.last, raw.last),
        speedup_p50: agg.stats.p50_ms ? Math.round((raw.stats.p50_ms / agg.stats.p50_ms) * 10) / 10 : null,
      };
    }

    // The same through the HTTP API, once the route exists.
    const api = { endpoint: `GET /api/v1/kpis/${KPI}/series` };
    const probeUrl = apiUrl(runtime, reg.province, 'minute', windows.day_minute.from, windows.day_minute.to, false);
    const probe = await http(probeUrl);
    if (probe.status === 404) {
      api.status = 'unavailable';
      api.detail = `${api.endpoint} answers 404 on this build (re-run with the same --data-dir once it exists: the dataset is reused)`;
    } else if (probe.status !== 200 || !Array.isArray(probe.body?.points)) {
      api.status = 'error';
      api.detail = `answered ${probe.status}: ${JSON.stringify(probe.body).slice(0, 500)}`;
    } else {
      api.status = 'measured';
      for (const [name, w] of Object.entries(windows)) {
        const run = (raw) => measure(async () => {
          const r = await http(apiUrl(runtime, reg.province, w.resolution, w.from, w.to, raw));
          if (r.status !== 200) throw new Error(`${name}${raw ? ' (store=raw)' : ''}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
          return r.body.points;
        }, { iterations, warmup });
        const agg = await run(false);
        const raw = await run(true);
        progress(`api ${name}: aggregate ${JSON.stringify(agg.stats)}, raw ${JSON.stringify(raw.stats)}`);
        api[name] = {
          aggregate: { ...agg.stats, points: agg.last.length },
          raw: { ...raw.stats, points: raw.last.length },
          check_vs_sql: compare(agg.last, sqlSeries[name]),
          check_raw_vs_sql: compare(raw.last, sqlSeries[name]),
        };
      }
    }

    const target = 50;
    return {
      rows: marker.rows,
      sources,
      days,
      interval_s: intervalS,
      data_start: marker.start,
      data_end: marker.end,
      reused,
      data_dir: keep ? dataDir : undefined,
      generate_s: generateS,
      materialize_s: materializeS,
      materialize_detail_s: refresh,
      compress_s: compressS,
      dataset_first_built: reused ? { generated_at: marker.generated_at, generate_s: marker.generate_s, materialize_s: marker.materialize_s, compress_s: marker.compress_s ?? null } : undefined,
      raw_compressed: { chunks: chunks.chunks, compressed: chunks.compressed, compressed_this_run: compressedNow },
      storage_mb: storage,
      analyze_s: analyzeS,
      before_analyze: beforeAnalyze,
      source_lookup_ms: lookupMs,
      day_buckets: zone,
      queries,
      api,
      target_p95_ms: target,
      // The API serves a province or district series from the per-district aggregates.
      meets_target: api.status === 'measured'
        ? api.year_daily.aggregate.p95_ms <= target && api.day_minute.aggregate.p95_ms <= target
        : queries.year_daily.district_aggregate.p95_ms <= target && queries.day_minute.district_aggregate.p95_ms <= target,
      peak_rss_mb: mem.peakMb(),
      load_avg_1m: { at_start: loadAtStart, at_end: Math.round(os.loadavg()[0] * 100) / 100 },
      machine: machine(),
    };
  } finally {
    mem.stop();
    await runtime.close();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), { sources: 200, days: 365, 'interval-s': 600, iterations: 30, warmup: 2, compress: true, 'window-days': 30, 'refresh-window-days': 30 });
  const result = await benchKpi({
    sources: args.sources,
    days: args.days,
    intervalS: args['interval-s'],
    dataDir: typeof args['data-dir'] === 'string' ? args['data-dir'] : undefined,
    iterations: args.iterations,
    warmup: args.warmup,
    compress: !['false', 'no', 0].includes(args.compress),
    windowDays: args['window-days'],
    refreshWindowDays: args['refresh-window-days'],
  });
  process.stdout.write(`${JSON.stringify(result, null, args.json ? 0 : 2)}\n`);
  process.exit(0);
}
