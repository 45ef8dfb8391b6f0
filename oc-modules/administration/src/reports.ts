import type { ReportField, ReportTemplate } from '@ioc/sdk';

const PEOPLE = { vi: 'người', en: 'people' };
const HOUSEHOLDS = { vi: 'hộ', en: 'households' };
const integer = (vi: string, en: string, unit: ReportField['unit'], max: number, required = true): ReportField => ({ name: { vi, en }, unit, type: 'integer', min: 0, max, required });

export const reports: Record<string, ReportTemplate> = {
  population_monthly: {
    name: { vi: 'Thống kê dân cư, hộ gia đình tháng', en: 'Monthly population and household statistics' },
    description: {
      vi: 'Xã, phường cập nhật dân số, hộ gia đình, hộ nghèo, cận nghèo và nam trong độ tuổi nghĩa vụ quân sự (đúng, đủ, sạch, sống).',
      en: 'Communes update population, households, poor and near-poor households and men of military-service age (correct, complete, clean, live).',
    },
    period: 'month',
    level: 'commune',
    dueDays: 5,
    department: { vi: 'Văn phòng UBND tỉnh', en: 'Provincial People’s Committee Office' },
    fields: {
      population: integer('Dân số', 'Population', PEOPLE, 200000),
      households: integer('Số hộ gia đình', 'Households', HOUSEHOLDS, 60000),
      males: integer('Nam', 'Males', PEOPLE, 100000),
      females: integer('Nữ', 'Females', PEOPLE, 100000),
      temporary_residents: integer('Người tạm trú', 'Temporary residents', PEOPLE, 50000, false),
      poor_households: integer('Hộ nghèo', 'Poor households', HOUSEHOLDS, 10000),
      near_poor_households: integer('Hộ cận nghèo', 'Near-poor households', HOUSEHOLDS, 10000),
      military_age_men: integer('Nam trong độ tuổi thực hiện nghĩa vụ quân sự (18–27)', 'Men of military-service age (18–27)', PEOPLE, 20000),
      births: integer('Số trẻ sinh trong tháng', 'Births this month', PEOPLE, 1000, false),
      deaths: integer('Số người chết trong tháng', 'Deaths this month', PEOPLE, 1000, false),
    },
  },
};
