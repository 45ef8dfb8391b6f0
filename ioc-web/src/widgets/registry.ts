import { incidentFocusWidget } from './incident-focus';
import { alertListWidget } from './alert-list';
import { incidentQueueWidget } from './incident-queue';
import { kpiByRegionWidget } from './kpi-by-region';
import { kpiTileWidget } from './kpi-tile';
import { kpiTrendWidget } from './kpi-trend';
import { latestValuesWidget } from './latest-values';
import { metricTrendWidget } from './metric-trend';
import { provinceMapWidget } from './province-map';
import { reportStatusWidget } from './report-status';
import { sourceStatusWidget } from './source-status';
import { unitListWidget } from './unit-list';
import type { RegisteredWidget } from './widget-types';
// Showcase set (camera pictures, gauge, ranking, field-report SLA, clock).
import { cameraTileWidget } from './camera-tile';
import { feedbackSlaWidget } from './feedback-sla';
import { gaugeWidget } from './gauge';
import { headerClockWidget } from './header-clock';
import { rankingTableWidget } from './ranking-table';

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
    incidentQueueWidget,
    alertListWidget,
    unitListWidget,
    cameraTileWidget,
    gaugeWidget,
    rankingTableWidget,
    feedbackSlaWidget,
    headerClockWidget,
  ].map((w) => [w.manifest.id, w]),
);
