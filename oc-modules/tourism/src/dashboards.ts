import type { DashboardLayout } from '@ioc/sdk';

/** The tourism OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Du lịch', en: 'Tourism operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'tourism.arrivals_total' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'tourism.arrivals_international' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'tourism.tourism_revenue' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'tourism.attraction_visitors' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'tourism.visitors_on_site' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'tourism.room_occupancy' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 1, y: 3, w: 6, h: 6 },
      { widget: 'kpi-trend', options: { kpi: 'tourism.attraction_visitors', period: 'day' }, x: 7, y: 3, w: 6, h: 3 },
      { widget: 'kpi-trend', options: { kpi: 'tourism.arrivals_total', period: 'month' }, x: 7, y: 6, w: 6, h: 3 },
      { widget: 'kpi-by-region', options: { kpi: 'tourism.accommodation_checkins', period: 'day', level: 'district' }, x: 1, y: 9, w: 4, h: 4 },
      { widget: 'latest-values', options: { sourceKind: 'attraction-gate', metrics: ['visitors_on_site', 'visitors_today', 'tickets_today'] }, x: 5, y: 9, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'tourism.tourism_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'alert-list', x: 9, y: 9, w: 4, h: 2 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
