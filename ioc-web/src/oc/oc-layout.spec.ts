import type { DashboardLayout } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { tileOptions } from '../walls/wall-layout';
import { widgetRegistry } from '../widgets/registry';
import { WALL_SCOPE } from '../widgets/widget-types';
import { ocLayoutToGrid } from './oc-layout';

/** The dashboards the sector modules ship, read from their sources. */
const moduleDashboards = import.meta.glob<{ dashboards: Record<string, DashboardLayout> }>('../../../oc-modules/*/src/dashboards.ts', { eager: true });
const ocLayouts = Object.entries(moduleDashboards).map(([file, module]) => [/oc-modules\/([^/]+)\//.exec(file)![1]!, module.dashboards.oc] as const);

/** Widgets module layouts name that the web app does not draw yet (placeholders). */
const NOT_YET = new Set<string>();

describe('module OC layouts', () => {
  it('finds the modules’ dashboards', () => {
    expect(ocLayouts.map(([sector]) => sector)).toEqual(expect.arrayContaining(['health', 'environment', 'traffic', 'education']));
  });

  it.each(ocLayouts)('"%s" fits the 12-column grid with known options, and only planned widgets are missing', (_sector, layout) => {
    expect(layout).toBeDefined();
    const grid = ocLayoutToGrid(layout!, widgetRegistry);
    expect(grid.problems).toEqual([]);
    expect(grid.tiles.filter((t) => t.missingWidget).every((t) => NOT_YET.has(t.widget))).toBe(true);
    expect(grid.grid.rows).toBe(layout!.rows);
  });
});

describe('ocLayoutToGrid', () => {
  const layout: DashboardLayout = {
    title: { vi: 'Thử', en: 'Test' },
    rows: 4,
    widgets: [
      { widget: 'kpi-tile', options: { kpi: 'health.icu_free' }, x: 1, y: 1, w: 2, h: 2 },
      { widget: 'weather-radar', x: 3, y: 1, w: 2, h: 2 },
      { widget: 'metric-trend', options: { sourceKind: 'hospital', metric: 'icu_free' }, x: 1, y: 3, w: 4, h: 2 },
    ],
  };

  it('gives tiles stable ids and keeps their cells', () => {
    const grid = ocLayoutToGrid(layout, widgetRegistry);
    expect(grid.grid).toEqual({ columns: 12, rows: 4 });
    expect(grid.tiles.map((t) => [t.id, t.x, t.y, t.w, t.h])).toEqual([
      ['kpi-tile-1', 1, 1, 2, 2],
      ['weather-radar-2', 3, 1, 2, 2],
      ['metric-trend-3', 1, 3, 4, 2],
    ]);
  });

  it('turns an unknown widget into a placeholder instead of an error', () => {
    const grid = ocLayoutToGrid(layout, widgetRegistry);
    expect(grid.tiles.map((t) => t.missingWidget)).toEqual([false, true, false]);
    expect(grid.problems).toEqual([]);
  });

  it('reports overlaps, tiles below the grid and unknown options', () => {
    const bad: DashboardLayout = {
      ...layout,
      widgets: [
        { widget: 'kpi-tile', options: { kpi: 'a', colour: 'red' }, x: 1, y: 1, w: 2, h: 2 },
        { widget: 'kpi-tile', options: { kpi: 'b' }, x: 2, y: 2, w: 2, h: 2 },
        { widget: 'source-status', x: 1, y: 4, w: 2, h: 2 },
      ],
    };
    const grid = ocLayoutToGrid(bad, widgetRegistry);
    expect(grid.problems).toEqual([
      'tiles "kpi-tile-1" and "kpi-tile-2" overlap at column 2, row 2',
      'tile "source-status-3" does not fit the 12×4 grid',
      'tile "kpi-tile-1": widget "kpi-tile" has no option "colour"',
    ]);
    // The grid still grows to hold the tile, so it is drawn rather than lost.
    expect(grid.grid.rows).toBe(5);
  });

  it('fills the page’s sector into widgets whose layout leaves it out', () => {
    const [, , trend] = ocLayoutToGrid(layout, widgetRegistry).tiles;
    const scope = { ...WALL_SCOPE, sector: 'health' };
    expect(tileOptions(trend!, widgetRegistry.get('metric-trend')!, scope)).toMatchObject({ sector: 'health', sourceKind: 'hospital', metric: 'icu_free' });
    expect(tileOptions({ options: {} }, widgetRegistry.get('source-status')!, scope)).toEqual({ sectors: ['health'] });
    expect(tileOptions({ options: {} }, widgetRegistry.get('source-status')!, WALL_SCOPE)).toEqual({ sectors: [] });
  });
});
