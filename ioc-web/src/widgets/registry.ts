import { latestValuesWidget } from './latest-values';
import { metricTrendWidget } from './metric-trend';
import { provinceMapWidget } from './province-map';
import { sourceStatusWidget } from './source-status';
import type { RegisteredWidget } from './widget-types';

/** Every widget a wall layout may reference, by id. */
export const widgetRegistry: ReadonlyMap<string, RegisteredWidget> = new Map(
  [provinceMapWidget, metricTrendWidget, sourceStatusWidget, latestValuesWidget].map((w) => [w.manifest.id, w]),
);
