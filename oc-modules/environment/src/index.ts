import type { SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { dashboards } from './dashboards.js';
import { kpis } from './kpis.js';
import { reports } from './reports.js';
import { rules } from './rules.js';
import { incidentTypes } from './incident-types.js';
import { simulator } from './simulator.js';

const airStation: SourceKindSchema = {
  name: { vi: 'Trạm quan trắc không khí tự động', en: 'Automatic air-quality station' },
  expectedIntervalS: 60,
  metrics: {
    pm25: { name: { vi: 'Bụi mịn PM2.5', en: 'PM2.5' }, unit: 'µg/m³', min: 0, max: 1000 },
    pm10: { name: { vi: 'Bụi PM10', en: 'PM10' }, unit: 'µg/m³', min: 0, max: 2000 },
    aqi: { name: { vi: 'Chỉ số chất lượng không khí (VN_AQI)', en: 'Air quality index (VN_AQI)' }, unit: '', min: 0, max: 500 },
    temperature: { name: { vi: 'Nhiệt độ', en: 'Temperature' }, unit: '°C', min: -10, max: 60 },
    humidity: { name: { vi: 'Độ ẩm', en: 'Humidity' }, unit: '%', min: 0, max: 100 },
    // 100 while the station's VN_AQI is good (0–50), else 0: its mean over a period is the share of good readings.
    aqi_good_pct: { name: { vi: 'Chất lượng không khí tốt (VN_AQI ≤ 50)', en: 'Good air quality (VN_AQI ≤ 50)' }, unit: '%', min: 0, max: 100 },
  },
};

const waterLevel: SourceKindSchema = {
  name: { vi: 'Trạm đo mực nước', en: 'Water-level gauge' },
  expectedIntervalS: 60,
  metrics: {
    level_m: { name: { vi: 'Mực nước', en: 'Water level' }, unit: 'm', min: -5, max: 200 },
    rain_mm: { name: { vi: 'Lượng mưa (1 giờ)', en: 'Rainfall (1 h)' }, unit: 'mm', min: 0, max: 500 },
    // Rain since local midnight at the gauge's rain bucket.
    rain_today_mm: { name: { vi: 'Lượng mưa từ 0 giờ', en: 'Rainfall since midnight' }, unit: 'mm', min: 0, max: 1000 },
  },
};

/**
 * Environment: automatic air stations, water-level and rain gauges (REQUIREMENTS §3,
 * 004:l2414-2428, l6400-6408), and the monthly solid-waste statistics of the districts.
 */
export const manifest: SectorManifest = {
  id: 'environment',
  name: { vi: 'Tài nguyên và Môi trường', en: 'Environment' },
  sourceKinds: { 'air-station': airStation, 'water-level': waterLevel },
  kpis,
  reports,
  rules,
  incidentTypes,
  dashboards,
  simulator,
};
export default manifest;
