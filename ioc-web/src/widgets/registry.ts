import { incidentFocusWidget } from './incident-focus';
import { kpiByRegionWidget } from './kpi-by-region';
import { kpiTileWidget } from './kpi-tile';
import { kpiTrendWidget } from './kpi-trend';
import { latestValuesWidget } from './latest-values';
import { metricTrendWidget } from './metric-trend';
import { provinceMapWidget } from './province-map';
import { reportStatusWidget } from './report-status';
import { sourceStatusWidget } from './source-status';
import type { RegisteredWidget } from './widget-types';

/** Every widget a layout may reference, by id. */
export const widgetRegistry: ReadonlyMap<string, RegisteredWidget> = new Map(
  [
    provinceMapWidget,
    metricTrendWidget,
    sourceStatusWidget,
    latestValuesWidget,
    kpiTileWidget,
    kpiTrendWidget,
    kpiByRegionWidget,
    reportStatusWidget,
    incidentFocusWidget,
  ].map((w) => [w.manifest.id, w]),
);
