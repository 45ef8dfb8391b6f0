import { renameOption } from '../option-migrations';
import { defineWidget } from '../widget-types';

export type LatestValuesOptions = {
  sector: string;
  sourceKind: string;
  /** Metric columns, in order (the first ones are kept when the tile is narrow). */
  metrics: string[];
  /** Rows are sorted by this metric, highest first: the worst station leads. Not among `metrics`: the first metric. */
  sortMetric: string;
  /** Colours the `aqi` column by VN_AQI band; only VN_AQI exists today. */
  colorScale: 'vn-aqi' | null;
  /** Most rows shown; fewer when the tile is too low for them. */
  limit: number;
};

export const latestValuesWidget = defineWidget<LatestValuesOptions>({
  manifest: {
    id: 'latest-values',
    name: { vi: 'Giá trị mới nhất', en: 'Latest values' },
    defaults: {
      sector: 'environment',
      sourceKind: 'air-station',
      metrics: ['aqi', 'pm25', 'temperature'],
      sortMetric: 'aqi',
      colorScale: 'vn-aqi',
      limit: 8,
    },
    // v2 named the source kind `sourceKind`, as the module dashboards do (v1: `kind`).
    version: 2,
    migrate: (options) => renameOption(options, 'kind', 'sourceKind'),
    fromScope: (scope) => (scope.sector ? { sector: scope.sector } : {}),
    title: (options, { sectors }) => sectors.get(options.sector)?.sourceKinds[options.sourceKind]?.name ?? null,
  },
  load: () => import('./LatestValues'),
});
