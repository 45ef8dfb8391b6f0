import { describe, expect, it } from 'vitest';
import type { ReportStatusResponse, ReportStatusRow } from '../../api/types';
import { RegionTree } from '../../regions/region-tree';
import { segmentOf, statusPeriod, statusRegion, summariseStatus } from './status-summary';

const entry = (regionId: string, parentId: string, status: ReportStatusRow['status'], overdue = false): ReportStatusRow => ({
  templateId: 'health.epi_monthly', regionId, regionName: `Xã ${regionId}`, level: 'commune', parentId, parentName: null, period: '2026-10', status, overdue, incomplete: false, missingFields: [], dueAt: '2026-11-05T17:00:00Z', submittedAt: null, submittedBy: null, returnedReason: null,
});
const group = (regionId: string, regionName: string) => ({ regionId, regionName, level: 'district' as const, expected: 0, submitted: 0, onTime: 0, late: 0, returned: 0, notStarted: 0, overdue: 0, incomplete: 0, overdueRegionIds: [] });

const answer: ReportStatusResponse = {
  templateId: 'health.epi_monthly',
  name: { vi: 'Tiêm chủng', en: 'EPI' },
  period: '2026-Q4',
  periods: [{ key: '2026-10', dueAt: '2026-11-05T17:00:00Z' }],
  regionId: 'bp',
  asOf: '2026-11-22T07:00:00Z',
  entries: [
    entry('a1', 'A', 'submitted'),
    entry('a2', 'A', 'late'),
    entry('b1', 'B', 'not_started', true),
    entry('b2', 'B', 'returned', true),
    entry('b3', 'B', 'not_started'),
    entry('a3', 'A', 'returned'),
    { ...entry('b1', 'B', 'not_started', true), period: '2026-11' },
    { ...entry('b4', 'B', 'not_started', true), regionName: 'Xã b1' },
  ],
  groups: [group('A', 'Huyện A'), group('B', 'Huyện B')],
  total: group('bp', 'Tỉnh'),
};

describe('report status summary', () => {
  it('splits every expected report into exactly one segment', () => {
    expect(segmentOf({ status: 'submitted', overdue: false })).toBe('onTime');
    expect(segmentOf({ status: 'late', overdue: false })).toBe('late');
    expect(segmentOf({ status: 'returned', overdue: true })).toBe('overdue');
    expect(segmentOf({ status: 'returned', overdue: false })).toBe('returned');
    expect(segmentOf({ status: 'not_started', overdue: false })).toBe('pending');
  });

  it('counts per district, worst first, and names the overdue units', () => {
    const summary = summariseStatus(answer, (_id, fallback) => fallback);
    expect(summary.total).toEqual({ onTime: 1, late: 1, returned: 1, pending: 1, overdue: 4, expected: 8 });
    expect(summary.groups.map((g) => [g.name, g.overdue, g.expected])).toEqual([
      ['Huyện B', 4, 5],
      ['Huyện A', 0, 3],
    ]);
    // b1 is overdue twice but listed once; b4 shares b1's name but is another commune.
    expect(summary.overdueUnits).toEqual(['Xã b1', 'Xã b2', 'Xã b1']);
  });
});

describe('status period and region', () => {
  const now = new Date('2026-11-22T07:00:00Z');
  it('follows the page period when it is at least as long as the report’s', () => {
    expect(statusPeriod('quarter', 'month', now)).toBe('2026-Q4');
    expect(statusPeriod('month', 'month', now)).toBe('2026-11');
    expect(statusPeriod('day', 'month', now)).toBeUndefined();
    expect(statusPeriod('realtime', 'week', now)).toBeUndefined();
    expect(statusPeriod(null, 'week', now)).toBeUndefined();
  });

  it('asks about the ancestor at the template level when the page is drilled below it', () => {
    const tree = new RegionTree([
      { id: 'bp', parentId: null, level: 'province', name: { vi: 'Tỉnh', en: 'Province' } },
      { id: 'A', parentId: 'bp', level: 'district', name: { vi: 'Huyện A', en: 'A' } },
      { id: 'a1', parentId: 'A', level: 'commune', name: { vi: 'Xã a1', en: 'a1' } },
    ]);
    expect(statusRegion(tree, 'a1', 'district')).toBe('A');
    expect(statusRegion(tree, 'a1', 'commune')).toBe('a1');
    expect(statusRegion(tree, 'bp', 'commune')).toBe('bp');
    expect(statusRegion(null, null, 'commune')).toBeNull();
  });
});
