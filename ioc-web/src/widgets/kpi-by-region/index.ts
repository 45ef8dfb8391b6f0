import type { KpiPeriod } from '@ioc/sdk';
import { kpiName } from '../../kpi/kpi-info';
import type { LocalizedText } from '@ioc/sdk';
import { defineWidget, type WidgetOptions } from '../widget-types';

/** "Dengue cases by area". */
export function byAreaTitle(name: LocalizedText | null): LocalizedText | null {
  return name && { vi: `${name.vi} theo địa bàn`, en: `${name.en} by area` };
}

/** Version 1 said `display: 'bars' | 'table'`; options already on `chart` pass unchanged. */
export function migrateKpiByRegion(options: WidgetOptions): WidgetOptions {
  if (!('display' in options)) return options;
  const { display, ...rest } = options;
  return 'chart' in rest ? rest : { ...rest, chart: display === 'table' ? 'table' : 'bar' };
}

export type KpiByRegionOptions = {
  /** KPI shown first, `{sector}.{key}`; the operator may pick another KPI of the sector. */
  kpi: string;
  /** Period when the page has none picked; null: the KPI's default. */
  period: KpiPeriod | null;
  /** Rows under the province: its districts, or every commune. A district always lists its communes. */
  level: 'district' | 'commune';
  /** Bars with the target marked, a pie of the areas' shares (for additive KPIs: counts, sums), or a plain table. */
  chart: 'bar' | 'pie' | 'table';
  /** Offer the sector's other KPIs in a picker. */
  pickKpi: boolean;
};

export const kpiByRegionWidget = defineWidget<KpiByRegionOptions>({
  manifest: {
    id: 'kpi-by-region',
    name: { vi: 'Chỉ tiêu theo địa bàn', en: 'Indicator by area' },
    defaults: { kpi: '', period: null, level: 'district', chart: 'bar', pickKpi: true },
    // 2: `display: 'bars' | 'table'` became `chart: 'bar' | 'pie' | 'table'`.
    version: 2,
    migrate: migrateKpiByRegion,
    title: (options, context) => byAreaTitle(kpiName(options.kpi, context)),
  },
  load: () => import('./KpiByRegion'),
});
