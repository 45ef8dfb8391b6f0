import type { KpiPeriod } from '@ioc/sdk';
import { kpiName } from '../../kpi/kpi-info';
import { defineWidget } from '../widget-types';

export type KpiTrendOptions = {
  /** KPI id, `{sector}.{key}`. */
  kpi: string;
  /**
   * Granularity of the line: the stored value of each day/month/quarter/year, or `realtime` for
   * the minutes of the last hours (stream KPIs). Null: the KPI's default. The page's period does
   * not change it; the line's resolution is a layout choice.
   */
  period: KpiPeriod | null;
  /** How many periods back the line reaches; null: 30 days, 12 months, 8 quarters, 5 years, 3 hours. */
  count: number | null;
  color: string;
};

export const kpiTrendWidget = defineWidget<KpiTrendOptions>({
  manifest: {
    id: 'kpi-trend',
    name: { vi: 'Diễn biến chỉ tiêu', en: 'Indicator trend' },
    defaults: { kpi: '', period: null, count: null, color: '#22d3ee' },
    version: 1,
    title: (options, context) => kpiName(options.kpi, context),
  },
  load: () => import('./KpiTrend'),
});
