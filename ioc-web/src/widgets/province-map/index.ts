import { defineWidget } from '../widget-types';

export type ProvinceMapOptions = {
  /** [west, south, east, north] the map fits on load. */
  bounds: [number, number, number, number];
  /** Administrative level drawn as polygons with labels. */
  regionLevel: 'district' | 'commune';
  showLabels: boolean;
  /**
   * What the dots say: `air-quality` colours the sources of `colorSector` by `colorMetric` on
   * `colorScale` (the others by state); `sources` colours every source by its state.
   */
  layer: 'air-quality' | 'sources';
  /** Only this sector's sources; null draws every sector's (the wall). */
  sector: string | null;
  colorSector: string;
  colorMetric: string;
  colorScale: 'vn-aqi';
  /** MapLibre style URL; null draws the offline style (background only, no tile server). */
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
      layer: 'air-quality',
      sector: null,
      colorSector: 'environment',
      colorMetric: 'aqi',
      colorScale: 'vn-aqi',
      styleUrl: null,
    },
    version: 1,
    fromScope: (scope) => (scope.sector ? { sector: scope.sector } : {}),
  },
  load: () => import('./ProvinceMap'),
});
