/**
 * Dashboard layouts a module ships: widgets by id + options only (the web's widget registry
 * knows how to draw them). Positions are grid cells of a 12-column layout.
 */
import type { LocalizedText } from './manifest.js';

export interface WidgetPlacement {
  /** Widget id in ioc-web's registry (`kpi-tile`, `metric-trend`, `province-map`, ...). */
  widget: string;
  /** Widget options; validated by the widget's own manifest in the web app. */
  options?: Record<string, unknown>;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardLayout {
  title: LocalizedText;
  /** Grid rows of the layout (columns are 12). */
  rows: number;
  widgets: WidgetPlacement[];
}
