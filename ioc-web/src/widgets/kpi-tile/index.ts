import type { KpiPeriod } from '@ioc/sdk';
import { kpiName } from '../../kpi/kpi-info';
import { defineWidget } from '../widget-types';

export type KpiTileOptions = {
  /** KPI id, `{sector}.{key}`. */
  kpi: string;
  /** Period shown; null follows the page's period (or the KPI's default). */
  period: KpiPeriod | null;
};

export const kpiTileWidget = defineWidget<KpiTileOptions>({
  manifest: {
    id: 'kpi-tile',
    name: { vi: 'Chỉ tiêu', en: 'Indicator' },
    defaults: { kpi: '', period: null },
    version: 1,
    title: (options, context) => kpiName(options.kpi, context),
  },
  load: () => import('./KpiTile'),
});
