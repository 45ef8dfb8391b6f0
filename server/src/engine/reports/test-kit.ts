/**
 * Fixtures of the report engine's specs: a manifest of our own (the real module manifests may
 * change), and a small geography. Left out of the build (tsconfig excludes test-kit.ts).
 */
import type { SectorManifest } from '@ioc/sdk';
import { ModuleRegistry } from '../registry/module-registry.js';
import { RegionTree, type RegionNode } from '../registry/region-tree.js';

const CHILDREN = { vi: 'trẻ', en: 'children' };

export const healthFixture: SectorManifest = {
  id: 'health',
  name: { vi: 'Y tế', en: 'Health' },
  sourceKinds: {},
  reports: {
    epi_monthly: {
      name: { vi: 'Báo cáo tiêm chủng mở rộng hằng tháng', en: 'Monthly immunisation report' },
      period: 'month',
      level: 'commune',
      dueDays: 5,
      fields: {
        target_children: { name: { vi: 'Số trẻ cần tiêm', en: 'Children expected' }, unit: CHILDREN, type: 'integer', min: 0, max: 2000, required: true },
        fully_immunised: { name: { vi: 'Số trẻ tiêm đủ', en: 'Children fully immunised' }, unit: CHILDREN, type: 'integer', min: 0, max: 2000, required: true },
        coverage_pct: { name: { vi: 'Tỷ lệ tiêm đủ', en: 'Coverage' }, unit: '%', type: 'number', min: 0, max: 100, consolidate: { fn: 'weighted-avg', weight: 'target_children' } },
        aefi_serious: { name: { vi: 'Phản ứng nặng sau tiêm', en: 'Serious adverse events' }, type: 'integer', min: 0, max: 100 },
        note: { name: { vi: 'Ghi chú', en: 'Note' }, type: 'text' },
      },
    },
  },
};

export const planningFixture: SectorManifest = {
  id: 'planning',
  name: { vi: 'Kế hoạch và Đầu tư', en: 'Planning and investment' },
  sourceKinds: {},
  reports: {
    investment_monthly: {
      name: { vi: 'Báo cáo đầu tư hằng tháng', en: 'Monthly investment report' },
      period: 'month',
      level: 'district',
      dueDays: 10,
      fields: {
        fdi_implemented_musd: { name: { vi: 'Vốn FDI thực hiện', en: 'FDI implemented' }, unit: { vi: 'triệu USD', en: 'USD million' }, type: 'number', min: 0, required: true },
        oda_disbursed_bn: { name: { vi: 'Vốn ODA giải ngân', en: 'ODA disbursed' }, unit: { vi: 'tỷ đồng', en: 'VND billion' }, type: 'number', min: 0 },
        projects_active: { name: { vi: 'Dự án đang triển khai', en: 'Projects under way' }, type: 'integer', min: 0, consolidate: { fn: 'avg' } },
      },
    },
  },
};

export const fixtureModules = () => new ModuleRegistry([healthFixture, planningFixture]);

/** Province p; districts d1 (communes c11, c12), d2 (commune c21). */
export const smallTree = () =>
  new RegionTree([
    { id: 'p', parentId: null, level: 'province', name: 'Tỉnh P', nameEn: 'P Province' },
    { id: 'd1', parentId: 'p', level: 'district', name: 'Huyện A', nameEn: null },
    { id: 'd2', parentId: 'p', level: 'district', name: 'Huyện B', nameEn: null },
    { id: 'c11', parentId: 'd1', level: 'commune', name: 'Xã A1', nameEn: null },
    { id: 'c12', parentId: 'd1', level: 'commune', name: 'Xã A2', nameEn: null },
    { id: 'c21', parentId: 'd2', level: 'commune', name: 'Xã B1', nameEn: null },
  ] satisfies RegionNode[]);
