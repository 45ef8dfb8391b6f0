import type { RuleDefault } from '@ioc/sdk';

export const rules: Record<string, RuleDefault> = {
  report_overdue: {
    name: { vi: 'Phản ánh quá hạn xử lý', en: 'Field report overdue' },
    severity: 'warning',
    when: { type: 'event', sourceKind: 'feedback-inbox', event: 'report_overdue' },
  },
  overdue_backlog: {
    name: { vi: 'Tồn đọng nhiều phản ánh quá hạn', en: 'Backlog of overdue reports' },
    severity: 'major',
    when: { type: 'threshold', sourceKind: 'feedback-inbox', metric: 'overdue_open', op: '>', value: 10, forS: 3600 },
  },
  in_time_low: {
    name: { vi: 'Tỷ lệ xử lý phản ánh đúng hạn thấp', en: 'Few reports processed in time' },
    severity: 'minor',
    when: { type: 'kpi', kpi: 'citizen.in_time_rate', op: '<', value: 80 },
  },
  inbox_no_data: {
    name: { vi: 'Hộp tiếp nhận phản ánh mất kết nối', en: 'Report inbox sends no data' },
    severity: 'warning',
    when: { type: 'no-data', sourceKind: 'feedback-inbox', afterS: 3600 },
  },
};
