import { describe, expect, it } from 'vitest';
import { parsePeriodKey } from '@ioc/sdk';
import { ManualClock } from '../time/clock.js';
import { dueAt, periodFromCell, periodsCovered, templatePeriod } from './due.js';
import { unitStatus } from './status.js';
import { healthFixture } from './test-kit.js';

const epi = healthFixture.reports!.epi_monthly!; // monthly, due 5 days after the month

describe('due dates, late and overdue under a controllable clock', () => {
  it('is due at the end of the 5th local day after the month (Asia/Ho_Chi_Minh)', () => {
    const oct = parsePeriodKey('2026-10')!;
    // Month ends 2026-11-01 00:00 +07 = 2026-10-31T17:00Z; +5 days.
    expect(dueAt(epi, oct).toISOString()).toBe('2026-11-05T17:00:00.000Z');
    expect(dueAt({ dueDays: 0 }, parsePeriodKey('2026-Q4')!).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });

  it('moves from not started to overdue when the clock passes the due instant; late after due', () => {
    const clock = new ManualClock('2026-11-05T16:59:59Z'); // 23:59:59 on 5 Nov in Vietnam
    const due = dueAt(epi, parsePeriodKey('2026-10')!);
    expect(unitStatus(epi, undefined, due, clock.now())).toMatchObject({ status: 'not_started', overdue: false });
    clock.advance(2000);
    expect(unitStatus(epi, undefined, due, clock.now())).toMatchObject({ status: 'not_started', overdue: true });
    const full = { target_children: 10, fully_immunised: 9, coverage_pct: 90, aefi_serious: 0, note: 'x' };
    expect(unitStatus(epi, { status: 'submitted', late: false, values: full }, due, clock.now())).toEqual({ status: 'submitted', overdue: false, incomplete: false, missingFields: [] });
    expect(unitStatus(epi, { status: 'submitted', late: true, values: { target_children: 10, fully_immunised: 9 } }, due, clock.now())).toEqual({
      status: 'late',
      overdue: false,
      incomplete: true,
      missingFields: ['coverage_pct', 'aefi_serious', 'note'],
    });
    expect(unitStatus(epi, { status: 'returned', late: false, values: full }, due, clock.now())).toMatchObject({ status: 'returned', overdue: true });
    clock.set('2026-11-01T00:00:00Z');
    expect(unitStatus(epi, { status: 'returned', late: false, values: full }, due, clock.now())).toMatchObject({ status: 'returned', overdue: false });
  });

  it('takes periods of the template kind; a quarter covers the months begun so far', () => {
    expect(templatePeriod(epi, '2026-Q4')).toMatch(/is a quarter; this report is due per month \(e\.g\. 2026-10\)/);
    expect(templatePeriod(epi, '2026-13')).toMatch(/is not a period/);
    const now = new Date('2026-11-22T05:00:00Z');
    const q = periodsCovered(epi, '2026-Q4', now);
    expect(Array.isArray(q) && q.map((p) => p.key)).toEqual(['2026-10', '2026-11']);
    expect(periodsCovered(epi, '2026-11-03', now)).toMatch(/shorter than the month/);
    const y = periodsCovered({ period: 'quarter' }, '2026', now);
    expect(Array.isArray(y) && y.map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  it('reads the period typed in a cell', () => {
    expect(periodFromCell('month', '2026-11')).toBe('2026-11');
    expect(periodFromCell('month', '11/2026')).toBe('2026-11');
    expect(periodFromCell('month', '3/2026')).toBe('2026-03');
    expect(periodFromCell('month', '22/11/2026')).toBe('2026-11');
    expect(periodFromCell('month', new Date(Date.UTC(2026, 10, 1)))).toBe('2026-11'); // Excel turned "2026-11" into a date
    expect(periodFromCell('year', 2026)).toBe('2026');
    expect(periodFromCell('month', 'tháng 11')).toBeUndefined();
  });
});
