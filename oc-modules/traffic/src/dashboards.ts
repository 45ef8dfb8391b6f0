import type { DashboardLayout } from '@ioc/sdk';

/** The traffic OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Giao thông', en: 'Traffic operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'traffic.vehicle_flow' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'traffic.avg_speed' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'traffic.lane_occupancy' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'traffic.violations' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'traffic.accidents' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'traffic.accident_deaths' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 1, y: 3, w: 6, h: 6 },
      { widget: 'metric-trend', options: { sourceKind: 'counter', metric: 'vehicles_per_min' }, x: 7, y: 3, w: 6, h: 3 },
      { widget: 'metric-trend', options: { sourceKind: 'counter', metric: 'avg_speed_kmh' }, x: 7, y: 6, w: 6, h: 3 },
      { widget: 'kpi-trend', options: { kpi: 'traffic.violations', period: 'day' }, x: 1, y: 9, w: 4, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'traffic.accidents', period: 'month', level: 'district' }, x: 5, y: 9, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'traffic.accidents_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'alert-list', x: 9, y: 9, w: 4, h: 2 },
      { widget: 'latest-values', options: { sourceKind: 'counter', metrics: ['vehicles_per_min', 'avg_speed_kmh', 'occupancy_pct'] }, x: 9, y: 11, w: 2, h: 2 },
      { widget: 'source-status', x: 11, y: 11, w: 2, h: 2 },
    ],
  },
};
