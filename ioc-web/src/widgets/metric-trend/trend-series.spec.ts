import { describe, expect, it } from 'vitest';
import { combineSeries, upsertMinute, type TrendPoint } from './trend-series';

const t0 = Date.parse('2026-11-22T07:00:00Z');
const point = (minute: number, avg: number) => ({ ts: new Date(t0 + minute * 60_000).toISOString(), avg, min: avg, max: avg });

describe('combineSeries', () => {
  it('averages sources minute by minute, counting only sources that reported that minute', () => {
    const combined = combineSeries([[point(0, 10), point(1, 20)], [point(0, 30)]], 'mean');
    expect(combined).toEqual([
      [t0, 20],
      [t0 + 60_000, 20],
    ]);
  });

  it('sums for flows', () => {
    expect(combineSeries([[point(0, 10)], [point(0, 5)]], 'sum')).toEqual([[t0, 15]]);
  });

  it('returns points in time order whatever the input order', () => {
    expect(combineSeries([[point(2, 1), point(0, 1)]], 'mean').map(([t]) => t)).toEqual([t0, t0 + 120_000]);
  });
});

describe('upsertMinute', () => {
  const points: TrendPoint[] = [
    [t0, 1],
    [t0 + 60_000, 2],
  ];

  it('replaces the value of the same minute', () => {
    expect(upsertMinute(points, t0 + 60_000 + 30_000, 5, 3_600_000)).toEqual([
      [t0, 1],
      [t0 + 60_000, 5],
    ]);
  });

  it('appends a new minute and drops points that left the window', () => {
    expect(upsertMinute(points, t0 + 2 * 60_000, 3, 2 * 60_000)).toEqual([
      [t0 + 60_000, 2],
      [t0 + 120_000, 3],
    ]);
  });
});
