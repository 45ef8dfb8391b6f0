import { describe, expect, it } from 'vitest';
import { rankRegions, type RankInput } from './ranking';

const row = (regionId: string, value: number | null): RankInput => ({ regionId, name: regionId.toUpperCase(), value, attainmentPct: value, state: 'on-track' });
const rows = [row('a', 40), row('b', 70), row('c', null), row('d', 55), row('e', 90), row('f', 10)];

describe('rankRegions', () => {
  it('ranks best first by the KPI direction and leaves out areas without a value', () => {
    expect(rankRegions(rows, new Map(), 'higher', 'top', 10).rows.map((r) => [r.rank, r.regionId])).toEqual([
      [1, 'e'], [2, 'b'], [3, 'd'], [4, 'a'], [5, 'f'],
    ]);
    expect(rankRegions(rows, new Map(), 'lower', 'top', 2).rows.map((r) => r.regionId)).toEqual(['f', 'a']);
  });

  it('shows the top, the bottom, or both halves with a gap between', () => {
    expect(rankRegions(rows, new Map(), 'higher', 'bottom', 2).rows.map((r) => [r.rank, r.regionId])).toEqual([[4, 'a'], [5, 'f']]);
    const both = rankRegions(rows, new Map(), 'higher', 'both', 3);
    expect(both.rows.map((r) => r.rank)).toEqual([1, 2, 5]);
    expect(both.gapAfter).toBe(2);
    expect(both.total).toBe(5);
  });

  it('gives each area its trend against its previous value, good or bad by direction', () => {
    const previous = new Map([['e', 80], ['b', 75], ['d', 55]]);
    const ranked = rankRegions(rows, previous, 'higher', 'top', 3).rows;
    expect(ranked.map((r) => r.trend && [r.trend.arrow, r.trend.tone])).toEqual([['up', 'good'], ['down', 'bad'], ['flat', 'neutral']]);
    const lower = rankRegions(rows, previous, 'lower', 'bottom', 1).rows[0]!;
    expect([lower.regionId, lower.trend?.arrow, lower.trend?.tone]).toEqual(['e', 'up', 'bad']);
  });
});
