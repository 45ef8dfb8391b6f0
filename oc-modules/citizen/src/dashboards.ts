import type { DashboardLayout } from '@ioc/sdk';

/** The field-report OC page after the District 7 panel: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Phản ánh hiện trường', en: 'Citizen field-report operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'citizen.reports_received' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'citizen.reports_closed' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'citizen.in_time_rate' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'citizen.open_reports' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'citizen.overdue_open' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'citizen.satisfaction_rate' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-by-region', options: { kpi: 'citizen.reports_received', period: 'month', level: 'commune' }, x: 1, y: 3, w: 6, h: 5 },
      { widget: 'kpi-trend', options: { kpi: 'citizen.reports_received', period: 'day' }, x: 7, y: 3, w: 6, h: 3 },
      { widget: 'kpi-trend', options: { kpi: 'citizen.in_time_rate', period: 'day' }, x: 7, y: 6, w: 6, h: 2 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 1, y: 8, w: 4, h: 5 },
      { widget: 'kpi-by-region', options: { kpi: 'citizen.overdue_open', period: 'realtime', level: 'district' }, x: 5, y: 8, w: 4, h: 3 },
      { widget: 'report-status', options: { report: 'citizen.feedback_satisfaction_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'alert-list', x: 9, y: 8, w: 4, h: 3 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
