import type { DashboardLayout } from '@ioc/sdk';

/** The education OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Giáo dục', en: 'Education operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'education.attendance_rate' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'education.students_present' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'education.schools' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'education.students' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'education.teachers' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'education.universalisation_rate' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'kpi-trend', options: { kpi: 'education.attendance_rate', period: 'day' }, x: 1, y: 3, w: 4, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'education.attendance_rate', period: 'day', level: 'district' }, x: 5, y: 3, w: 4, h: 4 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 9, y: 3, w: 4, h: 6 },
      { widget: 'metric-trend', options: { sourceKind: 'school', metric: 'students_present' }, x: 1, y: 7, w: 4, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'education.students_per_teacher', period: 'quarter', level: 'district' }, x: 5, y: 7, w: 4, h: 4 },
      { widget: 'alert-list', x: 9, y: 9, w: 4, h: 4 },
      { widget: 'report-status', options: { report: 'education.school_stats_quarterly' }, x: 1, y: 11, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'education.universalisation_yearly' }, x: 5, y: 11, w: 2, h: 2 },
      { widget: 'source-status', x: 7, y: 11, w: 2, h: 2 },
    ],
  },
};
