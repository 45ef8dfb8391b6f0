import type { KpiPeriod } from '@ioc/sdk';
import { kpiName } from '../../kpi/kpi-info';
import { defineWidget } from '../widget-types';

export type GaugeOptions = {
  /** KPI id, `{sector}.{key}`. */
  kpi: string;
  /** Period shown; null follows the page's period (or the KPI's default). */
  period: KpiPeriod | null;
  /** Dial ends; null: 0 and a round number past the value and target (100 for a percentage). */
  min: number | null;
  max: number | null;
};

export const gaugeWidget = defineWidget<GaugeOptions>({
  manifest: {
    id: 'gauge',
    name: { vi: 'Đồng hồ chỉ tiêu', en: 'Indicator gauge' },
    defaults: { kpi: '', period: null, min: null, max: null },
    version: 1,
    title: (options, context) => kpiName(options.kpi, context),
  },
  load: () => import('./Gauge'),
});
