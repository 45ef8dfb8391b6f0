import { defineWidget } from '../widget-types';
import { migrateMapOptions } from './map-options';
import type { MapLayerId } from './map-options';

export type { MapLayerId } from './map-options';

export type ProvinceMapOptions = {
  /** [west, south, east, north] the map fits on load. */
  bounds: [number, number, number, number];
  /** Administrative level drawn as polygons with labels (communes are drawn too once zoomed in). */
  regionLevel: 'district' | 'commune';
  showLabels: boolean;
  /** Layers drawn, bottom to top in this order: choropleth, heatmap, sources, cameras, feedback, synthetic, incidents, units. */
  layers: MapLayerId[];
  /** `sources` dots: `value` colours the sources of `colorSector` by `colorMetric` on `colorScale` (the others by state); `state` colours every source by its state. */
  sourceColor: 'value' | 'state';
  /** Only this sector's sources; null draws every sector's (the wall). */
  sector: string | null;
  colorSector: string;
  colorMetric: string;
  colorScale: 'vn-aqi';
  /** `choropleth`: the KPI whose breakdown fills the regions, at which level and for which period. */
  choroplethKpi: string | null;
  choroplethLevel: 'district' | 'commune';
  choroplethPeriod: 'realtime' | 'day' | 'month' | 'quarter' | 'year';
  /** `heatmap`: latest values of this metric of this sector's sources, as weights. */
  heatmapSector: string;
  heatmapMetric: string;
  /** `synthetic`: how many server-generated points (load measurements; the server must allow it). */
  syntheticCount: number;
  /** Pan and zoom with mouse and touch (a wall is watched, not touched: off by default). */
  interactive: boolean;
  /** MapLibre style URL; null takes the server's MAP_STYLE_URL, and without one the offline basemap. */
  styleUrl: string | null;
};

export const provinceMapWidget = defineWidget<ProvinceMapOptions>({
  manifest: {
    id: 'province-map',
    name: { vi: 'Bản đồ tỉnh', en: 'Province map' },
    defaults: {
      bounds: [106.4, 11.3, 107.4, 12.3],
      regionLevel: 'district',
      showLabels: true,
      layers: ['sources'],
      sourceColor: 'value',
      sector: null,
      colorSector: 'environment',
      colorMetric: 'aqi',
      colorScale: 'vn-aqi',
      choroplethKpi: null,
      choroplethLevel: 'district',
      choroplethPeriod: 'day',
      heatmapSector: 'environment',
      heatmapMetric: 'aqi',
      syntheticCount: 100_000,
      interactive: false,
      styleUrl: null,
    },
    // 2: one `layer` became the list `layers` (+ `sourceColor` for what `layer` said about the dots).
    version: 2,
    migrate: migrateMapOptions,
    fromScope: (scope) => (scope.sector ? { sector: scope.sector } : {}),
  },
  load: () => import('./ProvinceMap'),
});
