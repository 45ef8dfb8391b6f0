import type { KpiRollup } from '@ioc/sdk';
import type { RegionTree } from '../registry/region-tree.js';

export type RegionValues = Map<string, number>;

/**
 * Fills parents from their children along the tree: a region with its own value keeps it; one
 * without gets its children's values combined by the KPI's rollup. `recompute` and `formula`
 * leave parents alone (their values come from their own facts or inputs). `weights` are the
 * already rolled-up values of the weight KPI (weighted-avg).
 */
export function rollUp(tree: RegionTree, values: RegionValues, rollup: KpiRollup, weights?: RegionValues): RegionValues {
  if (rollup.fn === 'recompute' || rollup.fn === 'formula') return values;
  const out = new Map(values);
  for (const node of tree.bottomUp) {
    if (out.has(node.id)) continue;
    const kids = tree.children(node.id).filter((c) => out.has(c.id));
    if (!kids.length) continue;
    const xs = kids.map((c) => out.get(c.id)!);
    let v: number | undefined;
    switch (rollup.fn) {
      case 'sum':
        v = xs.reduce((a, b) => a + b, 0);
        break;
      case 'avg':
        v = xs.reduce((a, b) => a + b, 0) / xs.length;
        break;
      case 'min':
        v = Math.min(...xs);
        break;
      case 'max':
        v = Math.max(...xs);
        break;
      case 'weighted-avg': {
        let sw = 0;
        let swx = 0;
        kids.forEach((c, i) => {
          const w = weights?.get(c.id);
          if (w !== undefined && w > 0) {
            sw += w;
            swx += w * xs[i];
          }
        });
        if (sw > 0) v = swx / sw;
        break;
      }
    }
    if (v !== undefined && Number.isFinite(v)) out.set(node.id, v);
  }
  return out;
}
