import type { KpiTopicDelta, KpiTopicSnapshot, KpiValue } from '@ioc/sdk';
import { periodOf, type CalendarPeriod } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { KpiCatalog } from '../kpi/catalog.js';
import type { RegionTree } from '../registry/region-tree.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

const PREFIX = 'kpi:';
const key = (v: KpiValue) => `${v.kpiId}|${v.period}`;

export function mergeKpi(a: KpiTopicDelta, b: KpiTopicDelta): KpiTopicDelta {
  const byKey = new Map<string, KpiValue>();
  for (const v of [...a.values, ...b.values]) byKey.set(key(v), v);
  return { values: [...byKey.values()] };
}

/**
 * `kpi:{sector}:{region}`: the current value of every KPI of a sector for one region, in every
 * period it has. Fed by the KPI engine's bus messages (which may come from a worker process).
 */
export class KpiFamily implements TopicFamily {
  /** topic → (kpi|period → value) */
  private readonly byTopic = new Map<string, Map<string, KpiValue>>();

  constructor(
    private readonly catalog: KpiCatalog,
    private readonly tree: RegionTree,
    private readonly hub: TopicHub,
  ) {}

  static topic(sector: string, regionId: string): string {
    return `${PREFIX}${sector}:${regionId}`;
  }

  /** Current calendar-period values from the database, so a restarted api shows them at once. */
  async warm(db: Database, now = new Date()): Promise<void> {
    const starts = (['day', 'month', 'quarter', 'year'] as CalendarPeriod[]).map((p) => [p, periodOf(p, now).start.toISOString()]);
    const rows = await db.query<{ ts: Date; kpi_id: string; region_id: string; period: KpiValue['period']; value: number | null; target: number | null; forecast: number | null; attainment_pct: number | null; state: KpiValue['state']; computed_at: Date }>(
      `SELECT v.ts, v.kpi_id, v.region_id, v.period, v.value, v.target, v.forecast, v.attainment_pct, v.state, v.computed_at
       FROM kpi_value v JOIN unnest($1::text[], $2::timestamptz[]) AS c(period, ts) ON c.period = v.period AND c.ts = v.ts`,
      [starts.map((s) => s[0]), starts.map((s) => s[1])],
    );
    for (const r of rows) {
      if (!this.catalog.get(r.kpi_id)) continue;
      this.set({ kpiId: r.kpi_id, regionId: r.region_id, period: r.period, periodStart: new Date(r.ts).toISOString(), value: r.value, target: r.target, forecast: r.forecast, attainmentPct: r.attainment_pct, state: r.state, computedAt: new Date(r.computed_at).toISOString() });
    }
  }

  accepts(topic: string): boolean {
    if (!topic.startsWith(PREFIX)) return false;
    const [sector, region, extra] = topic.slice(PREFIX.length).split(':');
    return extra === undefined && !!sector && !!region && this.catalog.sectors().includes(sector) && !!this.tree.get(region);
  }

  snapshot(topic: string): KpiTopicSnapshot {
    return { values: [...(this.byTopic.get(topic)?.values() ?? [])] };
  }

  /** Current values of a region (optionally one sector), any period. */
  valuesOf(regionId: string, sector?: string): KpiValue[] {
    const sectors = sector ? [sector] : this.catalog.sectors();
    return sectors.flatMap((s) => [...(this.byTopic.get(KpiFamily.topic(s, regionId))?.values() ?? [])]);
  }

  value(kpiId: string, regionId: string, period: KpiValue['period']): KpiValue | undefined {
    const sector = this.catalog.get(kpiId)?.sector;
    return sector ? this.byTopic.get(KpiFamily.topic(sector, regionId))?.get(`${kpiId}|${period}`) : undefined;
  }

  private set(v: KpiValue): string | undefined {
    const sector = this.catalog.get(v.kpiId)?.sector;
    if (!sector) return undefined;
    const topic = KpiFamily.topic(sector, v.regionId);
    let m = this.byTopic.get(topic);
    if (!m) this.byTopic.set(topic, (m = new Map()));
    const prev = m.get(key(v));
    if (prev && prev.periodStart > v.periodStart) return undefined;
    m.set(key(v), v);
    return topic;
  }

  apply(values: KpiValue[]): void {
    const changed = new Map<string, KpiValue[]>();
    for (const v of values) {
      const topic = this.set(v);
      if (topic) (changed.get(topic) ?? changed.set(topic, []).get(topic)!).push(v);
    }
    for (const [topic, vs] of changed) this.hub.update<KpiTopicDelta>(topic, { values: vs }, mergeKpi);
  }
}
