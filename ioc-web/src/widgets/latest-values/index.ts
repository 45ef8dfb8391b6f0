import { defineWidget } from '../widget-types';

export type LatestValuesOptions = {
  sector: string;
  kind: string;
  /** Metric columns, in order. */
  metrics: string[];
  /** Rows are sorted by this metric, highest first: the worst station leads. */
  sortMetric: string;
  /** Colours the sort metric's cells; only VN_AQI exists today. */
  colorScale: 'vn-aqi' | null;
  limit: number;
};

export const latestValuesWidget = defineWidget<LatestValuesOptions>({
  manifest: {
    id: 'latest-values',
    name: { vi: 'Giá trị mới nhất', en: 'Latest values' },
    defaults: {
      sector: 'environment',
      kind: 'air-station',
      metrics: ['aqi', 'pm25', 'temperature'],
      sortMetric: 'aqi',
      colorScale: 'vn-aqi',
      limit: 8,
    },
  },
  load: () => import('./LatestValues'),
});
