import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  camera_fire_smoke: {
    name: { vi: 'Camera an ninh phát hiện cháy, khói', en: 'Security camera detects fire or smoke' },
    severity: 'critical',
    when: { type: 'event', sourceKind: 'camera', event: 'fire-smoke' },
    incidentType: 'fire',
  },
  crowd_gathering: {
    name: { vi: 'Tụ tập đông người', en: 'Crowd gathering' },
    severity: 'major',
    when: { type: 'event', sourceKind: 'camera', event: 'crowd' },
    incidentType: 'public-disorder',
  },
  intrusion: {
    name: { vi: 'Xâm nhập khu vực cấm', en: 'Intrusion into a restricted area' },
    severity: 'minor',
    when: { type: 'event', sourceKind: 'camera', event: 'intrusion' },
    incidentType: 'intrusion',
  },
  dense_crowd: {
    name: { vi: 'Mật độ người rất cao tại một điểm', en: 'Very dense crowd at one place' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'camera', metric: 'people_count', op: '>', value: 1500, forS: 600 },
    incidentType: 'public-disorder',
  },
  camera_no_data: {
    name: { vi: 'Camera an ninh mất tín hiệu', en: 'Security camera sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'camera', afterS: 600 },
  },
};
