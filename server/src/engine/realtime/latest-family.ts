import type { LatestDelta, LatestReading, LatestSnapshot } from '@ioc/sdk';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { IngestCommitted } from '../ingest/ingest.types.js';
import type { Database } from '../db/database.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

const PREFIX = 'latest:';

export function mergeLatest(a: LatestDelta, b: LatestDelta): LatestDelta {
  const byKey = new Map<string, LatestReading>();
  for (const r of [...a.readings, ...b.readings]) {
    const key = `${r.sourceId}|${r.metric}`;
    const prev = byKey.get(key);
    if (!prev || prev.ts <= r.ts) byKey.set(key, r);
  }
  return { readings: [...byKey.values()] };
}

/** `latest:{sector}`: the newest reading per source and metric of a sector. */
export class LatestFamily implements TopicFamily {
  private readonly bySector = new Map<string, LatestSnapshot>();

  constructor(
    private readonly modules: ModuleRegistry,
    private readonly hub: TopicHub,
  ) {}

  /** Fills the snapshot from the database, so a restarted api shows values at once. */
  async warm(db: Database, lookbackMinutes = 60): Promise<void> {
    const rows = await db.query<{ sector: string; source_id: string; metric: string; ts: Date | string; value: number }>(
      `SELECT DISTINCT ON (r.source_id, r.metric) s.sector, r.source_id, r.metric, r.ts, r.value
       FROM reading r JOIN source s ON s.id = r.source_id
       WHERE r.ts > now() - make_interval(mins => $1::int)
       ORDER BY r.source_id, r.metric, r.ts DESC`,
      [lookbackMinutes],
    );
    for (const r of rows) this.set(r.sector, r.source_id, r.metric, new Date(r.ts).toISOString(), r.value);
  }

  accepts(topic: string): boolean {
    return topic.startsWith(PREFIX) && this.modules.sector(topic.slice(PREFIX.length)) !== undefined;
  }

  snapshot(topic: string): LatestSnapshot {
    return this.bySector.get(topic.slice(PREFIX.length)) ?? {};
  }

  private set(sector: string, sourceId: string, metric: string, ts: string, value: number): boolean {
    let snap = this.bySector.get(sector);
    if (!snap) this.bySector.set(sector, (snap = {}));
    const bySource = (snap[sourceId] ??= {});
    const prev = bySource[metric];
    if (prev && prev.ts > ts) return false;
    bySource[metric] = { ts, value };
    return true;
  }

  apply(batch: IngestCommitted): void {
    const changed = new Map<string, LatestReading[]>();
    for (const r of batch.latest) {
      if (!this.set(r.sector, r.sourceId, r.metric, r.ts, r.value)) continue;
      let list = changed.get(r.sector);
      if (!list) changed.set(r.sector, (list = []));
      list.push({ sourceId: r.sourceId, metric: r.metric, ts: r.ts, value: r.value });
    }
    for (const [sector, readings] of changed) this.hub.update<LatestDelta>(PREFIX + sector, { readings }, mergeLatest);
  }
}
