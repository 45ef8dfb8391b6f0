import { describe, expect, it } from 'vitest';
import { currentPeriodKey, offeredPeriods, periodKeyAt, periodKeyLabel, periodsBackStart, previousPeriodStart, resolveKpiPeriod } from './kpi-period';

// 14:05 on Sunday 22 November 2026 in Bình Phước.
const now = new Date('2026-11-22T07:05:00Z');

describe('resolveKpiPeriod', () => {
  it('keeps a period the KPI is computed for', () => {
    expect(resolveKpiPeriod(['month', 'quarter', 'year'], 'quarter')).toBe('quarter');
  });

  it('moves to the nearest period the KPI has, the longer one on a tie', () => {
    expect(resolveKpiPeriod(['month', 'quarter', 'year'], 'day')).toBe('month');
    expect(resolveKpiPeriod(['month', 'quarter', 'year'], 'realtime')).toBe('month');
    expect(resolveKpiPeriod(['realtime'], 'year')).toBe('realtime');
    expect(resolveKpiPeriod(['realtime', 'month'], 'day')).toBe('month');
  });

  it('defaults to today, then live, then the shortest calendar period', () => {
    expect(resolveKpiPeriod(['realtime', 'day', 'month'], null)).toBe('day');
    expect(resolveKpiPeriod(['realtime'], undefined)).toBe('realtime');
    expect(resolveKpiPeriod(['quarter', 'year'], null)).toBe('quarter');
    expect(resolveKpiPeriod([], 'day')).toBeNull();
  });
});

describe('period helpers', () => {
  it('offers the union of the KPIs’ periods in calendar order', () => {
    expect(offeredPeriods([['year', 'month'], ['realtime'], ['month']])).toEqual(['realtime', 'month', 'year']);
  });

  it('finds the previous and current periods in the province’s time zone', () => {
    expect(previousPeriodStart('month', now)).toBe('2026-09-30T17:00:00.000Z');
    expect(previousPeriodStart('quarter', now)).toBe('2026-06-30T17:00:00.000Z');
    expect(previousPeriodStart('realtime', now)).toBeNull();
    expect(currentPeriodKey('quarter', now)).toBe('2026-Q4');
    expect(periodsBackStart('day', now, 2).toISOString()).toBe('2026-11-19T17:00:00.000Z');
    expect(periodKeyAt('month', '2026-10-31T17:00:00.000Z')).toBe('2026-11');
  });

  it('writes period keys the way each language does', () => {
    expect(periodKeyLabel('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(periodKeyLabel('2026-11', 'en')).toBe('Nov 2026');
    expect(periodKeyLabel('2026-Q4', 'vi')).toBe('Quý 4/2026');
    expect(periodKeyLabel('2026-Q4', 'en')).toBe('Q4 2026');
    expect(periodKeyLabel('2026-11-22', 'vi')).toBe('22/11/2026');
    expect(periodKeyLabel('2026-11-22', 'vi', true)).toBe('22/11');
    expect(periodKeyLabel('2026', 'vi')).toBe('Năm 2026');
    expect(periodKeyLabel('2026-W47', 'en')).toBe('Week 47, 2026');
    expect(periodKeyLabel('nonsense', 'vi')).toBe('nonsense');
  });
});
