import type { KpiBreakdownResponse } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { RegionTree } from '../../regions/region-tree';
import { barShare, breakdownRows, listNames, scaleMaxOf } from './breakdown-rows';

const tree = new RegionTree([
  { id: 'bp', parentId: null, level: 'province', name: { vi: 'Tỉnh Bình Phước', en: 'Binh Phuoc Province' } },
  { id: 'bd', parentId: 'bp', level: 'district', name: { vi: 'Huyện Bù Đăng', en: 'Bu Dang District' } },
  { id: 'dx', parentId: 'bp', level: 'district', name: { vi: 'Thành phố Đồng Xoài', en: 'Dong Xoai City' } },
  { id: 'bd-1', parentId: 'bd', level: 'commune', name: { vi: 'Xã Bom Bo', en: 'Bom Bo' } },
  { id: 'bd-2', parentId: 'bd', level: 'commune', name: { vi: 'Xã Minh Hưng', en: 'Minh Hung' } },
  { id: 'bd-3', parentId: 'bd', level: 'commune', name: { vi: 'Thị trấn Đức Phong', en: 'Duc Phong' } },
  { id: 'dx-1', parentId: 'dx', level: 'commune', name: { vi: 'Phường Tân Phú', en: 'Tan Phu' } },
]);

const value = (regionId: string, v: number | null, state: 'at-risk' | 'on-track' | 'no-data') => ({
  kpiId: 'health.immunisation_coverage', regionId, period: 'quarter' as const, periodStart: '2026-09-30T17:00:00.000Z', value: v, target: 95, attainmentPct: v === null ? null : (100 * v) / 95, forecast: v, state, computedAt: '2026-11-22T07:00:00Z',
});

const answer: KpiBreakdownResponse = {
  kpiId: 'health.immunisation_coverage',
  regionId: 'bp',
  period: 'quarter',
  periodKey: '2026-Q4',
  parent: value('bp', 90, 'at-risk'),
  items: [
    { regionId: 'bd', name: 'Huyện Bù Đăng', value: value('bd', 80, 'at-risk'), reporting: [{ templateId: 'health.epi_monthly', expected: 6, submitted: 4, late: 1, missing: ['bd-2', 'bd-3'] }] },
    { regionId: 'dx', name: 'Thành phố Đồng Xoài', value: value('dx', 97, 'on-track'), reporting: [{ templateId: 'health.epi_monthly', expected: 2, submitted: 2, late: 0, missing: [] }] },
  ],
};

describe('breakdownRows', () => {
  it('keeps the worst-first order and names rows shortly in the UI language', () => {
    const rows = breakdownRows(answer, tree, () => 'commune', 'vi');
    expect(rows.map((r) => r.name)).toEqual(['Bù Đăng', 'Đồng Xoài']);
    expect(rows[0]).toMatchObject({ fullName: 'Huyện Bù Đăng', value: 80, target: 95, state: 'at-risk', drillable: true });
    expect(breakdownRows(answer, tree, () => 'commune', 'en')[1]!.name).toBe('Dong Xoai');
  });

  it('says how many units reported and which are missing', () => {
    const rows = breakdownRows(answer, tree, () => 'commune', 'vi');
    expect(rows[0]!.reporting).toEqual({ templates: ['health.epi_monthly'], units: 3, reported: 1, missing: ['Minh Hưng', 'Đức Phong'] });
    expect(rows[1]!.reporting).toMatchObject({ units: 1, reported: 1, missing: [] });
  });

  it('joins the templates of a formula KPI: a unit has reported when nothing it owes is missing', () => {
    const formula: KpiBreakdownResponse = {
      ...answer,
      items: [
        {
          regionId: 'bd',
          name: 'Huyện Bù Đăng',
          value: null,
          reporting: [
            { templateId: 'health.epi_monthly', expected: 3, submitted: 2, late: 0, missing: ['bd-2'] },
            { templateId: 'health.communicable_weekly', expected: 9, submitted: 7, late: 0, missing: ['bd-2', 'bd-3'] },
          ],
        },
        { regionId: 'bd-1', name: 'Xã Bom Bo', value: null, reporting: [{ templateId: 'health.epi_monthly', expected: 1, submitted: 0, late: 0, missing: ['bd-1'] }] },
      ],
    };
    const rows = breakdownRows(formula, tree, () => 'commune', 'vi');
    expect(rows[0]!.reporting).toEqual({ templates: ['health.epi_monthly', 'health.communicable_weekly'], units: 3, reported: 1, missing: ['Minh Hưng', 'Đức Phong'] });
    // A commune row does not list itself as missing.
    expect(rows[1]!.reporting).toEqual({ templates: ['health.epi_monthly'], units: 1, reported: 0, missing: [] });
  });

  it('shows a region without a value as no data and communes as leaves', () => {
    const leaf: KpiBreakdownResponse = { ...answer, regionId: 'bd', items: [{ regionId: 'bd-1', name: 'Xã Bom Bo', value: null }] };
    expect(breakdownRows(leaf, tree, () => undefined, 'vi')[0]).toMatchObject({ name: 'Bom Bo', value: null, state: 'no-data', drillable: false, reporting: null });
  });
});

describe('bars and name lists', () => {
  it('scales bars to the largest value or target', () => {
    const rows = breakdownRows(answer, tree, () => 'commune', 'vi');
    expect(scaleMaxOf(rows)).toBe(97);
    expect(barShare(48.5, 97)).toBe(0.5);
    expect(barShare(null, 97)).toBe(0);
    expect(barShare(5, 0)).toBe(0);
  });

  it('lists a few names and counts the rest', () => {
    expect(listNames(['A', 'B', 'C', 'D'], 2)).toEqual({ shown: 'A, B', more: 2 });
    expect(listNames([], 2)).toEqual({ shown: '', more: 0 });
  });
});
