import type { KpiValue } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { trendSpec, withLiveValue } from './trend-points';

const now = new Date('2026-11-22T07:05:00Z');

describe('trendSpec', () => {
  it('reaches back the default number of periods', () => {
    expect(trendSpec({ kind: 'derived', periods: ['month', 'quarter', 'year'] }, 'month', null, now)).toEqual({
      kind: 'period',
      period: 'month',
      from: new Date('2025-11-30T17:00:00.000Z'),
    });
    expect(trendSpec({ kind: 'stream', periods: ['day'] }, 'day', 3, now)).toMatchObject({ kind: 'period', from: new Date('2026-11-19T17:00:00.000Z') });
  });

  it('draws minutes for a realtime stream KPI and the nearest calendar period otherwise', () => {
    expect(trendSpec({ kind: 'stream', periods: ['realtime'] }, 'realtime', 60, now)).toEqual({ kind: 'minutes', from: new Date('2026-11-22T06:05:00Z') });
    expect(trendSpec({ kind: 'derived', periods: ['realtime', 'day', 'month'] }, 'realtime', null, now)).toMatchObject({ kind: 'period', period: 'day' });
    expect(trendSpec({ kind: 'derived', periods: ['realtime'] }, 'realtime', null, now)).toBeNull();
  });
});

describe('withLiveValue', () => {
  const live = (patch: Partial<KpiValue>): KpiValue => ({
    kpiId: 'k', regionId: 'bp', period: 'day', periodStart: '2026-11-21T17:00:00.000Z', value: 12, target: 10, attainmentPct: 120, forecast: 12, state: 'met', computedAt: '2026-11-22T07:00:00Z', ...patch,
  });
  const stored = [
    { ts: '2026-11-20T17:00:00.000Z', value: 8, target: 10 },
    { ts: '2026-11-21T17:00:00.000Z', value: 9, target: 10 },
  ];

  it('replaces the stored point of the live value’s period', () => {
    expect(withLiveValue(stored, live({})).map((p) => p.value)).toEqual([8, 12]);
  });

  it('appends a new period and ignores realtime values', () => {
    expect(withLiveValue(stored, live({ periodStart: '2026-11-22T17:00:00.000Z' })).map((p) => p.value)).toEqual([8, 9, 12]);
    expect(withLiveValue(stored, live({ period: 'realtime' })).map((p) => p.value)).toEqual([8, 9]);
    expect(withLiveValue([], undefined)).toEqual([]);
  });
});
