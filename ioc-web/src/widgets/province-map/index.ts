import { defineWidget } from '../widget-types';

export type ProvinceMapOptions = {
  /** [west, south, east, north] the map fits on load. */
  bounds: [number, number, number, number];
  /** Administrative level drawn as polygons with labels. */
  regionLevel: 'district' | 'commune';
  showLabels: boolean;
  /** Sources of this sector are coloured by `colorMetric` on `colorScale`; the others by state. */
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
      colorSector: 'environment',
      colorMetric: 'aqi',
      colorScale: 'vn-aqi',
      styleUrl: null,
    },
  },
  load: () => import('./ProvinceMap'),
});
