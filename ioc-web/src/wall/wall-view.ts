import { activeScene, sceneTiles, type WallLayoutSpec, type WallState, type WallTileSpec } from '@ioc/sdk';

/** Which physical screen of a wall this browser is: `?screen=N` (0-based, row by row). */
export interface ScreenPlacement {
  index: number;
  column: number;
  row: number;
  columns: number;
  rows: number;
  /** Grid cells (1-based, inclusive) this screen shows. */
  cells: { x0: number; x1: number; y0: number; y1: number };
}

export function screenPlacement(layout: WallLayoutSpec, requested: number): ScreenPlacement {
  const columns = layout.screens?.columns ?? 1;
  const rows = layout.screens?.rows ?? 1;
  const index = Number.isInteger(requested) && requested >= 0 && requested < columns * rows ? requested : 0;
  const column = index % columns;
  const row = Math.floor(index / columns);
  const cw = layout.grid.columns / columns;
  const rh = layout.grid.rows / rows;
  return { index, column, row, columns, rows, cells: { x0: column * cw + 1, x1: (column + 1) * cw, y0: row * rh + 1, y1: (row + 1) * rh } };
}

/** A tile as shown now: the layout's, or what the operator console pushed onto it. */
export interface ShownTile extends WallTileSpec {
  /** Changes whenever what the tile shows changes, so the widget mounts afresh. */
  key: string;
  pushed: boolean;
}

/** The tiles this screen shows at `nowMs`: the active scene's, overridden by the console, cut to the screen. */
export function shownTiles(state: WallState, screen: ScreenPlacement, nowMs: number): { sceneId: string | null; tiles: ShownTile[] } {
  const sceneId = activeScene(state.layout, state, nowMs);
  const { x0, x1, y0, y1 } = screen.cells;
  const tiles = sceneTiles(state.layout, sceneId)
    .filter((t) => t.x <= x1 && t.x + t.w - 1 >= x0 && t.y <= y1 && t.y + t.h - 1 >= y0)
    .map((tile): ShownTile => {
      const pushed = state.overrides[tile.id];
      if (!pushed) return { ...tile, key: `${sceneId ?? ''}/${tile.id}`, pushed: false };
      // The layout's title and option version belong to the layout's widget, not to what was pushed.
      const { optionsVersion: _layoutVersion, title: _layoutTitle, ...rest } = tile;
      return { ...rest, widget: pushed.widget, options: pushed.options, ...(pushed.title ? { title: pushed.title } : {}), key: `${sceneId ?? ''}/${tile.id}/${pushed.setAt}`, pushed: true };
    });
  return { sceneId, tiles };
}

/** Milliseconds until the playlist turns to its next scene (null: no rotation running). */
export function msToNextTurn(state: WallState, nowMs: number): number | null {
  const playlist = state.layout.playlist;
  if (!playlist || state.sceneId !== null || state.playlistPaused || playlist.scenes.length < 2) return null;
  const period = playlist.intervalS * 1000;
  return period - (nowMs % period);
}
