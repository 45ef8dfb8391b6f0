import type { DashboardLayout } from '@ioc/sdk';

/** The finance OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Tài chính', en: 'Finance operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'finance.budget_revenue' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'finance.budget_expenditure' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'finance.investment_disbursement_pct' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'finance.import_export_tax' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'finance.debt_outstanding' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'finance.revenue_reconciliation_gap' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-trend', options: { kpi: 'finance.budget_revenue', period: 'month' }, x: 1, y: 3, w: 6, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'finance.budget_expenditure', period: 'month' }, x: 7, y: 3, w: 6, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'finance.investment_disbursed', period: 'year', level: 'district' }, x: 1, y: 7, w: 4, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'finance.investment_disbursed', period: 'day' }, x: 5, y: 7, w: 4, h: 4 },
      { widget: 'alert-list', x: 9, y: 7, w: 4, h: 4 },
      { widget: 'report-status', options: { report: 'finance.budget_monthly' }, x: 1, y: 11, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'finance.public_investment_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
