import type { LocalizedText } from './manifest.js';

/**
 * Video walls: layouts as JSON (a grid of tiles that may span several physical screens, one browser
 * per screen), scenes a playlist rotates through, and what the operator console pushes live on the
 * topic `wall:{id}`.
 */
export interface WallTileSpec {
  id: string;
  widget: string;
  title?: LocalizedText;
  /** 1-based grid column and row of the top-left cell, and the span in cells. */
  x: number;
  y: number;
  w: number;
  h: number;
  options?: Record<string, unknown>;
  /** Option version the tile was written for; absent = unknown, every migration runs. */
  optionsVersion?: number;
}

/** A named set of tiles on the wall's grid; a playlist rotates through scenes. */
export interface WallScene {
  id: string;
  name: LocalizedText;
  tiles: WallTileSpec[];
}

export interface WallLayoutSpec {
  id: string;
  name?: LocalizedText;
  grid: { columns: number; rows: number };
  /**
   * Physical screens the grid spans (columns × rows of screens, one browser each, opened with
   * `?screen=N`, 0-based, row by row). Default one screen. The grid's columns and rows must divide
   * evenly by them, so that no cell straddles two screens.
   */
  screens?: { columns: number; rows: number };
  /** The tiles shown when no scene is active (the wall's home scene). */
  tiles: WallTileSpec[];
  scenes?: WallScene[];
  /** Scenes shown in turn, each for `intervalS` seconds; all screens of a wall switch together. */
  playlist?: { scenes: string[]; intervalS: number };
}

/** What the operator console put on one tile in place of the layout's own. */
export interface WallTileOverride {
  widget: string;
  options: Record<string, unknown>;
  title?: LocalizedText;
  /** What it is about, for the console's list: `kpi:health.bed_occupancy`, `incident:12`. */
  focus?: string;
  setBy: string;
  setAt: string;
}

/** Live state of one wall: snapshot of `wall:{id}`; every delta carries it whole (it is small). */
export interface WallState {
  wallId: string;
  /** The layout in force: one saved through the API (admin) or the one shipped in db/seed/walls. */
  layout: WallLayoutSpec;
  layoutSource: 'seed' | 'saved';
  /** Scene the operator pushed; null = the playlist (or the home tiles when there is none). */
  sceneId: string | null;
  /** The playlist is held on the current scene. */
  playlistPaused: boolean;
  /** Tile id → what the console pushed there (cleared when the scene changes). */
  overrides: Record<string, WallTileOverride>;
  /** Increases on every change. */
  revision: number;
  updatedAt: string;
  updatedBy: string | null;
}

export type WallCommand =
  | { kind: 'scene'; sceneId: string | null }
  | { kind: 'playlist'; paused: boolean }
  | { kind: 'tile'; tileId: string; widget: string; options?: Record<string, unknown>; title?: LocalizedText }
  | { kind: 'focus-kpi'; tileId: string; kpiId: string }
  | { kind: 'focus-incident'; tileId: string; incidentId: string }
  | { kind: 'clear'; tileId?: string };

export interface WallDelta {
  state: WallState;
  /** The command that made this change; absent for a layout save. */
  command?: WallCommand;
}

export interface WallSummary {
  id: string;
  name: LocalizedText | null;
  revision: number;
  updatedAt: string;
  layoutSource: 'seed' | 'saved';
  screens: number;
}

/** The tiles a wall shows for a scene id (unknown or null: the home tiles). */
export function sceneTiles(layout: WallLayoutSpec, sceneId: string | null): WallTileSpec[] {
  if (sceneId === null) return layout.tiles;
  return layout.scenes?.find((s) => s.id === sceneId)?.tiles ?? layout.tiles;
}

/**
 * The scene a wall shows at `nowMs`: the operator's, else the playlist's turn (every screen of a
 * wall computes the same from the clock, so they switch together without talking), else home.
 */
export function activeScene(layout: WallLayoutSpec, state: Pick<WallState, 'sceneId' | 'playlistPaused'>, nowMs: number): string | null {
  if (state.sceneId !== null) return state.sceneId;
  const playlist = layout.playlist;
  if (!playlist || playlist.scenes.length === 0 || state.playlistPaused) return null;
  const turn = Math.floor(nowMs / (playlist.intervalS * 1000)) % playlist.scenes.length;
  return playlist.scenes[turn] ?? null;
}

/**
 * Geometry of a layout, the same on the server (saving) and in the browser (showing): tiles inside
 * the grid, no overlap, unique ids, screens dividing the grid, scenes and playlist consistent.
 * Widgets and their options are checked by the web app, which owns the widget registry.
 */
export function checkWallGeometry(layout: WallLayoutSpec): string[] {
  const errors: string[] = [];
  const { columns, rows } = layout.grid;
  if (layout.screens && (columns % layout.screens.columns !== 0 || rows % layout.screens.rows !== 0)) {
    errors.push(`the ${columns}×${rows} grid does not divide into ${layout.screens.columns}×${layout.screens.rows} screens`);
  }
  const checkTiles = (tiles: WallTileSpec[], where: string) => {
    const owner = new Map<string, string>();
    const ids = new Set<string>();
    for (const tile of tiles) {
      if (ids.has(tile.id)) errors.push(`${where}tile "${tile.id}" is defined twice`);
      ids.add(tile.id);
      const fits = tile.x >= 1 && tile.y >= 1 && tile.w >= 1 && tile.h >= 1 && tile.x + tile.w - 1 <= columns && tile.y + tile.h - 1 <= rows;
      if (!fits) {
        errors.push(`${where}tile "${tile.id}" does not fit the ${columns}×${rows} grid`);
        continue;
      }
      overlap: for (let col = tile.x; col < tile.x + tile.w; col += 1) {
        for (let row = tile.y; row < tile.y + tile.h; row += 1) {
          const cell = `${col},${row}`;
          const other = owner.get(cell);
          if (other && other !== tile.id) {
            errors.push(`${where}tiles "${other}" and "${tile.id}" overlap at column ${col}, row ${row}`);
            break overlap; // one message per pair is enough
          }
          owner.set(cell, tile.id);
        }
      }
    }
  };
  checkTiles(layout.tiles, '');
  const sceneIds = new Set<string>();
  for (const scene of layout.scenes ?? []) {
    if (sceneIds.has(scene.id)) errors.push(`scene "${scene.id}" is defined twice`);
    sceneIds.add(scene.id);
    checkTiles(scene.tiles, `scene "${scene.id}": `);
  }
  for (const id of layout.playlist?.scenes ?? []) if (!sceneIds.has(id)) errors.push(`playlist names unknown scene "${id}"`);
  return errors;
}
