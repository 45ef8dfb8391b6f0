import { describe, expect, it } from 'vitest';
import { RegionTree } from '../registry/region-tree.js';
import { rollUp } from './rollup.js';

const tree = new RegionTree([
  { id: 'p', parentId: null, level: 'province', name: 'P', nameEn: null },
  { id: 'd1', parentId: 'p', level: 'district', name: 'D1', nameEn: null },
  { id: 'd2', parentId: 'p', level: 'district', name: 'D2', nameEn: null },
  { id: 'c1', parentId: 'd1', level: 'commune', name: 'C1', nameEn: null },
  { id: 'c2', parentId: 'd1', level: 'commune', name: 'C2', nameEn: null },
  { id: 'c3', parentId: 'd2', level: 'commune', name: 'C3', nameEn: null },
]);
const leaves = new Map([['c1', 10], ['c2', 30], ['c3', 50]]);

describe('region roll-up province → district → commune', () => {
  it('sum, avg, min, max', () => {
    expect(Object.fromEntries(rollUp(tree, leaves, { fn: 'sum' }))).toMatchObject({ d1: 40, d2: 50, p: 90 });
    expect(Object.fromEntries(rollUp(tree, leaves, { fn: 'avg' }))).toMatchObject({ d1: 20, d2: 50, p: 35 }); // mean of districts
    expect(rollUp(tree, leaves, { fn: 'min' }).get('p')).toBe(10);
    expect(rollUp(tree, leaves, { fn: 'max' }).get('p')).toBe(50);
  });
  it('weighted mean by another KPI (coverage weighted by population)', () => {
    const pop = rollUp(tree, new Map([['c1', 100], ['c2', 300], ['c3', 600]]), { fn: 'sum' });
    const r = rollUp(tree, leaves, { fn: 'weighted-avg', weight: 'pop' }, pop);
    expect(r.get('d1')).toBeCloseTo((10 * 100 + 30 * 300) / 400, 9);
    expect(r.get('p')).toBeCloseTo((25 * 400 + 50 * 600) / 1000, 9);
  });
  it('a region with its own value (a district that reports itself) keeps it', () => {
    expect(rollUp(tree, new Map([['c1', 1], ['d1', 7], ['c3', 2]]), { fn: 'sum' }).get('p')).toBe(9);
  });
  it('recompute and formula leave parents alone', () => {
    expect(rollUp(tree, leaves, { fn: 'recompute' }).has('p')).toBe(false);
  });
});
