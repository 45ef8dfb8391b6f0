import type { KpiDefinition, KpiPeriod } from '@ioc/sdk';

const CALENDAR: KpiPeriod[] = ['day', 'month', 'quarter', 'year'];
const ALL: KpiPeriod[] = ['realtime', 'day', 'month', 'quarter', 'year'];
const MONTHLY: KpiPeriod[] = ['month', 'quarter', 'year'];
const CASES = { vi: 'ca', en: 'cases' };
const CHILDREN = { vi: 'trẻ', en: 'children' };
const BEDS = { vi: 'giường', en: 'beds' };

/** A hospital counter that restarts at local midnight: the day's maximum per hospital, added up. */
const dailyCounter = (metric: string) => ({ kind: 'stream' as const, sourceKind: 'hospital', metric, perSource: 'max' as const, aggregate: 'sum' as const });

export const kpis: Record<string, KpiDefinition> = {
  daily_visits: {
    ...dailyCounter('visits_today'),
    name: { vi: 'Lượt khám, chữa bệnh', en: 'Examination and treatment visits' },
    unit: { vi: 'lượt', en: 'visits' },
    direction: 'none',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'activity',
    forecast: 'pace',
  },
  emergency_patients: {
    ...dailyCounter('emergency_today'),
    name: { vi: 'Bệnh nhân cấp cứu', en: 'Emergency patients' },
    unit: CASES,
    direction: 'none',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'activity',
  },
  poisoning_patients: {
    ...dailyCounter('poisoning_today'),
    name: { vi: 'Bệnh nhân ngộ độc', en: 'Poisoning patients' },
    unit: CASES,
    direction: 'lower',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'activity',
  },
  deaths: {
    ...dailyCounter('deaths_today'),
    name: { vi: 'Tử vong tại cơ sở y tế', en: 'Deaths in health facilities' },
    unit: { vi: 'người', en: 'deaths' },
    direction: 'lower',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'activity',
  },
  beds_occupied: {
    kind: 'stream',
    sourceKind: 'hospital',
    metric: 'beds_occupied',
    // Each hospital's mean census of the day, added up: beds in use now (realtime) or on an
    // average day (day); over a month or longer the sum is bed-days, the denominator's twin.
    perSource: 'avg',
    aggregate: 'sum',
    name: { vi: 'Giường bệnh đang sử dụng', en: 'Beds occupied' },
    description: {
      vi: 'Số giường có bệnh nhân (tháng, quý, năm: tổng ngày giường sử dụng).',
      en: 'Beds with a patient (month, quarter, year: bed-days used).',
    },
    unit: BEDS,
    direction: 'none',
    periods: ALL,
    rollup: { fn: 'sum' },
    group: 'capacity',
    forecast: 'trend',
  },
  beds_total: {
    kind: 'stream',
    sourceKind: 'hospital',
    metric: 'beds_total',
    perSource: 'avg',
    aggregate: 'sum',
    name: { vi: 'Giường bệnh kế hoạch', en: 'Beds in service' },
    description: {
      vi: 'Giường bệnh của các cơ sở đang báo cáo (tháng, quý, năm: tổng ngày giường).',
      en: 'Beds of the reporting facilities (month, quarter, year: bed-days available).',
    },
    unit: BEDS,
    direction: 'none',
    periods: ALL,
    rollup: { fn: 'sum' },
    group: 'capacity',
    forecast: 'trend',
  },
  bed_occupancy: {
    kind: 'derived',
    formula: '100 * beds_occupied / beds_total',
    name: { vi: 'Công suất sử dụng giường bệnh', en: 'Bed occupancy' },
    unit: '%',
    direction: 'lower',
    periods: ALL,
    rollup: { fn: 'formula' },
    decimals: 1,
    group: 'capacity',
    // Ministry of Health guidance: above 90 % a hospital is overloaded (Bình Phước's provincial hospital often is).
    targets: ALL.map((period) => ({ period, value: 90 })),
  },
  icu_free: {
    kind: 'stream',
    sourceKind: 'hospital',
    metric: 'icu_free',
    perSource: 'last',
    aggregate: 'sum',
    windowS: 900,
    name: { vi: 'Giường hồi sức tích cực còn trống', en: 'Free ICU beds' },
    unit: BEDS,
    direction: 'higher',
    periods: ['realtime'],
    rollup: { fn: 'sum' },
    group: 'capacity',
    targets: [{ period: 'realtime', value: 10, level: 'province' }],
  },
  dengue_cases: {
    kind: 'submitted',
    report: 'communicable_weekly',
    field: 'dengue_cases',
    accumulate: 'sum',
    name: { vi: 'Ca mắc sốt xuất huyết', en: 'Dengue cases' },
    unit: CASES,
    direction: 'lower',
    periods: MONTHLY,
    rollup: { fn: 'sum' },
    group: 'epidemics',
    targets: [{ period: 'year', value: 1500, level: 'province' }],
  },
  hfmd_cases: {
    kind: 'submitted',
    report: 'communicable_weekly',
    field: 'hfmd_cases',
    accumulate: 'sum',
    name: { vi: 'Ca mắc tay chân miệng', en: 'Hand, foot and mouth disease cases' },
    unit: CASES,
    direction: 'lower',
    periods: MONTHLY,
    rollup: { fn: 'sum' },
    group: 'epidemics',
    targets: [{ period: 'year', value: 1200, level: 'province' }],
  },
  measles_cases: {
    kind: 'submitted',
    report: 'communicable_weekly',
    field: 'measles_cases',
    accumulate: 'sum',
    name: { vi: 'Ca mắc sởi', en: 'Measles cases' },
    unit: CASES,
    direction: 'lower',
    periods: MONTHLY,
    rollup: { fn: 'sum' },
    group: 'epidemics',
  },
  children_fully_immunised: {
    kind: 'submitted',
    report: 'epi_monthly',
    field: 'fully_immunised',
    accumulate: 'sum',
    name: { vi: 'Trẻ dưới 1 tuổi được tiêm chủng đầy đủ', en: 'Children under 1 fully immunised' },
    unit: CHILDREN,
    direction: 'higher',
    periods: MONTHLY,
    rollup: { fn: 'sum' },
    group: 'immunisation',
  },
  immunisation_target_children: {
    kind: 'submitted',
    report: 'epi_monthly',
    field: 'target_children',
    accumulate: 'sum',
    name: { vi: 'Trẻ dưới 1 tuổi thuộc đối tượng tiêm chủng', en: 'Children under 1 due for immunisation' },
    unit: CHILDREN,
    direction: 'none',
    periods: MONTHLY,
    rollup: { fn: 'sum' },
    group: 'immunisation',
  },
  immunisation_coverage: {
    kind: 'derived',
    formula: '100 * children_fully_immunised / immunisation_target_children',
    name: { vi: 'Tỷ lệ tiêm chủng đầy đủ cho trẻ dưới 1 tuổi', en: 'Full immunisation coverage (under 1)' },
    unit: '%',
    direction: 'higher',
    periods: MONTHLY,
    rollup: { fn: 'formula' },
    decimals: 1,
    group: 'immunisation',
    // Expanded Programme on Immunisation: at least 95 % of children fully immunised.
    targets: MONTHLY.map((period) => ({ period, value: 95 })),
  },
  risk_level: {
    kind: 'derived',
    // Levels 1 (low) … 4 (very high) as in Resolution 128/NQ-CP: one step up for a monthly
    // incidence of 20 and of 100 cases per 100,000 people, one for immunisation coverage below
    // 90 %, one for hospital beds above 95 % (communes without a hospital count as not stretched).
    formula:
      'clamp(1 + (100000 * (dengue_cases + hfmd_cases + measles_cases) / administration.population >= 20)' +
      ' + (100000 * (dengue_cases + hfmd_cases + measles_cases) / administration.population >= 100)' +
      ' + (coalesce(immunisation_coverage, 100) < 90) + (coalesce(bed_occupancy, 0) > 95), 1, 4)',
    name: { vi: 'Cấp độ nguy cơ dịch bệnh', en: 'Epidemic risk level' },
    description: {
      vi: 'Cấp 1 (thấp) đến 4 (rất cao) theo số ca mắc trên 100.000 dân, tỷ lệ tiêm chủng và công suất giường bệnh.',
      en: 'Level 1 (low) to 4 (very high) from cases per 100,000 people, immunisation coverage and bed occupancy.',
    },
    unit: { vi: 'cấp', en: 'level' },
    direction: 'lower',
    periods: ['month'],
    rollup: { fn: 'formula' },
    group: 'epidemics',
    targets: [{ period: 'month', value: 2 }],
    forecast: 'none',
  },
};
