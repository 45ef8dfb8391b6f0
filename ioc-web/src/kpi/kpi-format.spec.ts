import { describe, expect, it } from 'vitest';
import { comparableValue, formatKpiNumber, formatPercent, isAccumulating, isKpiValueStale, kpiHeartbeat, kpiTrend, targetComparator } from './kpi-format';
import type { KpiValue } from '@ioc/sdk';

const value = (patch: Partial<KpiValue>): KpiValue => ({
  kpiId: 'health.immunisation_coverage',
  regionId: 'bp',
  period: 'month',
  periodStart: '2026-10-31T17:00:00.000Z',
  value: 87.25,
  target: 95,
  attainmentPct: 91.8421,
  forecast: 90,
  state: 'at-risk',
  computedAt: '2026-11-22T07:00:00.000Z',
  ...patch,
});

describe('KPI value formatting', () => {
  it('uses the manifest’s decimals in vi-VN and en-GB', () => {
    expect(formatKpiNumber(87.25, 1, 'vi-VN')).toBe('87,3');
    expect(formatKpiNumber(1234567, undefined, 'vi-VN')).toBe('1.234.567');
    expect(formatKpiNumber(9.4, 2, 'en-GB')).toBe('9.40');
  });

  it('writes attainment with one decimal and a non-breaking space before %', () => {
    expect(formatPercent(91.8421, 'vi-VN')).toBe('91,8\u00a0%');
    expect(formatPercent(1250.4, 'vi-VN')).toBe('1.250\u00a0%');
  });

  it('shows whether the target is a floor or a ceiling', () => {
    expect(targetComparator('higher')).toBe('≥');
    expect(targetComparator('lower')).toBe('≤');
    expect(targetComparator('none')).toBe('');
  });
});

describe('kpiTrend', () => {
  it('is good news when a higher-is-better KPI rises', () => {
    expect(kpiTrend(90, 80, 'higher')).toEqual({ arrow: 'up', tone: 'good', changePct: 12.5 });
  });

  it('is bad news when a lower-is-better KPI rises', () => {
    expect(kpiTrend(120, 100, 'lower')).toMatchObject({ arrow: 'up', tone: 'bad' });
    expect(kpiTrend(80, 100, 'lower')).toMatchObject({ arrow: 'down', tone: 'good' });
  });

  it('reads a change under 1 % as flat and needs both values', () => {
    expect(kpiTrend(100.5, 100, 'higher')).toMatchObject({ arrow: 'flat', tone: 'neutral' });
    expect(kpiTrend(null, 100, 'higher')).toBeNull();
    expect(kpiTrend(5, 0, 'none')).toEqual({ arrow: 'up', tone: 'neutral', changePct: null });
  });

  it('compares an accumulating KPI by its forecast at period end', () => {
    expect(comparableValue(value({ value: 40, forecast: 80 }), true)).toBe(80);
    expect(comparableValue(value({ value: 40, forecast: 80 }), false)).toBe(40);
    expect(comparableValue(value({ value: 40, forecast: 80, period: 'realtime' }), true)).toBe(40);
    expect(comparableValue(value({ value: null }), true)).toBeNull();
  });

  it('knows which KPIs accumulate over a period', () => {
    expect(isAccumulating({ kind: 'submitted' })).toBe(true);
    expect(isAccumulating({ kind: 'submitted', accumulate: 'last' })).toBe(false);
    expect(isAccumulating({ kind: 'stream', aggregate: 'sum' })).toBe(true);
    expect(isAccumulating({ kind: 'stream', aggregate: 'sum', forecast: 'trend' })).toBe(false);
    expect(isAccumulating({ kind: 'derived' })).toBe(false);
  });
});

describe('isKpiValueStale', () => {
  const now = Date.parse('2026-11-22T07:10:00Z');
  it('judges fast values by the engine’s heartbeat, not by when the value last changed', () => {
    const heartbeat = kpiHeartbeat([value({ period: 'day', computedAt: '2026-11-22T07:09:30Z' }), value({ period: 'month', computedAt: '2026-11-22T07:09:59Z' })]);
    expect(heartbeat).toBe(Date.parse('2026-11-22T07:09:30Z'));
    expect(isKpiValueStale({ period: 'day' }, heartbeat, now)).toBe(false);
    expect(isKpiValueStale({ period: 'realtime' }, Date.parse('2026-11-22T07:05:00Z'), now)).toBe(true);
    expect(isKpiValueStale({ period: 'realtime' }, null, now)).toBe(true);
  });

  it('never flags slow periods, which change rarely by nature', () => {
    expect(isKpiValueStale({ period: 'quarter' }, null, now)).toBe(false);
  });
});
