import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  school_safety_incident: {
    name: { vi: 'Sự cố an toàn trường học', en: 'School safety incident' },
    severity: 'major',
    when: { type: 'event', sourceKind: 'school', event: 'safety-incident' },
    incidentType: 'school-safety',
  },
  attendance_low: {
    name: { vi: 'Tỷ lệ chuyên cần thấp bất thường', en: 'Unusually low attendance' },
    severity: 'minor',
    when: { type: 'threshold', sourceKind: 'school', metric: 'attendance_pct', op: '<', value: 80, forS: 3600 },
  },
  school_no_data: {
    name: { vi: 'Trường mất kết nối thẻ học sinh', en: 'School card system sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'school', afterS: 3600 },
  },
};
