import { UNIT_TYPES, type SourceDefinition, type UnitType } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { Bus } from '../bus/bus.js';
import type { ModuleRegistry } from './module-registry.js';
import { iso } from '../db/row-time.js';

export interface SourceRecord extends SourceDefinition {
  online: boolean | null;
  statusAt: string | null;
  lastSeen: string | null;
}

export interface SourceProblem {
  index: number;
  field: string;
  problem: string;
}

export class SourceValidationError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(`invalid sources: ${problems.slice(0, 5).map((p) => `sources[${p.index}].${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'SourceValidationError';
  }
}

export const SOURCES_CHANGED = 'sources.changed';

type Row = {
  id: string;
  sector: string;
  kind: string;
  name: string;
  region_id: string;
  lon: number;
  lat: number;
  attributes: Record<string, unknown>;
  online: boolean | null;
  status_at: Date | string | null;
  last_seen: Date | string | null;
};


function fromRow(r: Row): SourceRecord {
  return {
    id: r.id,
    sector: r.sector,
    kind: r.kind,
    name: r.name,
    regionId: r.region_id,
    lon: r.lon,
    lat: r.lat,
    attributes: r.attributes ?? {},
    online: r.online,
    statusAt: iso(r.status_at),
    lastSeen: iso(r.last_seen),
  };
}

/**
 * Registered sources, cached in memory for the ingest hot path. Registration goes to the
 * database and is announced on the bus, so every process's cache follows.
 */
export class SourceRegistry {
  private readonly byId = new Map<string, SourceRecord>();

  private constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly modules: ModuleRegistry,
  ) {}

  static async load(db: Database, bus: Bus, modules: ModuleRegistry): Promise<SourceRegistry> {
    const reg = new SourceRegistry(db, bus, modules);
    await reg.reload();
    bus.subscribe<{ ids: string[] }>(SOURCES_CHANGED, (msg) => void reg.reload(msg.ids));
    return reg;
  }

  private async reload(ids?: string[]): Promise<void> {
    const rows = ids
      ? await this.db.query<Row>('SELECT * FROM source WHERE id = ANY($1::text[])', [ids])
      : await this.db.query<Row>('SELECT * FROM source');
    for (const r of rows) this.byId.set(r.id, fromRow(r));
  }

  get(id: string): SourceRecord | undefined {
    return this.byId.get(id);
  }

  list(filter?: { sector?: string }): SourceRecord[] {
    const all = [...this.byId.values()];
    return filter?.sector ? all.filter((s) => s.sector === filter.sector) : all;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Checks sector/kind against the loaded modules and the region against the seeded geography. */
  async validate(defs: SourceDefinition[]): Promise<SourceProblem[]> {
    const problems: SourceProblem[] = [];
    const regionIds = new Set((await this.db.query<{ id: string }>('SELECT id FROM region')).map((r) => r.id));
    const seen = new Set<string>();
    defs.forEach((d, index) => {
      const p = (field: string, problem: string) => problems.push({ index, field, problem });
      if (seen.has(d.id)) p('id', `"${d.id}" appears twice`);
      seen.add(d.id);
      if (!this.modules.sector(d.sector)) p('sector', `"${d.sector}" is not a loaded sector module`);
      else if (!this.modules.sourceKind(d.sector, d.kind)) p('kind', `"${d.kind}" is not a source kind of sector ${d.sector}`);
      else if (this.modules.sourceKind(d.sector, d.kind)?.position && !UNIT_TYPES.includes(d.attributes?.unitType as UnitType)) {
        // A moving source is a response unit: dispatch needs to know what kind of force it is.
        p('attributes.unitType', `must be one of ${UNIT_TYPES.join(', ')} for a ${d.sector}/${d.kind} source`);
      }
      if (!regionIds.has(d.regionId)) p('regionId', `"${d.regionId}" is not a known region`);
    });
    return problems;
  }

  /** Inserts or updates sources (by id); returns how many were written. */
  async upsert(defs: SourceDefinition[]): Promise<number> {
    const problems = await this.validate(defs);
    if (problems.length) throw new SourceValidationError(problems);
    if (defs.length === 0) return 0;
    await this.db.query(
      `INSERT INTO source (id, sector, kind, name, region_id, lon, lat, attributes)
       SELECT x.id, x.sector, x.kind, x.name, x."regionId", x.lon, x.lat, coalesce(x.attributes, '{}'::jsonb)
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, sector text, kind text, name text, "regionId" text, lon float8, lat float8, attributes jsonb)
       ON CONFLICT (id) DO UPDATE SET sector = excluded.sector, kind = excluded.kind, name = excluded.name,
         region_id = excluded.region_id, lon = excluded.lon, lat = excluded.lat, attributes = excluded.attributes, updated_at = now()`,
      [JSON.stringify(defs)],
    );
    const ids = defs.map((d) => d.id);
    await this.reload(ids);
    this.bus.publish(SOURCES_CHANGED, { ids });
    return defs.length;
  }

  /** Applies what ingest observed (status messages, last seen) to the cache without a DB round trip. */
  observe(update: { sourceId: string; online?: boolean; statusAt?: string; lastSeen?: string }): void {
    const s = this.byId.get(update.sourceId);
    if (!s) return;
    if (update.online !== undefined && (!s.statusAt || !update.statusAt || update.statusAt >= s.statusAt)) {
      s.online = update.online;
      s.statusAt = update.statusAt ?? s.statusAt;
    }
    if (update.lastSeen && (!s.lastSeen || update.lastSeen > s.lastSeen)) s.lastSeen = update.lastSeen;
  }
}
