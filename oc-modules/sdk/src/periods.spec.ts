import { describe, expect, it } from 'vitest';
import { elapsedShare, parsePeriodKey, periodOf, previousPeriod } from './periods.js';

describe('periods in Asia/Ho_Chi_Minh', () => {
  const at = new Date('2026-11-21T18:30:00Z'); // 01:30 on 22 Nov local
  it('day, month, quarter, year start at local midnight', () => {
    expect(periodOf('day', at)).toMatchObject({ key: '2026-11-22', start: new Date('2026-11-21T17:00:00Z'), end: new Date('2026-11-22T17:00:00Z') });
    expect(periodOf('month', at)).toMatchObject({ key: '2026-11', start: new Date('2026-10-31T17:00:00Z'), end: new Date('2026-11-30T17:00:00Z') });
    expect(periodOf('quarter', at)).toMatchObject({ key: '2026-Q4', start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') });
    expect(periodOf('year', at)).toMatchObject({ key: '2026', start: new Date('2025-12-31T17:00:00Z') });
  });
  it('ISO weeks (Monday start)', () => {
    expect(periodOf('week', at)).toMatchObject({ key: '2026-W47', start: new Date('2026-11-15T17:00:00Z') });
    expect(periodOf('week', new Date('2027-01-01T05:00:00Z')).key).toBe('2026-W53');
  });
  it('parses every key back, refuses nonsense', () => {
    for (const k of ['2026-11-22', '2026-W47', '2026-W53', '2026-11', '2026-Q4', '2026', '2024-02-29']) expect(parsePeriodKey(k)?.key).toBe(k);
    for (const k of ['2026-13', '2026-02-30', '2026-Q5', '26', '2026-W54', '']) expect(parsePeriodKey(k)).toBeUndefined();
  });
  it('previous period and elapsed share', () => {
    expect(previousPeriod(periodOf('quarter', at)).key).toBe('2026-Q3');
    expect(previousPeriod(periodOf('month', new Date('2026-01-10T00:00:00Z'))).key).toBe('2025-12');
    expect(elapsedShare(periodOf('day', at), at)).toBeCloseTo(1.5 / 24, 6);
  });
});
