import type { KpiInfo, KpiPeriod, LocalizedText, SectorManifest } from '@ioc/sdk';
import type { ComponentType } from 'react';
import type { LiveClient } from '../live/live-client';
import type { RegionTree } from '../regions/region-tree';
import type { KpiDataState } from '../store/kpi-store';
import type { WallDataState } from '../store/wall-data-store';

/** Options a layout may set on a tile; each widget's defaults fix the shape. */
export type WidgetOptions = Record<string, unknown>;

/**
 * What the page around a tile is about (after Grafana's time range): a sector OC page sets its
 * sector, the region the operator drilled to and the period picked; the cross-sector wall none.
 */
export interface DashboardScope {
  sector: string | null;
  /** Region every KPI widget shows; null = the province. */
  regionId: string | null;
  /** Period chosen on the page; null = each widget's own (from its options or its KPI). */
  period: KpiPeriod | null;
  /** The administrative tree, once loaded (names, drill-down). */
  regions: RegionTree | null;
}

export const WALL_SCOPE: DashboardScope = { sector: null, regionId: null, period: null, regions: null };

export interface TitleContext {
  sectors: ReadonlyMap<string, SectorManifest>;
  kpis: ReadonlyMap<string, KpiInfo>;
}

export interface WidgetManifest<O extends WidgetOptions> {
  id: string;
  name: LocalizedText;
  /** Every option with its default; a layout may override only these keys. */
  defaults: O;
  /** Version of the option shape. A layout tile may say which version it was written for. */
  version: number;
  /**
   * Lifts a layout's options written for an older version to this one. Layouts shipped by modules
   * carry no version, so a migration must leave options that are already current unchanged.
   */
  migrate?: (options: WidgetOptions) => WidgetOptions;
  /** Options the page fills from its scope when the layout leaves them out (a sector OC page's sector). */
  fromScope?: (scope: DashboardScope) => Partial<O>;
  /** The tile title when the layout gives none (a KPI tile shows the KPI's name). */
  title?: (options: O, context: TitleContext) => LocalizedText | null;
}

/** The one props contract every widget implements (after Grafana's PanelProps). */
export interface WidgetProps<O extends WidgetOptions> {
  options: O;
  /** Size of the tile body in CSS pixels. */
  width: number;
  height: number;
  /** Sectors, sources and their latest values. */
  data: WallDataState;
  /** Sector, region and period of the page. */
  scope: DashboardScope;
  /** KPI definitions and the scope region's current values (empty on the wall). */
  kpis: KpiDataState;
  /** Call once the widget has drawn its data (or its "no data" message); the page is ready when every tile has. */
  onReady: () => void;
  /** Replaces the tile title while the widget shows something else than its options say (null: back to the default). */
  onTitleChange: (title: LocalizedText | null) => void;
  /** The page's live connection, for widgets that follow topics of their own (alerts, incidents, units); absent: the widget opens a shared one. */
  live?: LiveClient;
}

export interface WidgetPlugin<O extends WidgetOptions> {
  manifest: WidgetManifest<O>;
  /** Lazy so a page downloads only the widgets it shows (the map chunk is the big one). */
  load: () => Promise<{ default: ComponentType<WidgetProps<O>> }>;
}

/** A plugin with its option type erased, as the registry stores it. */
export interface RegisteredWidget {
  manifest: WidgetManifest<WidgetOptions>;
  load: () => Promise<{ default: ComponentType<WidgetProps<WidgetOptions>> }>;
}

/**
 * Erases the option type for the registry. Safe because pages only ever pass
 * `{ ...defaults, ...fromScope, ...migrate(tileOptions) }` and layout validation rejects keys not in `defaults`.
 */
export function defineWidget<O extends WidgetOptions>(plugin: WidgetPlugin<O>): RegisteredWidget {
  return plugin as unknown as RegisteredWidget;
}
