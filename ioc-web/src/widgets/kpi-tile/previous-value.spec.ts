import type { KpiInfo } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { previousFromPoints, previousQuery } from './previous-value';

const now = Date.parse('2026-11-22T07:05:00Z');
const stream = (patch: Record<string, unknown>) =>
  ({ id: 'environment.pm25_avg', sector: 'environment', key: 'pm25_avg', kind: 'stream', sourceKind: 'air-station', metric: 'pm25', aggregate: 'avg', name: { vi: 'PM2.5', en: 'PM2.5' }, unit: 'µg/m³', direction: 'lower', periods: ['realtime', 'day'], rollup: { fn: 'recompute' }, ...patch }) as KpiInfo;

describe('previousQuery', () => {
  it('asks for the stored value of the period before', () => {
    expect(previousQuery(stream({}), 'month', now)).toEqual({ kind: 'period', period: 'month', start: '2026-09-30T17:00:00.000Z' });
  });

  it('compares a realtime average with the window before', () => {
    expect(previousQuery(stream({ windowS: 600 }), 'realtime', now)).toEqual({ kind: 'window', fromMs: now - 1_200_000, toMs: now - 600_000 });
  });

  it('has nothing comparable for realtime sums, per-source reductions or derived KPIs', () => {
    expect(previousQuery(stream({ aggregate: 'sum' }), 'realtime', now)).toBeNull();
    expect(previousQuery(stream({ perSource: 'last' }), 'realtime', now)).toBeNull();
    expect(previousQuery(stream({ kind: 'derived', formula: 'a' }), 'realtime', now)).toBeNull();
  });
});

describe('previousFromPoints', () => {
  it('picks the point starting the previous period', () => {
    const points = [
      { ts: '2026-09-30T17:00:00.000Z', value: 81 },
      { ts: '2026-10-31T17:00:00.000Z', value: 85 },
    ];
    expect(previousFromPoints({ kind: 'period', period: 'month', start: '2026-09-30T17:00:00.000Z' }, points)).toBe(81);
    expect(previousFromPoints({ kind: 'period', period: 'month', start: '2026-08-31T17:00:00.000Z' }, points)).toBeNull();
  });

  it('averages the minutes of the previous window', () => {
    const at = (m: number, value: number | null) => ({ ts: new Date(now - m * 60_000).toISOString(), value });
    const query = { kind: 'window' as const, fromMs: now - 30 * 60_000, toMs: now - 15 * 60_000 };
    expect(previousFromPoints(query, [at(31, 99), at(30, 10), at(20, null), at(16, 20), at(15, 50)])).toBe(15);
  });
});
