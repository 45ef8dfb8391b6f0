import { defineWidget } from '../widget-types';

export type MetricTrendOptions = {
  sector: string;
  kind: string;
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
      kind: 'air-station',
      metric: 'pm25',
      aggregate: 'mean',
      minutes: 60,
      maxSources: 30,
      color: '#22d3ee',
    },
  },
  load: () => import('./MetricTrend'),
});
