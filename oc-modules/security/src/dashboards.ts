import type { DashboardLayout } from '@ioc/sdk';

/** The public-order OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành An ninh trật tự', en: 'Public-order operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'security.people_in_view' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'security.crowd_events' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'security.fire_smoke_events' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'security.camera_incidents' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'security.criminal_cases' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'security.clearance_rate' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'province-map', options: { layer: 'sources' }, x: 1, y: 3, w: 6, h: 6 },
      { widget: 'alert-list', x: 7, y: 3, w: 3, h: 4 },
      { widget: 'incident-queue', x: 10, y: 3, w: 3, h: 4 },
      { widget: 'metric-trend', options: { sourceKind: 'camera', metric: 'people_count' }, x: 7, y: 7, w: 3, h: 2 },
      { widget: 'unit-list', options: { unitType: 'police' }, x: 10, y: 7, w: 3, h: 2 },
      { widget: 'kpi-trend', options: { kpi: 'security.camera_incidents', period: 'day' }, x: 1, y: 9, w: 4, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'security.criminal_cases', period: 'month', level: 'district' }, x: 5, y: 9, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'security.public_order_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'latest-values', options: { sourceKind: 'camera', metrics: ['people_count'] }, x: 9, y: 9, w: 4, h: 2 },
      { widget: 'source-status', x: 9, y: 11, w: 4, h: 2 },
    ],
  },
};
