import type { LocalizedText } from '@ioc/sdk';
import type { ComponentType } from 'react';
import type { WallDataState } from '../store/wall-data-store';

/** Options a wall layout may set on a tile; each widget's defaults fix the shape. */
export type WidgetOptions = Record<string, unknown>;

export interface WidgetManifest<O extends WidgetOptions> {
  id: string;
  name: LocalizedText;
  /** Every option with its default; a layout may override only these keys. */
  defaults: O;
}

/** The one props contract every widget implements (after Grafana's PanelProps). */
export interface WidgetProps<O extends WidgetOptions> {
  options: O;
  /** Size of the tile body in CSS pixels. */
  width: number;
  height: number;
  data: WallDataState;
  /** Call once the widget has drawn its data; the wall is ready when every tile has. */
  onReady: () => void;
}

export interface WidgetPlugin<O extends WidgetOptions> {
  manifest: WidgetManifest<O>;
  /** Lazy so a wall downloads only the widgets it shows (the map chunk is the big one). */
  load: () => Promise<{ default: ComponentType<WidgetProps<O>> }>;
}

/** A plugin with its option type erased, as the registry stores it. */
export interface RegisteredWidget {
  manifest: WidgetManifest<WidgetOptions>;
  load: () => Promise<{ default: ComponentType<WidgetProps<WidgetOptions>> }>;
}

/**
 * Erases the option type for the registry. Safe because the wall only ever passes
 * `{ ...defaults, ...tileOptions }` and layout validation rejects keys not in `defaults`.
 */
export function defineWidget<O extends WidgetOptions>(plugin: WidgetPlugin<O>): RegisteredWidget {
  return plugin as unknown as RegisteredWidget;
}
