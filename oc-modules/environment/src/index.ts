import type { SectorManifest } from '@ioc/sdk';

/** Environment: automatic air stations and water-level gauges (REQUIREMENTS §3, 004:l2414-2428, l6400-6408). */
export const manifest: SectorManifest = {
  id: 'environment',
  name: { vi: 'Tài nguyên và Môi trường', en: 'Environment' },
  sourceKinds: {
    'air-station': {
      name: { vi: 'Trạm quan trắc không khí tự động', en: 'Automatic air-quality station' },
      expectedIntervalS: 60,
      metrics: {
        pm25: { name: { vi: 'Bụi mịn PM2.5', en: 'PM2.5' }, unit: 'µg/m³', min: 0, max: 1000 },
        pm10: { name: { vi: 'Bụi PM10', en: 'PM10' }, unit: 'µg/m³', min: 0, max: 2000 },
        aqi: { name: { vi: 'Chỉ số chất lượng không khí (VN_AQI)', en: 'Air quality index (VN_AQI)' }, unit: '', min: 0, max: 500 },
        temperature: { name: { vi: 'Nhiệt độ', en: 'Temperature' }, unit: '°C', min: -10, max: 60 },
        humidity: { name: { vi: 'Độ ẩm', en: 'Humidity' }, unit: '%', min: 0, max: 100 },
      },
    },
    'water-level': {
      name: { vi: 'Trạm đo mực nước', en: 'Water-level gauge' },
      expectedIntervalS: 60,
      metrics: {
        level_m: { name: { vi: 'Mực nước', en: 'Water level' }, unit: 'm', min: -5, max: 200 },
        rain_mm: { name: { vi: 'Lượng mưa (1 giờ)', en: 'Rainfall (1 h)' }, unit: 'mm', min: 0, max: 500 },
      },
    },
  },
};
export default manifest;
