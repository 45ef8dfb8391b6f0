import type { RegionLevel } from '@ioc/sdk';
import type { Database } from '../db/database.js';

export interface RegionNode {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: string;
  nameEn: string | null;
}

export const LEVEL_DEPTH: Record<RegionLevel, number> = { province: 0, district: 1, commune: 2 };

const byName = (a: RegionNode, b: RegionNode) => a.name.localeCompare(b.name, 'vi') || a.id.localeCompare(b.id);

/**
 * The geography (province → district → commune) in memory: the seed changes only at boot. The
 * KPI engine rolls values up along it; the reporting chain finds the units of a level under a region.
 */
export class RegionTree {
  private readonly nodes = new Map<string, RegionNode>();
  private readonly kids = new Map<string, RegionNode[]>();
  /** Deepest first, so children come before their parent. */
  readonly bottomUp: RegionNode[];

  constructor(nodes: RegionNode[]) {
    for (const n of nodes) this.nodes.set(n.id, n);
    for (const n of nodes) {
      if (n.parentId === null) continue;
      let list = this.kids.get(n.parentId);
      if (!list) this.kids.set(n.parentId, (list = []));
      list.push(n);
    }
    for (const list of this.kids.values()) list.sort(byName);
    this.bottomUp = [...nodes].sort((a, b) => LEVEL_DEPTH[b.level] - LEVEL_DEPTH[a.level] || a.id.localeCompare(b.id));
  }

  static async load(db: Database): Promise<RegionTree> {
    const rows = await db.query<{ id: string; parent_id: string | null; level: RegionLevel; name: string; name_en: string | null }>(
      'SELECT id, parent_id, level, name, name_en FROM region',
    );
    return new RegionTree(rows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level, name: r.name, nameEn: r.name_en })));
  }

  get size(): number {
    return this.nodes.size;
  }

  all(): RegionNode[] {
    return [...this.nodes.values()];
  }

  get(id: string): RegionNode | undefined {
    return this.nodes.get(id);
  }

  children(id: string): RegionNode[] {
    return this.kids.get(id) ?? [];
  }

  /** Top regions (provinces). */
  roots(): RegionNode[] {
    return [...this.nodes.values()].filter((n) => n.parentId === null).sort(byName);
  }

  /** The top region (the province); the first by name when the seed holds several. */
  root(): RegionNode | undefined {
    return this.roots()[0];
  }

  parent(id: string): RegionNode | undefined {
    const p = this.nodes.get(id)?.parentId;
    return p ? this.nodes.get(p) : undefined;
  }

  /** The region and its ancestors up to the province; undefined for an unknown region. */
  lineage(id: string): string[] | undefined {
    if (!this.nodes.has(id)) return undefined;
    const out: string[] = [];
    for (let n = this.nodes.get(id); n; n = n.parentId ? this.nodes.get(n.parentId) : undefined) out.push(n.id);
    return out;
  }

  /** Whether `id` is `rootId` or lies under it. */
  within(id: string, rootId: string): boolean {
    for (let n = this.nodes.get(id); n; n = n.parentId ? this.nodes.get(n.parentId) : undefined) if (n.id === rootId) return true;
    return false;
  }

  /** Regions of `level` in the subtree of `rootId` (the root itself when it is of that level), by name within each parent. */
  atLevel(rootId: string, level: RegionLevel): RegionNode[] {
    const out: RegionNode[] = [];
    const walk = (n: RegionNode) => {
      if (n.level === level) out.push(n);
      else if (LEVEL_DEPTH[n.level] < LEVEL_DEPTH[level]) for (const c of this.children(n.id)) walk(c);
    };
    const root = this.nodes.get(rootId);
    if (root) walk(root);
    return out;
  }
}
