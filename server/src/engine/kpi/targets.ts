import type { KpiPeriod, RegionLevel } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { KpiCatalog } from './catalog.js';
import type { RegionTree } from '../registry/region-tree.js';

export interface TargetRow {
  kpiId: string;
  period: KpiPeriod;
  /** A period key (`2026-Q4`) or '*' for every period of that kind. */
  periodKey: string;
  /** A region id or '*' (then `level` narrows it). */
  regionId: string;
  level: RegionLevel | '*';
  value: number;
  origin: 'manifest' | 'operator';
  updatedAt?: string;
  updatedBy?: string | null;
}

/** How specific a row is for a lookup; higher wins. Operator rows beat manifest defaults. */
function rank(r: TargetRow): number {
  return (r.origin === 'operator' ? 100 : 0) + (r.regionId !== '*' ? 20 : r.level !== '*' ? 10 : 0) + (r.periodKey !== '*' ? 1 : 0);
}

/**
 * Targets per KPI, period and region: module defaults from the manifests, overridden by rows
 * operators set through the API (table kpi_target). The most specific row wins.
 */
export class TargetBook {
  private rows = new Map<string, TargetRow[]>();
  /** Called after operators changed targets (the runtime tells other processes and the engine). */
  onChange?: () => void;

  constructor(
    private readonly db: Database,
    private readonly catalog: KpiCatalog,
    private readonly tree: RegionTree,
  ) {}

  async reload(): Promise<void> {
    const next = new Map<string, TargetRow[]>();
    const add = (r: TargetRow) => (next.get(r.kpiId) ?? next.set(r.kpiId, []).get(r.kpiId)!).push(r);
    for (const k of this.catalog.all()) {
      for (const t of k.targets ?? []) {
        add({ kpiId: k.id, period: t.period, periodKey: '*', regionId: t.regionId ?? '*', level: t.regionId ? '*' : (t.level ?? '*'), value: t.value, origin: 'manifest' });
      }
    }
    const dbRows = await this.db.query<{ kpi_id: string; period: KpiPeriod; period_key: string; region_id: string; level: RegionLevel | '*'; value: number; updated_at: Date; updated_by: string | null }>(
      'SELECT kpi_id, period, period_key, region_id, level, value, updated_at, updated_by FROM kpi_target',
    );
    for (const r of dbRows) {
      add({ kpiId: r.kpi_id, period: r.period, periodKey: r.period_key, regionId: r.region_id, level: r.level, value: r.value, origin: 'operator', updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by });
    }
    for (const list of next.values()) list.sort((a, b) => rank(b) - rank(a));
    this.rows = next;
  }

  /** The target of a KPI for a region in a period instance, or null. */
  resolve(kpiId: string, period: KpiPeriod, periodKey: string, regionId: string): number | null {
    const level = this.tree.get(regionId)?.level;
    for (const r of this.rows.get(kpiId) ?? []) {
      if (r.period !== period) continue;
      if (r.periodKey !== '*' && r.periodKey !== periodKey) continue;
      if (r.regionId !== '*' ? r.regionId !== regionId : r.level !== '*' && r.level !== level) continue;
      return r.value;
    }
    return null;
  }

  list(kpiId: string): TargetRow[] {
    return [...(this.rows.get(kpiId) ?? [])];
  }

  /** Stores operator targets (upsert) and reloads. */
  async set(rows: Array<Omit<TargetRow, 'origin'>>, by: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO kpi_target (kpi_id, period, period_key, region_id, level, value, updated_at, updated_by)
       SELECT k, p, pk, r, l, v, now(), $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[]) AS x(k, p, pk, r, l, v)
       ON CONFLICT (kpi_id, period, period_key, region_id, level) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [rows.map((r) => r.kpiId), rows.map((r) => r.period), rows.map((r) => r.periodKey), rows.map((r) => r.regionId), rows.map((r) => r.level), rows.map((r) => r.value), by],
    );
    await this.reload();
    this.onChange?.();
  }

  async remove(kpiId: string, period: KpiPeriod, periodKey: string, regionId: string, level: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM kpi_target WHERE kpi_id = $1 AND period = $2 AND period_key = $3 AND region_id = $4 AND level = $5 RETURNING kpi_id', [kpiId, period, periodKey, regionId, level]);
    await this.reload();
    this.onChange?.();
    return rows.length > 0;
  }
}
