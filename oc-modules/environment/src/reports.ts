import type { ReportTemplate } from '@ioc/sdk';

const TONNES = { vi: 'tấn', en: 'tonnes' };

export const reports: Record<string, ReportTemplate> = {
  waste_monthly: {
    name: { vi: 'Báo cáo thu gom, xử lý chất thải rắn sinh hoạt', en: 'Household solid waste collection and treatment' },
    period: 'month',
    level: 'district',
    dueDays: 10,
    department: { vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment' },
    fields: {
      generated_t: { name: { vi: 'Khối lượng phát sinh', en: 'Generated' }, unit: TONNES, type: 'number', min: 0, max: 50000, required: true },
      collected_t: { name: { vi: 'Khối lượng thu gom', en: 'Collected' }, unit: TONNES, type: 'number', min: 0, max: 50000, required: true },
      treated_landfill_t: { name: { vi: 'Xử lý bằng chôn lấp', en: 'Landfilled' }, unit: TONNES, type: 'number', min: 0, max: 50000 },
      treated_other_t: { name: { vi: 'Xử lý bằng đốt, tái chế, làm phân', en: 'Incinerated, recycled or composted' }, unit: TONNES, type: 'number', min: 0, max: 50000 },
      illegal_dumps: { name: { vi: 'Điểm đổ thải trái phép phát hiện', en: 'Illegal dumps found' }, unit: { vi: 'điểm', en: 'sites' }, type: 'integer', min: 0, max: 500 },
    },
  },
};
