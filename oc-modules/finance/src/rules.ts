import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  treasury_no_data: {
    name: { vi: 'Kho bạc mất kết nối dữ liệu', en: 'Treasury office sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'treasury', afterS: 3600 },
  },
  large_expenditure_day: {
    name: { vi: 'Chi ngân sách trong ngày lớn bất thường', en: 'Unusually large spending day' },
    severity: 'minor',
    when: { type: 'threshold', sourceKind: 'treasury', metric: 'expenditure_today', op: '>', value: 400 },
  },
  disbursement_lagging: {
    name: { vi: 'Giải ngân đầu tư công chậm', en: 'Public investment disbursement lagging' },
    severity: 'warning',
    when: { type: 'kpi', kpi: 'finance.investment_disbursement_pct', op: '<', value: 60 },
  },
  revenue_gap: {
    name: { vi: 'Số thu báo cáo lệch số Kho bạc', en: 'Reported revenue disagrees with the treasury' },
    severity: 'minor',
    when: { type: 'kpi', kpi: 'finance.revenue_reconciliation_gap', op: '>', value: 5 },
  },
};
