import type { DashboardLayout } from '@ioc/sdk';

/** The environment OC page: 1-based cells of the 12-column grid. */
export const dashboards: Record<string, DashboardLayout> = {
  oc: {
    title: { vi: 'Trung tâm điều hành Tài nguyên và Môi trường', en: 'Environment operations centre' },
    rows: 12,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'environment.pm25_avg' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'environment.aqi_max' }, x: 3, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'environment.good_aqi_share' }, x: 5, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'environment.water_level_max' }, x: 7, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'environment.rain_max_1h' }, x: 9, y: 1, w: 2, h: 2 },
      { widget: 'kpi-tile', options: { kpi: 'environment.waste_collection_rate' }, x: 11, y: 1, w: 2, h: 2 },
      { widget: 'province-map', options: { layer: 'air-quality' }, x: 1, y: 3, w: 6, h: 6 },
      { widget: 'metric-trend', options: { sourceKind: 'air-station', metric: 'pm25' }, x: 7, y: 3, w: 6, h: 3 },
      { widget: 'metric-trend', options: { sourceKind: 'water-level', metric: 'level_m' }, x: 7, y: 6, w: 6, h: 3 },
      { widget: 'kpi-trend', options: { kpi: 'environment.pm25_avg', period: 'day' }, x: 1, y: 9, w: 4, h: 4 },
      { widget: 'kpi-by-region', options: { kpi: 'environment.pm25_avg', period: 'day', level: 'district' }, x: 5, y: 9, w: 4, h: 2 },
      { widget: 'report-status', options: { report: 'environment.waste_monthly' }, x: 5, y: 11, w: 4, h: 2 },
      { widget: 'latest-values', options: { sourceKind: 'air-station', metrics: ['aqi', 'pm25', 'temperature'] }, x: 9, y: 9, w: 4, h: 2 },
      { widget: 'alert-list', x: 9, y: 11, w: 2, h: 2 },
      { widget: 'source-status', x: 11, y: 11, w: 2, h: 2 },
    ],
  },
};
