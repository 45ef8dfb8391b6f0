import type { DashboardLayout } from '@ioc/sdk';

/** The health OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Y tế', en: 'Health operations centre' },
    rows: 14,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'health.daily_visits' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'health.emergency_patients' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'health.bed_occupancy' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'health.icu_free' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'health.immunisation_coverage' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'health.dengue_cases' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-trend', options: { kpi: 'health.daily_visits', period: 'day' }, x: 1, y: 3, w: 4, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'health.bed_occupancy', period: 'day' }, x: 5, y: 3, w: 4, h: 4 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 9, y: 3, w: 4, h: 8 },
      { widget: 'kpi-by-region', options: { kpi: 'health.risk_level', period: 'month', level: 'commune' }, x: 1, y: 7, w: 4, h: 4 },
      { widget: 'kpi-trend', options: { kpi: 'health.immunisation_coverage', period: 'month' }, x: 5, y: 7, w: 4, h: 4 },
      { widget: 'report-status', options: { report: 'health.epi_monthly' }, x: 1, y: 11, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'health.communicable_weekly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'alert-list', x: 9, y: 11, w: 4, h: 4 },
      { widget: 'latest-values', options: { sourceKind: 'hospital', metrics: ['beds_occupied', 'beds_total', 'icu_free', 'emergency_today'] }, x: 1, y: 13, w: 5, h: 2 },
      { widget: 'source-status', x: 6, y: 13, w: 3, h: 2 },
    ],
  },
};
