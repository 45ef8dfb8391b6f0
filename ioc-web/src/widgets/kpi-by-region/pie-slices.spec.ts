import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from './breakdown-rows';
import { pieSlices } from './pie-slices';

const row = (regionId: string, value: number | null): BreakdownRow => ({
  regionId, name: regionId.toUpperCase(), fullName: regionId, value, target: null, attainmentPct: null, state: 'no-target', drillable: true, reporting: null,
});

describe('pieSlices', () => {
  it('gives positive values their share, largest first', () => {
    const slices = pieSlices([row('a', 10), row('b', 30), row('c', null), row('d', 0), row('e', 60)], 8, 'Khác');
    expect(slices.map((s) => [s.regionId, Math.round(s.sharePct)])).toEqual([['e', 60], ['b', 30], ['a', 10]]);
  });

  it('gathers the smallest areas into one slice past the limit', () => {
    const slices = pieSlices([row('a', 50), row('b', 20), row('c', 15), row('d', 10), row('e', 5)], 3, 'Khác');
    expect(slices.map((s) => [s.name, s.value])).toEqual([['A', 50], ['B', 20], ['Khác', 30]]);
    expect(slices[2]).toMatchObject({ regionId: null, drillable: false, sharePct: 30 });
  });

  it('has nothing to draw without a positive total', () => {
    expect(pieSlices([row('a', 0), row('b', null)], 5, 'Khác')).toEqual([]);
  });
});
