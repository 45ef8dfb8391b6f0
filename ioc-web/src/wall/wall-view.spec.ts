import type { WallLayoutSpec, WallState } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { msToNextTurn, screenPlacement, shownTiles } from './wall-view';

const layout: WallLayoutSpec = {
  id: 'w',
  grid: { columns: 24, rows: 12 },
  screens: { columns: 2, rows: 1 },
  tiles: [
    { id: 'left', widget: 'kpi-tile', x: 1, y: 1, w: 12, h: 12 },
    { id: 'span', widget: 'province-map', x: 7, y: 1, w: 12, h: 6 },
    { id: 'right', widget: 'kpi-tile', x: 13, y: 7, w: 12, h: 6, optionsVersion: 1 },
  ],
  scenes: [
    { id: 'a', name: { vi: 'A', en: 'A' }, tiles: [{ id: 'x', widget: 'kpi-tile', x: 1, y: 1, w: 24, h: 12 }] },
    { id: 'b', name: { vi: 'B', en: 'B' }, tiles: [{ id: 'y', widget: 'kpi-tile', x: 13, y: 1, w: 12, h: 12 }] },
  ],
  playlist: { scenes: ['a', 'b'], intervalS: 60 },
};
const state = (patch: Partial<WallState> = {}): WallState => ({ wallId: 'w', layout, layoutSource: 'seed', sceneId: null, playlistPaused: false, overrides: {}, revision: 0, updatedAt: '', updatedBy: null, ...patch });

describe('wall view', () => {
  it('places screens row by row and cuts the grid between them', () => {
    expect(screenPlacement(layout, 1)).toMatchObject({ column: 1, row: 0, cells: { x0: 13, x1: 24, y0: 1, y1: 12 } });
    expect(screenPlacement(layout, 7).index).toBe(0); // out of range → the first screen
  });

  it('shows on each screen the tiles that reach into it, a spanning tile on both', () => {
    const paused = state({ playlistPaused: true });
    expect(shownTiles(paused, screenPlacement(layout, 0), 0).tiles.map((t) => t.id)).toEqual(['left', 'span']);
    expect(shownTiles(paused, screenPlacement(layout, 1), 0).tiles.map((t) => t.id)).toEqual(['span', 'right']);
  });

  it('rotates the playlist by the clock, so every screen turns together; a pushed scene holds', () => {
    expect(shownTiles(state(), screenPlacement(layout, 0), 59_000).sceneId).toBe('a');
    expect(shownTiles(state(), screenPlacement(layout, 1), 61_000).sceneId).toBe('b');
    expect(shownTiles(state(), screenPlacement(layout, 0), 61_000).tiles).toEqual([]); // scene b lives on screen 1 only
    expect(shownTiles(state({ sceneId: 'a' }), screenPlacement(layout, 0), 61_000).sceneId).toBe('a');
    expect(msToNextTurn(state(), 45_000)).toBe(15_000);
    expect(msToNextTurn(state({ playlistPaused: true }), 45_000)).toBeNull();
  });

  it('puts what the console pushed on a tile, keyed so the widget mounts afresh', () => {
    const pushed = state({ playlistPaused: true, overrides: { right: { widget: 'incident-focus', options: { incidentId: '4' }, setBy: 'op', setAt: 't1' } } });
    const right = shownTiles(pushed, screenPlacement(layout, 1), 0).tiles.find((t) => t.id === 'right')!;
    expect(right).toMatchObject({ widget: 'incident-focus', options: { incidentId: '4' }, pushed: true, key: '/right/t1' });
    expect(right.optionsVersion).toBeUndefined();
  });
});
