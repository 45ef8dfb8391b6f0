import type { ReportField, ReportTemplate } from '@ioc/sdk';

const count = (vi: string, en: string, unit: ReportField['unit'], required = true): ReportField => ({ name: { vi, en }, unit, type: 'integer', min: 0, max: 1000, required });

export const reports: Record<string, ReportTemplate> = {
  accidents_monthly: {
    name: { vi: 'Báo cáo tai nạn giao thông tháng', en: 'Monthly road-accident report' },
    description: {
      vi: 'Công an cấp huyện báo cáo tai nạn giao thông đường bộ trên địa bàn (số vụ, người chết, người bị thương).',
      en: 'District police report the road accidents in the district (accidents, deaths, injuries).',
    },
    period: 'month',
    level: 'district',
    dueDays: 5,
    department: { vi: 'Ban An toàn giao thông tỉnh', en: 'Provincial Traffic Safety Committee' },
    fields: {
      accidents: count('Số vụ tai nạn', 'Accidents', { vi: 'vụ', en: 'accidents' }),
      deaths: count('Số người chết', 'Deaths', { vi: 'người', en: 'people' }),
      injuries: count('Số người bị thương', 'Injuries', { vi: 'người', en: 'people' }),
      minor_collisions: count('Va chạm giao thông', 'Minor collisions', { vi: 'vụ', en: 'collisions' }, false),
      damage_mvnd: { name: { vi: 'Thiệt hại tài sản ước tính', en: 'Estimated property damage' }, unit: { vi: 'triệu đồng', en: 'million VND' }, type: 'number', min: 0, max: 100000 },
      fines_issued: count('Trường hợp xử phạt vi phạm', 'Violations fined', { vi: 'trường hợp', en: 'cases' }, false),
    },
  },
};
