import type { ReportField, ReportTemplate } from '@ioc/sdk';

const CHILDREN = { vi: 'trẻ', en: 'children' };
const CASES = { vi: 'ca', en: 'cases' };

const children = (vi: string, en: string, required = false): ReportField => ({ name: { vi, en }, unit: CHILDREN, type: 'integer', min: 0, max: 2000, required });
const cases = (vi: string, en: string, max = 1000): ReportField => ({ name: { vi, en }, unit: CASES, type: 'integer', min: 0, max, required: true });

export const reports: Record<string, ReportTemplate> = {
  epi_monthly: {
    name: { vi: 'Báo cáo tiêm chủng mở rộng hằng tháng', en: 'Monthly expanded immunisation report' },
    description: {
      vi: 'Trạm y tế xã/phường báo cáo trẻ dưới 1 tuổi được tiêm chủng trong tháng.',
      en: 'Commune health stations report the month’s immunisation of children under 1.',
    },
    period: 'month',
    level: 'commune',
    dueDays: 5,
    department: { vi: 'Trung tâm Kiểm soát bệnh tật tỉnh', en: 'Provincial Centre for Disease Control' },
    fields: {
      target_children: children('Trẻ dưới 1 tuổi cần tiêm chủng trong tháng', 'Children under 1 expected this month', true),
      fully_immunised: children('Trẻ dưới 1 tuổi được tiêm chủng đầy đủ', 'Children under 1 fully immunised', true),
      hepb_birth_24h: children('Trẻ sơ sinh tiêm viêm gan B trong 24 giờ', 'Newborns given hepatitis B within 24 h'),
      penta3: children('Trẻ tiêm DPT-VGB-Hib mũi 3', 'Children given DTP-HepB-Hib dose 3'),
      opv3: children('Trẻ uống bOPV lần 3', 'Children given bOPV dose 3'),
      measles_dose1: children('Trẻ 9 tháng tiêm sởi mũi 1', 'Children (9 months) given measles dose 1'),
      mr_dose: children('Trẻ 18 tháng tiêm sởi – rubella', 'Children (18 months) given measles–rubella'),
      dpt4: children('Trẻ 18 tháng tiêm DPT mũi 4', 'Children (18 months) given DTP dose 4'),
      aefi_serious: { name: { vi: 'Phản ứng nặng sau tiêm chủng', en: 'Serious adverse events after immunisation' }, unit: CASES, type: 'integer', min: 0, max: 100 },
    },
  },
  communicable_weekly: {
    name: { vi: 'Báo cáo tuần bệnh truyền nhiễm', en: 'Weekly communicable-disease report' },
    description: {
      vi: 'Ca mắc bệnh truyền nhiễm trong tuần theo Thông tư 20/2019/TT-BYT (giám sát bệnh truyền nhiễm).',
      en: 'Communicable-disease cases of the week under MOH Circular 20/2019 (disease surveillance).',
    },
    period: 'week',
    level: 'commune',
    dueDays: 2,
    department: { vi: 'Trung tâm Kiểm soát bệnh tật tỉnh', en: 'Provincial Centre for Disease Control' },
    fields: {
      dengue_cases: cases('Sốt xuất huyết Dengue', 'Dengue'),
      hfmd_cases: cases('Tay chân miệng', 'Hand, foot and mouth disease'),
      measles_cases: cases('Sởi', 'Measles'),
      chickenpox_cases: cases('Thủy đậu', 'Chickenpox'),
      diarrhoea_cases: cases('Tiêu chảy', 'Diarrhoea'),
      other_cases: cases('Bệnh truyền nhiễm khác', 'Other notifiable diseases'),
      deaths: { name: { vi: 'Tử vong do bệnh truyền nhiễm', en: 'Deaths from communicable diseases' }, unit: { vi: 'người', en: 'deaths' }, type: 'integer', min: 0, max: 100, required: true },
    },
  },
};
