import type { ReportField, ReportTemplate } from '@ioc/sdk';

const cases = (vi: string, en: string, required = true): ReportField => ({ name: { vi, en }, unit: { vi: 'vụ', en: 'cases' }, type: 'integer', min: 0, max: 1000, required });

export const reports: Record<string, ReportTemplate> = {
  public_order_monthly: {
    name: { vi: 'Báo cáo tình hình an ninh trật tự tháng', en: 'Monthly public-order report' },
    description: {
      vi: 'Công an cấp huyện báo cáo phạm pháp hình sự, ma túy, cháy nổ và tụ tập đông người trên địa bàn.',
      en: 'District police report crime, drug cases, fires and gatherings in the district.',
    },
    period: 'month',
    level: 'district',
    dueDays: 5,
    department: { vi: 'Công an tỉnh', en: 'Provincial Police' },
    fields: {
      criminal_cases: cases('Vụ phạm pháp hình sự', 'Criminal cases'),
      cases_solved: cases('Vụ đã điều tra làm rõ', 'Cases solved'),
      drug_cases: cases('Vụ vi phạm về ma túy', 'Drug cases'),
      fires: cases('Vụ cháy', 'Fires'),
      explosions: cases('Vụ nổ', 'Explosions', false),
      gatherings: cases('Vụ tụ tập đông người, khiếu kiện đông người', 'Mass gatherings and petitions', false),
      fire_damage_mvnd: { name: { vi: 'Thiệt hại do cháy nổ', en: 'Fire and explosion damage' }, unit: { vi: 'triệu đồng', en: 'million VND' }, type: 'number', min: 0, max: 1000000 },
    },
  },
};
