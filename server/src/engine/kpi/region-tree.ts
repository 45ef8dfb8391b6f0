import type { RegionLevel } from '@ioc/sdk';
import type { Database } from '../db/database.js';

export interface RegionNode {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: string;
  nameEn: string | null;
}

/** Province → district → commune, loaded once; the KPI engine rolls values up along it. */
export class RegionTree {
  private readonly byId = new Map<string, RegionNode>();
  private readonly kids = new Map<string, string[]>();
  /** Deepest first, so children are finished before their parent. */
  readonly bottomUp: RegionNode[];

  constructor(nodes: RegionNode[]) {
    for (const n of nodes) this.byId.set(n.id, n);
    for (const n of nodes) if (n.parentId) (this.kids.get(n.parentId) ?? this.kids.set(n.parentId, []).get(n.parentId)!).push(n.id);
    const depth = (n: RegionNode): number => (n.parentId && this.byId.has(n.parentId) ? 1 + depth(this.byId.get(n.parentId)!) : 0);
    this.bottomUp = [...nodes].sort((a, b) => depth(b) - depth(a) || a.id.localeCompare(b.id));
  }

  static async load(db: Database): Promise<RegionTree> {
    const rows = await db.query<{ id: string; parent_id: string | null; level: RegionLevel; name: string; name_en: string | null }>(
      'SELECT id, parent_id, level, name, name_en FROM region ORDER BY id',
    );
    return new RegionTree(rows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level, name: r.name, nameEn: r.name_en })));
  }

  get(id: string): RegionNode | undefined {
    return this.byId.get(id);
  }

  children(id: string): RegionNode[] {
    return (this.kids.get(id) ?? []).map((k) => this.byId.get(k)!);
  }

  /** The root region (the province). */
  root(): RegionNode {
    const r = [...this.byId.values()].find((n) => !n.parentId);
    if (!r) throw new Error('no root region (province) is loaded');
    return r;
  }

  all(): RegionNode[] {
    return [...this.byId.values()];
  }

  /** Whether `id` is `ancestor` or lies below it. */
  within(id: string, ancestor: string): boolean {
    for (let n = this.byId.get(id); n; n = n.parentId ? this.byId.get(n.parentId) : undefined) if (n.id === ancestor) return true;
    return false;
  }
}
