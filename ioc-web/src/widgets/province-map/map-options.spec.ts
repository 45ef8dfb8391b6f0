import { describe, expect, it } from 'vitest';
import { validateWallLayout } from '../../walls/wall-layout';
import { tileOptions } from '../../walls/wall-layout';
import { widgetRegistry } from '../registry';
import { migrateMapOptions, orderedLayers } from './map-options';

describe('province-map options v2', () => {
  it('lifts version-1 layouts: layer becomes layers + sourceColor', () => {
    expect(migrateMapOptions({ layer: 'air-quality', colorMetric: 'aqi' })).toEqual({ layers: ['sources'], sourceColor: 'value', colorMetric: 'aqi' });
    expect(migrateMapOptions({ layer: 'sources' })).toEqual({ layers: ['sources'], sourceColor: 'state' });
    expect(migrateMapOptions({ layer: 'sources', layers: ['units'] })).toEqual({ layers: ['units'], sourceColor: 'state' });
  });
  it('leaves current options unchanged', () => {
    const current = { layers: ['choropleth', 'units'], choroplethKpi: 'health.risk_level' };
    expect(migrateMapOptions(current)).toBe(current);
  });
  it('keeps module layouts that still say layer valid', () => {
    const widget = widgetRegistry.get('province-map')!;
    const layout = { id: 't', grid: { columns: 4, rows: 4 }, tiles: [{ id: 'm', widget: 'province-map', x: 1, y: 1, w: 4, h: 4, options: { layer: 'sources' } }] };
    expect(validateWallLayout(layout, widgetRegistry)).toEqual([]);
    expect(tileOptions(layout.tiles[0]!, widget)).toMatchObject({ layers: ['sources'], sourceColor: 'state' });
    // Written for version 2: no migration runs.
    expect(tileOptions({ options: { layers: ['units'] }, optionsVersion: 2 }, widget)).toMatchObject({ layers: ['units'], sourceColor: 'value' });
  });
  it('draws layers bottom first whatever the listed order', () => {
    expect(orderedLayers(['units', 'choropleth', 'nope', 'incidents'])).toEqual(['choropleth', 'incidents', 'units']);
  });
});
