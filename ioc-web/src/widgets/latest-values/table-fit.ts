/** Pixel sizes of the values table as styles.css draws it (header of two lines, 21 px cells). */
export const TABLE_METRICS = { headerPx: 66, rowPx: 38, nameMinPx: 120, metricPx: 92, timePx: 72 };

export interface TableFit {
  rows: number;
  /** How many of the metric columns fit, in order. */
  metricColumns: number;
  showTime: boolean;
}

/**
 * What of the table fits the tile without scrolling or cut text: as many rows as the height
 * allows (at least one, at most `limit`), then the time column, then metric columns from the
 * right are dropped when the tile is narrow.
 */
export function fitTable(width: number, height: number, metricCount: number, limit: number): TableFit {
  const rows = Math.max(1, Math.min(limit, Math.floor((height - TABLE_METRICS.headerPx) / TABLE_METRICS.rowPx)));
  const forMetrics = width - TABLE_METRICS.nameMinPx;
  const withTime = Math.floor((forMetrics - TABLE_METRICS.timePx) / TABLE_METRICS.metricPx);
  if (withTime >= metricCount) return { rows, metricColumns: metricCount, showTime: true };
  return { rows, metricColumns: Math.max(1, Math.min(metricCount, Math.floor(forMetrics / TABLE_METRICS.metricPx))), showTime: false };
}
