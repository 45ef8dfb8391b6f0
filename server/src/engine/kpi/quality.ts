import type { DataQualityKpi } from '@ioc/sdk';
import { periodOf } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { CompiledKpi } from './catalog.js';
import type { PeriodInstance } from './kpi-engine.js';
import type { RegionTree } from '../registry/region-tree.js';
import type { RegionValues } from './rollup.js';

/** Adds a source's numerator/denominator to its region and every ancestor. */
class Ratio {
  private readonly num = new Map<string, number>();
  private readonly den = new Map<string, number>();
  constructor(private readonly tree: RegionTree) {}

  add(regionId: string | null, num: number, den: number): void {
    for (let n = regionId ? this.tree.get(regionId) : undefined; n; n = n.parentId ? this.tree.get(n.parentId) : undefined) {
      this.num.set(n.id, (this.num.get(n.id) ?? 0) + num);
      this.den.set(n.id, (this.den.get(n.id) ?? 0) + den);
    }
  }

  percent(): RegionValues {
    const out: RegionValues = new Map();
    for (const [id, d] of this.den) if (d > 0) out.set(id, (100 * (this.num.get(id) ?? 0)) / d);
    return out;
  }
}

interface SourceRow {
  id: string;
  kind: string;
  region_id: string | null;
  last_seen: Date | null;
  created_at: Date;
}

export interface SourceQuality {
  sourceId: string;
  kind: string;
  regionId: string | null;
  lastSeen: string | null;
  ageS: number | null;
  expectedIntervalS: number;
  fresh: boolean;
  received: number;
  expected: number;
  completenessPct: number | null;
  deadLettered: number;
  validityPct: number | null;
}

/**
 * Per-source data truth over [from, to): received messages (the most readings of any one metric
 * per source — one telemetry message carries each metric once), expected messages from the
 * kind's interval since the source existed, dead letters naming the source, and freshness now.
 */
export async function sourceQuality(db: Database, modules: ModuleRegistry, sector: string, from: Date, to: Date, now: Date): Promise<SourceQuality[]> {
  const manifest = modules.sector(sector);
  if (!manifest) return [];
  const sources = await db.query<SourceRow>('SELECT id, kind, region_id, last_seen, created_at FROM source WHERE sector = $1', [sector]);
  const spanS = (to.getTime() - from.getTime()) / 1000;
  const useRaw = spanS <= 3 * 3600;
  // The newest reading in the window (raw spans) backs up `source.last_seen`, which ingest writes
  // only every few seconds: a reading committed a moment ago is fresh before the hint catches up.
  const counts = await db.query<{ source_id: string; n: number; last: Date | string | null }>(
    useRaw
      ? `SELECT source_id, max(n)::float8 AS n, max(last) AS last FROM (SELECT r.source_id, r.metric, count(*) AS n, max(r.ts) AS last FROM reading r JOIN source s ON s.id = r.source_id
           WHERE s.sector = $1 AND r.ts >= $2 AND r.ts < $3 GROUP BY 1, 2) x GROUP BY 1`
      : `SELECT source_id, max(n)::float8 AS n, NULL::timestamptz AS last FROM (SELECT a.source_id, a.metric, sum(a.n) AS n FROM reading_1h a JOIN source s ON s.id = a.source_id
           WHERE s.sector = $1 AND a.bucket >= $2 AND a.bucket < $3 GROUP BY 1, 2) x GROUP BY 1`,
    [sector, from.toISOString(), to.toISOString()],
  );
  const received = new Map(counts.map((c) => [c.source_id, Number(c.n)]));
  const newest = new Map(counts.filter((c) => c.last !== null).map((c) => [c.source_id, new Date(c.last!).getTime()]));
  const deadRows = await db.query<{ source_id: string; n: number }>(
    `SELECT d.source_id, count(*)::float8 AS n FROM dead_letter d JOIN source s ON s.id = d.source_id
     WHERE s.sector = $1 AND d.received_at >= $2 AND d.received_at < $3 GROUP BY 1`,
    [sector, from.toISOString(), to.toISOString()],
  );
  const dead = new Map(deadRows.map((c) => [c.source_id, Number(c.n)]));
  return sources.map((s) => {
    const kind = manifest.sourceKinds[s.kind];
    const interval = kind?.expectedIntervalS ?? 60;
    const hasTelemetry = !!kind && Object.keys(kind.metrics).length > 0;
    const seenMs = Math.max(s.last_seen ? new Date(s.last_seen).getTime() : -Infinity, newest.get(s.id) ?? -Infinity);
    const lastSeen = Number.isFinite(seenMs) ? new Date(seenMs) : null;
    const ageS = lastSeen ? Math.max(0, (now.getTime() - lastSeen.getTime()) / 1000) : null;
    const since = Math.max(from.getTime(), new Date(s.created_at).getTime());
    const expected = hasTelemetry ? Math.max(0, Math.floor((to.getTime() - since) / 1000 / interval)) : 0;
    const got = received.get(s.id) ?? 0;
    const bad = dead.get(s.id) ?? 0;
    return {
      sourceId: s.id,
      kind: s.kind,
      regionId: s.region_id,
      lastSeen: lastSeen?.toISOString() ?? null,
      ageS: ageS === null ? null : Math.round(ageS),
      expectedIntervalS: interval,
      fresh: ageS !== null && ageS <= 2 * interval,
      received: got,
      expected,
      completenessPct: expected > 0 ? Math.min(100, (100 * got) / expected) : null,
      deadLettered: bad,
      validityPct: got + bad > 0 ? (100 * got) / (got + bad) : null,
    };
  });
}

/** Per-source figures are shared by the three measures of one sector in one period instance. */
const perInstance = new WeakMap<PeriodInstance, Map<string, Promise<SourceQuality[]>>>();

/** Values of a data-truth KPI for every region in one period instance. */
export async function computeQuality(db: Database, modules: ModuleRegistry, tree: RegionTree, k: CompiledKpi & DataQualityKpi, inst: PeriodInstance): Promise<RegionValues> {
  const ratio = new Ratio(tree);
  if (k.measure === 'timeliness') {
    await reportTimeliness(db, modules, tree, k.sector, inst, ratio);
    return ratio.percent();
  }
  const from = inst.period === 'realtime' ? new Date(inst.at.getTime() - 3600_000) : inst.start;
  let memo = perInstance.get(inst);
  if (!memo) perInstance.set(inst, (memo = new Map()));
  let pending = memo.get(k.sector);
  if (!pending) memo.set(k.sector, (pending = sourceQuality(db, modules, k.sector, from, inst.at, inst.at)));
  const rows = await pending;
  for (const s of rows) {
    if (k.measure === 'freshness') ratio.add(s.regionId, s.fresh ? 1 : 0, 1);
    else if (k.measure === 'completeness') {
      if (s.expected > 0) ratio.add(s.regionId, Math.min(s.received, s.expected), s.expected);
    } else if (s.received + s.deadLettered > 0) ratio.add(s.regionId, s.received, s.received + s.deadLettered);
  }
  return ratio.percent();
}

/**
 * Share of report submissions due inside the period (due date passed) that arrived on time,
 * counted on the submitting units and rolled up their ancestors.
 */
async function reportTimeliness(db: Database, modules: ModuleRegistry, tree: RegionTree, sector: string, inst: PeriodInstance, ratio: Ratio): Promise<void> {
  const reports = modules.sector(sector)?.reports ?? {};
  for (const [key, t] of Object.entries(reports)) {
    const due: Array<{ key: string }> = [];
    for (let p = periodOf(t.period, inst.start); p.start < inst.end; p = periodOf(t.period, p.end)) {
      const dueAt = new Date(p.end.getTime() + t.dueDays * 86400_000);
      if (dueAt <= inst.at) due.push({ key: p.key });
    }
    if (!due.length) continue;
    let rows: Array<{ region_id: string; period_key: string; late: boolean }> = [];
    try {
      rows = await db.query(
        `SELECT region_id, period_key, late FROM report_submission WHERE template_id = $1 AND status = 'submitted' AND period_key = ANY($2::text[])`,
        [`${sector}.${key}`, due.map((d) => d.key)],
      );
    } catch {
      return; // reports schema not present
    }
    const onTime = new Map<string, number>();
    for (const r of rows) if (!r.late) onTime.set(r.region_id, (onTime.get(r.region_id) ?? 0) + 1);
    for (const region of tree.all()) {
      if (region.level !== t.level) continue;
      ratio.add(region.id, onTime.get(region.id) ?? 0, due.length);
    }
  }
}

