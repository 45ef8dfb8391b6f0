import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  large_fdi_registration: {
    name: { vi: 'Dự án FDI quy mô lớn được cấp phép', en: 'Large FDI project licensed' },
    severity: 'info',
    when: { type: 'threshold', sourceKind: 'registration-office', metric: 'fdi_registered_today_musd', op: '>=', value: 100 },
  },
  projects_behind_schedule: {
    name: { vi: 'Nhiều dự án chậm tiến độ', en: 'Many projects behind schedule' },
    severity: 'minor',
    when: { type: 'kpi', kpi: 'planning.behind_schedule_share', op: '>', value: 20 },
  },
  registration_office_no_data: {
    name: { vi: 'Cổng đăng ký đầu tư mất kết nối', en: 'Registration portal sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'registration-office', afterS: 7200 },
  },
};
