import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  attraction_overcrowded: {
    name: { vi: 'Điểm du lịch quá đông khách', en: 'Attraction overcrowded' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'attraction-gate', metric: 'visitors_on_site', op: '>', value: 3000, forS: 900 },
    incidentType: 'crowd',
  },
  attraction_gate_no_data: {
    name: { vi: 'Cổng soát vé mất kết nối', en: 'Ticket gate sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'attraction-gate', afterS: 1800 },
  },
  accommodation_no_data: {
    name: { vi: 'Hệ thống lưu trú mất kết nối', en: 'Accommodation feed sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'accommodation', afterS: 3600 },
  },
  rooms_full: {
    name: { vi: 'Cơ sở lưu trú gần kín chỗ', en: 'Accommodation almost full' },
    severity: 'info',
    when: { type: 'kpi', kpi: 'tourism.room_occupancy', op: '>', value: 95 },
  },
};
