import type { LocalizedText } from '@ioc/sdk';
import { WALL_SCOPE, type DashboardScope, type RegisteredWidget, type WidgetOptions } from '../widgets/widget-types';

export interface WallTile {
  id: string;
  widget: string;
  title?: LocalizedText;
  /** 1-based grid column and row of the top-left cell, and the span in cells. */
  x: number;
  y: number;
  w: number;
  h: number;
  options?: WidgetOptions;
  /** Option version the tile was written for; absent = unknown, every migration runs. */
  optionsVersion?: number;
}

export interface WallLayout {
  id: string;
  grid: { columns: number; rows: number };
  tiles: WallTile[];
}

/**
 * Checks a layout against the grid and the widget registry: unknown widgets or option keys,
 * tiles outside the grid and overlapping tiles are layout bugs, reported all at once.
 */
export function validateWallLayout(
  layout: WallLayout,
  registry: ReadonlyMap<string, RegisteredWidget>,
  /** A module's page shows a placeholder for a widget the web app does not have yet. */
  { allowUnknownWidgets = false } = {},
): string[] {
  const errors: string[] = [];
  const { columns, rows } = layout.grid;
  const owner = new Map<string, string>();
  const ids = new Set<string>();
  for (const tile of layout.tiles) {
    if (ids.has(tile.id)) errors.push(`tile "${tile.id}" is defined twice`);
    ids.add(tile.id);
    const widget = registry.get(tile.widget);
    if (!widget) {
      if (!allowUnknownWidgets) errors.push(`tile "${tile.id}" uses unknown widget "${tile.widget}"`);
    } else {
      for (const key of Object.keys(migratedOptions(tile, widget))) {
        if (!(key in widget.manifest.defaults)) errors.push(`tile "${tile.id}": widget "${tile.widget}" has no option "${key}"`);
      }
    }
    const fits = tile.x >= 1 && tile.y >= 1 && tile.w >= 1 && tile.h >= 1 && tile.x + tile.w - 1 <= columns && tile.y + tile.h - 1 <= rows;
    if (!fits) {
      errors.push(`tile "${tile.id}" does not fit the ${columns}×${rows} grid`);
      continue;
    }
    for (let col = tile.x; col < tile.x + tile.w; col += 1) {
      for (let row = tile.y; row < tile.y + tile.h; row += 1) {
        const cell = `${col},${row}`;
        const other = owner.get(cell);
        if (other && other !== tile.id) {
          errors.push(`tiles "${other}" and "${tile.id}" overlap at column ${col}, row ${row}`);
          col = tile.x + tile.w; // one message per pair is enough
          break;
        }
        owner.set(cell, tile.id);
      }
    }
  }
  return errors;
}

/** The layout's options of a tile, lifted to the widget's current option version. */
export function migratedOptions(tile: Pick<WallTile, 'options' | 'optionsVersion'>, widget: RegisteredWidget): WidgetOptions {
  const options = tile.options ?? {};
  const { migrate, version } = widget.manifest;
  if (!migrate || (tile.optionsVersion !== undefined && tile.optionsVersion >= version)) return options;
  return migrate(options);
}

/** Defaults, then what the page's scope fills in, then the layout's own (migrated) options. */
export function tileOptions(tile: Pick<WallTile, 'options' | 'optionsVersion'>, widget: RegisteredWidget, scope: DashboardScope = WALL_SCOPE): WidgetOptions {
  return { ...widget.manifest.defaults, ...widget.manifest.fromScope?.(scope), ...migratedOptions(tile, widget) };
}
