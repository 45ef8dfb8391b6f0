import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { simulator } from './simulator.js';

const BN_VND = { vi: 'tỷ đồng', en: 'bn VND' };

const treasury: SourceKindSchema = {
  name: { vi: 'Kho bạc Nhà nước (tỉnh, khu vực)', en: 'State Treasury office' },
  expectedIntervalS: 900,
  // Counters since local midnight from the treasury's budget accounting (TABMIS), in billion VND.
  metrics: {
    revenue_today: { name: { vi: 'Thu ngân sách trong ngày', en: 'Budget revenue today' }, unit: BN_VND, min: 0, max: 5000 },
    expenditure_today: { name: { vi: 'Chi ngân sách trong ngày', en: 'Budget expenditure today' }, unit: BN_VND, min: 0, max: 5000 },
    investment_disbursed_today: { name: { vi: 'Giải ngân vốn đầu tư công trong ngày', en: 'Public investment disbursed today' }, unit: BN_VND, min: 0, max: 3000 },
  },
};

/**
 * Finance: state-budget revenue and expenditure against the year's estimate (dự toán), public
 * investment disbursement, local-government borrowing and repayment, import/export tax
 * (004:l4597-4668). Live figures come from the treasury offices, official ones from monthly reports.
 */
export const manifest: SectorManifest = {
  id: 'finance',
  name: { vi: 'Tài chính', en: 'Finance' },
  sourceKinds: { treasury },
  kpis,
  reports,
  rules,
  dashboards,
  simulator,
};
export default manifest;
