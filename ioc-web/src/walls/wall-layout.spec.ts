import { describe, expect, it } from 'vitest';
import { widgetRegistry } from '../widgets/registry';
import { seedWallLayouts as wallLayouts } from './index';
import { tileOptions, validateWallLayout, type WallLayout, type WallTile } from './wall-layout';

describe('wall layouts', () => {
  it.each([...wallLayouts.keys()])('"%s" fits its grid, has no overlaps and only known widgets and options', (id) => {
    expect(validateWallLayout(wallLayouts.get(id)!, widgetRegistry)).toEqual([]);
  });
});

describe('validateWallLayout', () => {
  const base: WallLayout = { id: 't', grid: { columns: 4, rows: 2 }, tiles: [] };

  it('reports overlapping tiles', () => {
    const layout: WallLayout = {
      ...base,
      tiles: [
        { id: 'a', widget: 'source-status', x: 1, y: 1, w: 2, h: 2 },
        { id: 'b', widget: 'source-status', x: 2, y: 2, w: 2, h: 1 },
      ],
    };
    expect(validateWallLayout(layout, widgetRegistry)).toEqual(['tiles "a" and "b" overlap at column 2, row 2']);
  });

  it('reports tiles outside the grid, unknown widgets and unknown options', () => {
    const layout: WallLayout = {
      ...base,
      tiles: [
        { id: 'a', widget: 'source-status', x: 4, y: 1, w: 2, h: 1 },
        { id: 'b', widget: 'clock', x: 1, y: 1, w: 1, h: 1 },
        { id: 'c', widget: 'metric-trend', x: 2, y: 1, w: 1, h: 1, options: { metirc: 'pm25' } },
      ],
    };
    expect(validateWallLayout(layout, widgetRegistry)).toEqual([
      'tile "a" does not fit the 4×2 grid',
      'tile "b" uses unknown widget "clock"',
      'tile "c": widget "metric-trend" has no option "metirc"',
    ]);
  });

  it('merges tile options over the widget defaults', () => {
    const widget = widgetRegistry.get('metric-trend')!;
    const options = tileOptions({ options: { metric: 'aqi' } }, widget);
    expect(options).toMatchObject({ metric: 'aqi', sector: 'environment', minutes: 60 });
  });

  it('lifts options written for an older widget version', () => {
    const widget = widgetRegistry.get('metric-trend')!;
    const v1: WallTile = { id: 'x', widget: 'metric-trend', x: 1, y: 1, w: 1, h: 1, options: { kind: 'counter', metric: 'vehicles_per_min' } };
    expect(tileOptions(v1, widget)).toMatchObject({ sourceKind: 'counter', metric: 'vehicles_per_min' });
    expect(tileOptions(v1, widget)).not.toHaveProperty('kind');
    expect(validateWallLayout({ ...base, tiles: [v1] }, widgetRegistry)).toEqual([]);
    // A tile that says it is current is taken as written.
    expect(validateWallLayout({ ...base, tiles: [{ ...v1, optionsVersion: 2 }] }, widgetRegistry)).toEqual(['tile "x": widget "metric-trend" has no option "kind"']);
  });
});
