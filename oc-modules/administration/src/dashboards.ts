import type { DashboardLayout } from '@ioc/sdk';

/** The commune-administration OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Hành chính xã, phường', en: 'Commune administration operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'administration.population' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'administration.households' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'administration.poor_household_rate' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'administration.sex_ratio' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'administration.procedures_on_time_rate' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'administration.documents_issued' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-by-region', options: { kpi: 'administration.population', period: 'month', level: 'commune' }, x: 1, y: 3, w: 6, h: 5 },
      { widget: 'kpi-by-region', options: { kpi: 'administration.poor_household_rate', period: 'month', level: 'commune' }, x: 7, y: 3, w: 6, h: 5 },
      { widget: 'kpi-trend', options: { kpi: 'administration.dossiers_received', period: 'day' }, x: 1, y: 8, w: 4, h: 3 },
      { widget: 'kpi-trend', options: { kpi: 'administration.procedures_on_time_rate', period: 'day' }, x: 5, y: 8, w: 4, h: 3 },
      { widget: 'alert-list', x: 9, y: 8, w: 4, h: 3 },
      { widget: 'report-status', options: { report: 'administration.population_monthly' }, x: 1, y: 11, w: 8, h: 2 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
