import type { DashboardLayout } from '@ioc/sdk';

/** The planning and investment OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Kế hoạch và Đầu tư', en: 'Planning and investment operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'planning.fdi_implemented' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'planning.fdi_registered' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'planning.oda_disbursed' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'planning.projects_active' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'planning.new_projects' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'planning.new_enterprises' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-trend', options: { kpi: 'planning.fdi_implemented', period: 'month' }, x: 1, y: 3, w: 6, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'planning.oda_disbursed', period: 'month' }, x: 7, y: 3, w: 6, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'planning.behind_schedule_share', period: 'month', level: 'district' }, x: 1, y: 7, w: 4, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'planning.new_enterprises', period: 'day' }, x: 5, y: 7, w: 4, h: 4 },
      { widget: 'alert-list', x: 9, y: 7, w: 4, h: 4 },
      { widget: 'report-status', options: { report: 'planning.investment_monthly' }, x: 1, y: 11, w: 8, h: 2 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
