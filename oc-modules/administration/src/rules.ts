import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  overdue_dossiers: {
    name: { vi: 'Nhiều hồ sơ thủ tục hành chính quá hạn', en: 'Many administrative dossiers overdue' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'one-stop-desk', metric: 'dossiers_overdue_open', op: '>', value: 30, forS: 3600 },
  },
  on_time_rate_low: {
    name: { vi: 'Tỷ lệ giải quyết hồ sơ đúng hạn dưới chỉ tiêu', en: 'On-time procedure rate below target' },
    severity: 'minor',
    when: { type: 'kpi', kpi: 'administration.procedures_on_time_rate', op: '<', value: 95 },
  },
  one_stop_no_data: {
    name: { vi: 'Hệ thống một cửa mất kết nối', en: 'One-stop desk sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'one-stop-desk', afterS: 3600 },
  },
  document_system_no_data: {
    name: { vi: 'Hệ thống quản lý văn bản mất kết nối', en: 'Document system sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'document-system', afterS: 3600 },
  },
};
