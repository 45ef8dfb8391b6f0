import { describe, expect, it } from 'vitest';
import { dayLabel, localDay, slaRows, type FeedbackStatsAnswer } from './sla-rows';

const answer = (by: string, rows: FeedbackStatsAnswer['rows']): FeedbackStatsAnswer => ({ by, from: null, to: null, rows, total: { received: 0, processed: 0, inTime: 0, overdue: 0 } });

describe('slaRows', () => {
  it('splits what was received into done in time, done late, overdue open and open', () => {
    const [row] = slaRows(answer('ward', [{ key: 'w1', name: 'Phường Tân Phú', received: 10, processed: 6, inTime: 4, overdue: 3 }]), 'ward', (r) => r.name ?? r.key);
    // 2 done late, so 1 of the 3 overdue is still open; 10 − 6 − 1 = 3 open in time.
    expect(row).toMatchObject({ inTime: 4, lateDone: 2, overdueOpen: 1, open: 3, name: 'Phường Tân Phú' });
    expect(row!.inTime + row!.lateDone + row!.overdueOpen + row!.open).toBe(10);
  });

  it('puts the most overdue wards or departments first', () => {
    const rows = slaRows(
      answer('department', [
        { key: 'a', received: 5, processed: 5, inTime: 5, overdue: 0 },
        { key: 'b', received: 3, processed: 1, inTime: 0, overdue: 2 },
        { key: 'c', received: 9, processed: 9, inTime: 9, overdue: 0 },
      ]),
      'department',
      (r) => r.key,
    );
    expect(rows.map((r) => r.key)).toEqual(['b', 'c', 'a']);
  });

  it('runs days in calendar order over the whole range, empty days included', () => {
    const rows = slaRows(answer('day', [{ key: '2026-12-03', received: 2, processed: 1, inTime: 1, overdue: 0 }, { key: '2026-12-01', received: 1, processed: 0, inTime: 0, overdue: 1 }]), 'day', (r) => dayLabel(r.key), {
      from: '2026-11-30',
      to: '2026-12-03',
    });
    expect(rows.map((r) => [r.name, r.received])).toEqual([['30/11', 0], ['01/12', 1], ['02/12', 0], ['03/12', 2]]);
    expect(rows[1]).toMatchObject({ overdueOpen: 1, open: 0 });
  });

  it('counts days on the Vietnamese calendar', () => {
    expect(localDay(Date.parse('2026-12-03T17:30:00Z'))).toBe('2026-12-04');
    expect(localDay(Date.parse('2026-12-03T17:30:00Z'), 13)).toBe('2026-11-21');
  });
});
