import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  congestion: {
    name: { vi: 'Ùn tắc giao thông', en: 'Traffic congestion' },
    severity: 'major',
    when: {
      type: 'all',
      conditions: [
        { type: 'threshold', sourceKind: 'counter', metric: 'avg_speed_kmh', op: '<', value: 15, forS: 600 },
        { type: 'threshold', sourceKind: 'counter', metric: 'occupancy_pct', op: '>', value: 60, forS: 600 },
      ],
    },
    incidentType: 'traffic-congestion',
  },
  camera_fire_smoke: {
    name: { vi: 'Camera giao thông phát hiện cháy, khói', en: 'Traffic camera detects fire or smoke' },
    severity: 'critical',
    when: { type: 'event', sourceKind: 'camera', event: 'fire-smoke' },
    incidentType: 'fire',
  },
  road_flooding: {
    name: { vi: 'Ngập nước trên tuyến giao thông', en: 'Flooded road' },
    severity: 'major',
    when: { type: 'event', sourceKind: 'camera', event: 'flooding' },
    incidentType: 'flood',
  },
  counter_no_data: {
    name: { vi: 'Trạm đếm xe mất tín hiệu', en: 'Traffic counter sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'counter', afterS: 600 },
  },
  camera_no_data: {
    name: { vi: 'Camera giao thông mất tín hiệu', en: 'Traffic camera sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'camera', afterS: 600 },
  },
};
