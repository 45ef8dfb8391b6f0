import type { ReportField, ReportTemplate } from '@ioc/sdk';

const responses = (vi: string, en: string): ReportField => ({ name: { vi, en }, unit: { vi: 'lượt', en: 'responses' }, type: 'integer', min: 0, max: 10000, required: true });

export const reports: Record<string, ReportTemplate> = {
  feedback_satisfaction_monthly: {
    name: { vi: 'Báo cáo đánh giá mức độ hài lòng về xử lý phản ánh', en: 'Monthly satisfaction with report handling' },
    description: {
      vi: 'Xã, phường tổng hợp đánh giá của người dân sau khi công khai kết quả xử lý phản ánh.',
      en: 'Communes tally citizens’ ratings after the handling result is published.',
    },
    period: 'month',
    level: 'commune',
    dueDays: 5,
    department: { vi: 'Văn phòng UBND tỉnh', en: 'Provincial People’s Committee Office' },
    fields: {
      responses: responses('Lượt đánh giá', 'Responses'),
      satisfied: responses('Hài lòng, rất hài lòng', 'Satisfied or very satisfied'),
      dissatisfied: responses('Không hài lòng', 'Dissatisfied'),
      reopened: { name: { vi: 'Phản ánh phải xử lý lại', en: 'Reports reopened' }, unit: { vi: 'phản ánh', en: 'reports' }, type: 'integer', min: 0, max: 1000 },
    },
  },
};
