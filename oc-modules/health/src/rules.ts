import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  icu_free_low: {
    name: { vi: 'Giường hồi sức tích cực sắp hết', en: 'ICU nearly full' },
    severity: 'critical',
    when: { type: 'threshold', sourceKind: 'hospital', metric: 'icu_free', op: '<', value: 2, forS: 600 },
    incidentType: 'hospital-capacity',
  },
  emergency_surge: {
    name: { vi: 'Cấp cứu tăng đột biến', en: 'Surge of emergency patients' },
    severity: 'major',
    when: { type: 'rate-of-change', sourceKind: 'hospital', metric: 'emergency_today', delta: 25, withinS: 3600 },
    incidentType: 'mass-casualty',
  },
  bed_overload: {
    name: { vi: 'Quá tải giường bệnh', en: 'Hospital beds overloaded' },
    severity: 'major',
    when: { type: 'kpi', kpi: 'health.bed_occupancy', op: '>', value: 105 },
    incidentType: 'hospital-capacity',
  },
  measles_case: {
    name: { vi: 'Ghi nhận ca mắc sởi', en: 'Measles case reported' },
    severity: 'major',
    when: { type: 'kpi', kpi: 'health.measles_cases', op: '>', value: 0 },
    incidentType: 'epidemic',
  },
  hospital_no_data: {
    name: { vi: 'Bệnh viện mất kết nối dữ liệu', en: 'Hospital sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'hospital', afterS: 1800 },
  },
};
