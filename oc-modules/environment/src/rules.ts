import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  pm25_high: {
    name: { vi: 'Bụi mịn PM2.5 vượt ngưỡng kéo dài', en: 'PM2.5 high for an hour' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'air-station', metric: 'pm25', op: '>', value: 55.4, forS: 3600 },
    incidentType: 'air-pollution',
  },
  aqi_very_unhealthy: {
    name: { vi: 'Chất lượng không khí rất xấu (VN_AQI > 200)', en: 'Very unhealthy air (VN_AQI > 200)' },
    severity: 'critical',
    when: { type: 'threshold', sourceKind: 'air-station', metric: 'aqi', op: '>', value: 200, forS: 900 },
    incidentType: 'air-pollution',
  },
  water_rising_fast: {
    name: { vi: 'Mực nước lên nhanh', en: 'Water level rising fast' },
    severity: 'major',
    when: { type: 'rate-of-change', sourceKind: 'water-level', metric: 'level_m', delta: 0.5, withinS: 3600 },
    incidentType: 'flash-flood',
  },
  heavy_rain: {
    name: { vi: 'Mưa lớn (trên 50 mm/giờ)', en: 'Heavy rain (over 50 mm/h)' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'water-level', metric: 'rain_mm', op: '>', value: 50 },
    incidentType: 'flood',
  },
  air_station_no_data: {
    name: { vi: 'Trạm quan trắc không khí mất dữ liệu', en: 'Air station sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'air-station', afterS: 900 },
  },
  water_gauge_no_data: {
    name: { vi: 'Trạm đo mực nước mất dữ liệu', en: 'Water gauge sends no data' },
    severity: 'minor',
    when: { type: 'no-data', sourceKind: 'water-level', afterS: 900 },
  },
};
