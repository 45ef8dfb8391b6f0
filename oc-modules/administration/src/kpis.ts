import type { KpiDefinition, KpiPeriod, SubmittedKpi } from '@ioc/sdk';

const CALENDAR: KpiPeriod[] = ['day', 'month', 'quarter', 'year'];
const MONTHLY: KpiPeriod[] = ['month', 'quarter', 'year'];
const PEOPLE = { vi: 'người', en: 'people' };
const HOUSEHOLDS = { vi: 'hộ', en: 'households' };
const DOSSIERS = { vi: 'hồ sơ', en: 'dossiers' };

/** A stock from the communes' monthly population statistics: the latest month stands for a longer period. */
const stock = (field: string, name: SubmittedKpi['name'], unit: SubmittedKpi['unit'], group: string, direction: SubmittedKpi['direction'] = 'none'): SubmittedKpi => ({
  kind: 'submitted',
  report: 'population_monthly',
  field,
  accumulate: 'last',
  name,
  unit,
  direction,
  periods: MONTHLY,
  rollup: { fn: 'sum' },
  group,
  forecast: 'none',
});
const counter = (sourceKind: string, metric: string) => ({ kind: 'stream' as const, sourceKind, metric, perSource: 'max' as const, aggregate: 'sum' as const });

export const kpis: Record<string, KpiDefinition> = {
  population: stock('population', { vi: 'Dân số', en: 'Population' }, PEOPLE, 'population'),
  households: stock('households', { vi: 'Số hộ gia đình', en: 'Households' }, HOUSEHOLDS, 'population'),
  males: stock('males', { vi: 'Dân số nam', en: 'Male population' }, PEOPLE, 'population'),
  females: stock('females', { vi: 'Dân số nữ', en: 'Female population' }, PEOPLE, 'population'),
  sex_ratio: {
    kind: 'derived',
    formula: '100 * males / females',
    name: { vi: 'Tỷ số giới tính (nam/100 nữ)', en: 'Sex ratio (males per 100 females)' },
    unit: { vi: 'nam/100 nữ', en: 'males/100 females' },
    direction: 'none',
    periods: MONTHLY,
    rollup: { fn: 'formula' },
    decimals: 1,
    group: 'population',
    forecast: 'none',
  },
  military_age: stock('military_age_men', { vi: 'Nam trong độ tuổi thực hiện nghĩa vụ quân sự', en: 'Men of military-service age' }, PEOPLE, 'population'),
  poor_households: stock('poor_households', { vi: 'Hộ nghèo', en: 'Poor households' }, HOUSEHOLDS, 'poverty', 'lower'),
  near_poor_households: stock('near_poor_households', { vi: 'Hộ cận nghèo', en: 'Near-poor households' }, HOUSEHOLDS, 'poverty', 'lower'),
  poor_household_rate: {
    kind: 'derived',
    formula: '100 * poor_households / households',
    name: { vi: 'Tỷ lệ hộ nghèo (đa chiều)', en: 'Poor-household rate (multidimensional)' },
    unit: '%',
    direction: 'lower',
    periods: MONTHLY,
    rollup: { fn: 'formula' },
    decimals: 2,
    group: 'poverty',
    forecast: 'none',
    // The province's plan brings the multidimensional poverty rate under about 1 %.
    targets: MONTHLY.map((period) => ({ period, value: 1 })),
  },
  dossiers_received: {
    ...counter('one-stop-desk', 'dossiers_received_today'),
    name: { vi: 'Hồ sơ thủ tục hành chính tiếp nhận', en: 'Administrative dossiers received' },
    unit: DOSSIERS,
    direction: 'none',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'procedures',
    forecast: 'pace',
  },
  dossiers_resolved: {
    ...counter('one-stop-desk', 'dossiers_resolved_today'),
    name: { vi: 'Hồ sơ thủ tục hành chính đã giải quyết', en: 'Administrative dossiers resolved' },
    unit: DOSSIERS,
    direction: 'higher',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'procedures',
    forecast: 'pace',
  },
  dossiers_resolved_in_time: {
    ...counter('one-stop-desk', 'dossiers_resolved_in_time_today'),
    name: { vi: 'Hồ sơ giải quyết đúng hạn', en: 'Dossiers resolved in time' },
    unit: DOSSIERS,
    direction: 'higher',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'procedures',
    forecast: 'pace',
  },
  procedures_on_time_rate: {
    kind: 'derived',
    formula: '100 * dossiers_resolved_in_time / dossiers_resolved',
    name: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'Procedures resolved on time' },
    unit: '%',
    direction: 'higher',
    periods: CALENDAR,
    rollup: { fn: 'formula' },
    decimals: 1,
    group: 'procedures',
    targets: CALENDAR.map((period) => ({ period, value: 98 })),
  },
  documents_issued: {
    ...counter('document-system', 'documents_out_today'),
    name: { vi: 'Văn bản đi', en: 'Documents issued' },
    unit: { vi: 'văn bản', en: 'documents' },
    direction: 'none',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'documents',
    forecast: 'pace',
  },
  documents_signed_digitally: {
    ...counter('document-system', 'documents_signed_digitally_today'),
    name: { vi: 'Văn bản đi ký số', en: 'Documents signed digitally' },
    unit: { vi: 'văn bản', en: 'documents' },
    direction: 'higher',
    periods: CALENDAR,
    rollup: { fn: 'sum' },
    group: 'documents',
    forecast: 'pace',
  },
};
