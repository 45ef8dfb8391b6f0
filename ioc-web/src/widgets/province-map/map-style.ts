import type { StyleSpecification } from 'maplibre-gl';

/** Background colour of the map; tests compare pixels against it to tell "drawn" from "blank". */
export const MAP_BACKGROUND = '#0a1322';

/**
 * Offline style: no tile server and no glyphs, only a background. Everything else is drawn by
 * deck.gl from our own API, so the wall works on an isolated network.
 */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  name: 'ioc-offline',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': MAP_BACKGROUND } }],
};
