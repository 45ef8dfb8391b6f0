import type { ReportTemplate } from '@ioc/sdk';

const PROJECTS = { vi: 'dự án', en: 'projects' };

export const reports: Record<string, ReportTemplate> = {
  investment_monthly: {
    name: { vi: 'Báo cáo tình hình thu hút và thực hiện vốn đầu tư tháng', en: 'Monthly investment attraction and implementation' },
    description: {
      vi: 'Phòng Tài chính – Kế hoạch cấp huyện và Ban quản lý các khu công nghiệp báo cáo vốn FDI thực hiện, ODA giải ngân, dự án đang triển khai.',
      en: 'District planning offices and the industrial-zone authority report FDI implemented, ODA disbursed and projects under way.',
    },
    period: 'month',
    level: 'district',
    dueDays: 10,
    department: { vi: 'Sở Kế hoạch và Đầu tư', en: 'Department of Planning and Investment' },
    fields: {
      fdi_implemented_musd: { name: { vi: 'Vốn FDI thực hiện trong tháng', en: 'FDI implemented this month' }, unit: { vi: 'triệu USD', en: 'million USD' }, type: 'number', min: 0, max: 2000, required: true },
      oda_disbursed_bn: { name: { vi: 'Vốn ODA, vay ưu đãi giải ngân trong tháng', en: 'ODA disbursed this month' }, unit: { vi: 'tỷ đồng', en: 'bn VND' }, type: 'number', min: 0, max: 2000, required: true },
      domestic_implemented_bn: { name: { vi: 'Vốn đầu tư trong nước thực hiện trong tháng', en: 'Domestic investment implemented this month' }, unit: { vi: 'tỷ đồng', en: 'bn VND' }, type: 'number', min: 0, max: 20000 },
      projects_active: { name: { vi: 'Dự án đang triển khai', en: 'Projects under way' }, unit: PROJECTS, type: 'integer', min: 0, max: 5000, required: true },
      projects_new: { name: { vi: 'Dự án cấp mới trong tháng', en: 'Projects licensed this month' }, unit: PROJECTS, type: 'integer', min: 0, max: 500 },
      projects_completed: { name: { vi: 'Dự án hoàn thành, đi vào hoạt động', en: 'Projects completed and operating' }, unit: PROJECTS, type: 'integer', min: 0, max: 500 },
      projects_behind_schedule: { name: { vi: 'Dự án chậm tiến độ', en: 'Projects behind schedule' }, unit: PROJECTS, type: 'integer', min: 0, max: 5000, required: true },
      notes: { name: { vi: 'Khó khăn, vướng mắc', en: 'Obstacles' }, type: 'text', consolidate: { fn: 'none' } },
    },
  },
};
