import type { LocalizedText, RegionLevel } from '@ioc/sdk';
import type { RegionCollection } from '../api/types';

export interface RegionNode {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: LocalizedText;
}

const LEVEL_DEPTH: Record<RegionLevel, number> = { province: 0, district: 1, commune: 2 };

/** The province → district → commune hierarchy of an OC page, for the selector, names and roll-ups. */
export class RegionTree {
  private readonly byId = new Map<string, RegionNode>();
  private readonly childrenOf = new Map<string, RegionNode[]>();
  readonly root: RegionNode | null;

  constructor(nodes: RegionNode[]) {
    for (const node of nodes) this.byId.set(node.id, node);
    for (const node of nodes) {
      if (node.parentId === null || !this.byId.has(node.parentId)) continue;
      const siblings = this.childrenOf.get(node.parentId) ?? [];
      siblings.push(node);
      this.childrenOf.set(node.parentId, siblings);
    }
    for (const list of this.childrenOf.values()) list.sort((a, b) => a.name.vi.localeCompare(b.name.vi, 'vi'));
    this.root = nodes.find((n) => n.level === 'province' && n.parentId === null) ?? nodes.find((n) => n.parentId === null) ?? null;
  }

  static fromCollection(collection: RegionCollection): RegionTree {
    return new RegionTree(
      collection.features.map(({ properties: p }) => ({
        id: p.id,
        parentId: p.parentId,
        level: p.level,
        name: { vi: p.name, en: p.nameEn || p.name },
      })),
    );
  }

  get(id: string | null | undefined): RegionNode | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  children(id: string): RegionNode[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** Root first, the region itself last. */
  path(id: string): RegionNode[] {
    const out: RegionNode[] = [];
    for (let node = this.byId.get(id); node; node = node.parentId ? this.byId.get(node.parentId) : undefined) out.unshift(node);
    return out;
  }

  /** The region itself or its ancestor at `level`, when the region is at or below that level. */
  ancestorAt(id: string, level: RegionLevel): RegionNode | undefined {
    return this.path(id).find((n) => n.level === level);
  }

  /** Regions of `level` inside `id` (the region itself when it is of that level). */
  descendantsAt(id: string, level: RegionLevel): RegionNode[] {
    const node = this.byId.get(id);
    if (!node || LEVEL_DEPTH[node.level] > LEVEL_DEPTH[level]) return [];
    if (node.level === level) return [node];
    return this.children(id).flatMap((child) => this.descendantsAt(child.id, level));
  }
}

/** Depth order of levels: province 0, district 1, commune 2. */
export function levelDepth(level: RegionLevel): number {
  return LEVEL_DEPTH[level];
}
