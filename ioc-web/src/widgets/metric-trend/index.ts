import { renameOption } from '../option-migrations';
import { defineWidget } from '../widget-types';

export type MetricTrendOptions = {
  sector: string;
  sourceKind: string;
  metric: string;
  /** How the sources' values combine into one line: mean (PM2.5) or sum (vehicle flow). */
  aggregate: 'mean' | 'sum';
  minutes: number;
  /** Caps the number of /series requests at load. */
  maxSources: number;
  color: string;
};

export const metricTrendWidget = defineWidget<MetricTrendOptions>({
  manifest: {
    id: 'metric-trend',
    name: { vi: 'Xu hướng chỉ số', en: 'Metric trend' },
    defaults: {
      sector: 'environment',
      sourceKind: 'air-station',
      metric: 'pm25',
      aggregate: 'mean',
      minutes: 60,
      maxSources: 30,
      color: '#22d3ee',
    },
    // v2 named the source kind `sourceKind`, as the module dashboards do (v1: `kind`).
    version: 2,
    migrate: (options) => renameOption(options, 'kind', 'sourceKind'),
    fromScope: (scope) => (scope.sector ? { sector: scope.sector } : {}),
    title: (options, { sectors }) => {
      const metric = sectors.get(options.sector)?.sourceKinds[options.sourceKind]?.metrics[options.metric];
      return metric ? metric.name : null;
    },
  },
  load: () => import('./MetricTrend'),
});
