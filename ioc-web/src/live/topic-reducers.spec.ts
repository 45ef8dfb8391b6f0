import type { KpiValue } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { kpiReducer, kpiValueKey, mergeKpiValues } from './topic-reducers';

const value = (patch: Partial<KpiValue>): KpiValue => ({
  kpiId: 'health.bed_occupancy',
  regionId: 'bp',
  period: 'day',
  periodStart: '2026-11-21T17:00:00.000Z',
  value: 80,
  target: 90,
  attainmentPct: 112.5,
  forecast: 80,
  state: 'on-track',
  computedAt: '2026-11-22T07:00:00.000Z',
  ...patch,
});

describe('kpiReducer (kpi:{sector}:{region})', () => {
  it('keys the snapshot by KPI and period', () => {
    const state = kpiReducer.fromSnapshot({ values: [value({}), value({ period: 'month', periodStart: '2026-10-31T17:00:00.000Z', value: 85 })] });
    expect([...state.keys()]).toEqual(['health.bed_occupancy|day', 'health.bed_occupancy|month']);
    expect(state.get(kpiValueKey('health.bed_occupancy', 'month'))?.value).toBe(85);
  });

  it('applies a delta’s changed values and leaves the others', () => {
    const state = kpiReducer.fromSnapshot({ values: [value({}), value({ kpiId: 'health.icu_free', period: 'realtime', value: 12 })] });
    const next = kpiReducer.applyDelta(state, { values: [value({ value: 83, computedAt: '2026-11-22T07:01:00.000Z' })] });
    expect(next.get('health.bed_occupancy|day')?.value).toBe(83);
    expect(next.get('health.icu_free|realtime')?.value).toBe(12);
    expect(state.get('health.bed_occupancy|day')?.value).toBe(80);
  });

  it('moves to the new period when the day rolls over, and never back', () => {
    const state = kpiReducer.fromSnapshot({ values: [value({})] });
    const tomorrow = value({ periodStart: '2026-11-22T17:00:00.000Z', value: 5, computedAt: '2026-11-22T17:01:00.000Z' });
    const rolled = kpiReducer.applyDelta(state, { values: [tomorrow] });
    expect(rolled.get('health.bed_occupancy|day')).toBe(tomorrow);
    const late = kpiReducer.applyDelta(rolled, { values: [value({ computedAt: '2026-11-22T17:02:00.000Z' })] });
    expect(late.get('health.bed_occupancy|day')).toBe(tomorrow);
  });

  it('returns the same map when nothing is newer, so listeners can skip a render', () => {
    const state = mergeKpiValues(new Map(), [value({})]);
    expect(mergeKpiValues(state, [value({ computedAt: '2026-11-22T06:59:00.000Z' })])).toBe(state);
  });

  it('tolerates an empty snapshot', () => {
    expect(kpiReducer.fromSnapshot({ values: [] }).size).toBe(0);
  });
});
