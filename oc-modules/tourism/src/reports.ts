import type { ReportTemplate } from '@ioc/sdk';

const ARRIVALS = { vi: 'lượt khách', en: 'arrivals' };

export const reports: Record<string, ReportTemplate> = {
  tourism_monthly: {
    name: { vi: 'Báo cáo hoạt động du lịch tháng', en: 'Monthly tourism report' },
    description: {
      vi: 'Phòng Văn hóa – Thông tin cấp huyện tổng hợp lượt khách, khách lưu trú và doanh thu du lịch trên địa bàn.',
      en: 'District culture offices consolidate arrivals, overnight guests and tourism revenue in the district.',
    },
    period: 'month',
    level: 'district',
    dueDays: 7,
    department: { vi: 'Sở Văn hóa, Thể thao và Du lịch', en: 'Department of Culture, Sports and Tourism' },
    fields: {
      arrivals_domestic: { name: { vi: 'Lượt khách nội địa', en: 'Domestic arrivals' }, unit: ARRIVALS, type: 'integer', min: 0, max: 1_000_000, required: true },
      arrivals_international: { name: { vi: 'Lượt khách quốc tế', en: 'International arrivals' }, unit: ARRIVALS, type: 'integer', min: 0, max: 100_000, required: true },
      overnight_guests: { name: { vi: 'Lượt khách lưu trú qua đêm', en: 'Overnight guests' }, unit: ARRIVALS, type: 'integer', min: 0, max: 500_000 },
      revenue_bn: { name: { vi: 'Tổng thu từ khách du lịch', en: 'Tourism revenue' }, unit: { vi: 'tỷ đồng', en: 'bn VND' }, type: 'number', min: 0, max: 5000, required: true },
      accommodation_establishments: { name: { vi: 'Cơ sở lưu trú đang hoạt động', en: 'Accommodation establishments operating' }, unit: { vi: 'cơ sở', en: 'establishments' }, type: 'integer', min: 0, max: 2000 },
      incidents: { name: { vi: 'Sự cố, phản ánh của du khách', en: 'Incidents and visitor complaints' }, unit: { vi: 'vụ', en: 'cases' }, type: 'integer', min: 0, max: 500 },
    },
  },
};
