import type { DashboardLayout } from '@ioc/sdk';
import { validateWallLayout, type WallLayout, type WallTile } from '../walls/wall-layout';
import type { RegisteredWidget } from '../widgets/widget-types';

/** Columns of a module dashboard (DashboardLayout positions are cells of a 12-column grid). */
export const OC_COLUMNS = 12;

export interface OcTile extends WallTile {
  /** The widget is not in the web app yet: the tile shows a small "not available yet" note. */
  missingWidget: boolean;
}

export interface OcGrid {
  grid: { columns: number; rows: number };
  tiles: OcTile[];
  /** Layout mistakes (tiles outside the grid, overlaps, unknown options), for the console. */
  problems: string[];
}

/**
 * A module's dashboard as the page's grid: tiles get stable ids (`kpi-tile-3`), widgets the web
 * app does not have become placeholders instead of failing the page, and the layout is checked
 * like a wall's.
 */
export function ocLayoutToGrid(layout: DashboardLayout, registry: ReadonlyMap<string, RegisteredWidget>): OcGrid {
  const tiles: OcTile[] = layout.widgets.map((placement, index) => ({
    id: `${placement.widget}-${index + 1}`,
    widget: placement.widget,
    x: placement.x,
    y: placement.y,
    w: placement.w,
    h: placement.h,
    ...(placement.options ? { options: placement.options } : {}),
    missingWidget: !registry.has(placement.widget),
  }));
  const lowest = tiles.reduce((max, tile) => Math.max(max, tile.y + tile.h - 1), 0);
  const grid = { columns: OC_COLUMNS, rows: Math.max(1, layout.rows, lowest) };
  const wall: WallLayout = { id: 'oc', grid: { columns: OC_COLUMNS, rows: layout.rows }, tiles };
  return { grid, tiles, problems: validateWallLayout(wall, registry, { allowUnknownWidgets: true }) };
}
