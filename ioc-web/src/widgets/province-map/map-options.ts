import type { WidgetOptions } from '../widget-types';

/** Every layer a map tile may show. */
export const MAP_LAYER_IDS = ['choropleth', 'heatmap', 'sources', 'cameras', 'feedback', 'synthetic', 'incidents', 'units'] as const;
export type MapLayerId = (typeof MAP_LAYER_IDS)[number];

/** Layers drawn from the server's clusters of the current viewport (GET /api/v1/map/clusters). */
export const CLUSTERED_LAYERS = ['cameras', 'feedback', 'synthetic'] as const satisfies readonly MapLayerId[];
export type ClusteredLayerId = (typeof CLUSTERED_LAYERS)[number];

/**
 * Version 1 had one `layer`: `air-quality` (sources coloured by the AQI) or `sources` (by state).
 * Version 2 lists `layers` and says how the sources are coloured in `sourceColor`. Options that
 * are already current (no `layer`) come back unchanged; a layout giving both keeps its `layers`.
 */
export function migrateMapOptions(options: WidgetOptions): WidgetOptions {
  if (!('layer' in options)) return options;
  const { layer, ...rest } = options;
  const sourceColor = layer === 'sources' ? 'state' : 'value';
  return { ...('layers' in rest ? {} : { layers: ['sources'] }), ...('sourceColor' in rest ? {} : { sourceColor }), ...rest };
}

/** Layers in drawing order (bottom first), whatever order the layout lists them in. */
export function orderedLayers(layers: readonly string[]): MapLayerId[] {
  return MAP_LAYER_IDS.filter((id) => layers.includes(id));
}
