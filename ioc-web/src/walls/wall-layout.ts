import { checkWallGeometry, type WallLayoutSpec, type WallTileSpec } from '@ioc/sdk';
import { WALL_SCOPE, type DashboardScope, type RegisteredWidget, type WidgetOptions } from '../widgets/widget-types';

/** A tile of a wall layout (the wire shape, `@ioc/sdk` walls). */
export type WallTile = WallTileSpec;
export type WallLayout = WallLayoutSpec;

/**
 * Checks a layout: its geometry (grid, overlaps, screens, scenes — the same check the server runs
 * when a layout is saved) and, what only the web app can tell, that every tile of every scene uses
 * a known widget with known options. Reported all at once.
 */
export function validateWallLayout(
  layout: WallLayout,
  registry: ReadonlyMap<string, RegisteredWidget>,
  /** A module's page shows a placeholder for a widget the web app does not have yet. */
  { allowUnknownWidgets = false } = {},
): string[] {
  const errors = checkWallGeometry(layout);
  const scenes: Array<[string, WallTile[]]> = [['', layout.tiles], ...(layout.scenes ?? []).map((s): [string, WallTile[]] => [`scene "${s.id}": `, s.tiles])];
  for (const [where, tiles] of scenes) {
    for (const tile of tiles) {
      const widget = registry.get(tile.widget);
      if (!widget) {
        if (!allowUnknownWidgets) errors.push(`${where}tile "${tile.id}" uses unknown widget "${tile.widget}"`);
        continue;
      }
      for (const key of Object.keys(migratedOptions(tile, widget))) {
        if (!(key in widget.manifest.defaults)) errors.push(`${where}tile "${tile.id}": widget "${tile.widget}" has no option "${key}"`);
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
