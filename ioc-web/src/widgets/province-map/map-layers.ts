import type { Layer } from '@deck.gl/core';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { DispatchUnit, IncidentRecord, SectorManifest } from '@ioc/sdk';
import type { CountryOutline } from 'virtual:country-outlines';
import type { SourceWithState } from '../../api/types';
import type { Rgba } from '../../colors/color';
import type { Lang } from '../../i18n';
import type { LatestValue } from '../../store/wall-data-store';
import type { DrawableRegion, DrawableRegions } from './drawable-regions';
import { regionLabel } from '../../regions/region-label';
import { sourceFillColor, type ColorBy } from './source-color';
import type { ChoroplethScale } from './choropleth';
import { CHOROPLETH_NO_DATA } from './choropleth';
import type { ClusterPoint } from './cluster-client';
import { categoryColor, clusterColor, SEVERITY_COLORS, SEVERITY_ORDER, UNIT_STATUS_COLORS, UNIT_TYPE_GLYPH } from './layer-colors';
import { unitLocation } from './live-layers';
import type { ClusteredLayerId, MapLayerId } from './map-options';

/** Communes are outlined from this zoom on (a district map zoomed in). */
export const COMMUNE_MIN_ZOOM = 10;
const COMMUNE_LABEL_MIN_ZOOM = 11.5;

export const LABEL_FONT = '"Liberation Sans", "DejaVu Sans", "Noto Sans", Arial, sans-serif';
const VIETNAM_ID = '704';

export interface MapLayerInput {
  countries: CountryOutline[];
  province: DrawableRegions | null;
  regions: DrawableRegions | null;
  showLabels: boolean;
  lang: Lang;
  sources: SourceWithState[];
  valueOf: (source: SourceWithState) => LatestValue | undefined;
  /** Null: every dot by its source's state. */
  colorBy: ColorBy | null;
  /** Region outlined on top (the region an OC page is drilled to), if drawn at this level. */
  highlightRegionId: string | null;
  sectors: ReadonlyMap<string, SectorManifest>;
  now: number;
  /** Identities that change whenever a dot's colour may change (deck.gl update trigger). */
  colorInputs: readonly unknown[];
  /** Layers the tile shows, bottom first. */
  visible: readonly MapLayerId[];
  /** The offline basemap draws the countries; a tile server's style brings its own. */
  drawCountries: boolean;
  zoom: number;
  communes: DrawableRegions | null;
  choropleth: { regions: DrawableRegions; scale: ChoroplethScale } | null;
  heatmap: Array<{ position: [number, number]; weight: number }>;
  clusters: Partial<Record<ClusteredLayerId, ClusterPoint[]>>;
  incidents: IncidentRecord[];
  units: DispatchUnit[];
  locale: string;
}

/** Cluster circle radius in pixels: grows with the logarithm of its count. */
export function clusterRadius(count: number): number {
  return Math.min(42, 12 + 5 * Math.log2(Math.max(2, count)));
}

export function clusterLabel(count: number, locale: string): string {
  if (count < 1000) return String(count);
  const k = count / 1000;
  return `${k.toLocaleString(locale, { maximumFractionDigits: k < 10 ? 1 : 0 })}k`;
}

export function buildMapLayers(input: MapLayerInput): Layer[] {
  // Sources that carry the colour metric are drawn larger: they are what the legend explains.
  const { colorBy } = input;
  const carriesColorMetric = (s: SourceWithState) =>
    colorBy === null || (s.sector === colorBy.sector && input.sectors.get(s.sector)?.sourceKinds[s.kind]?.metrics[colorBy.metric] !== undefined);
  const on = (id: MapLayerId) => input.visible.includes(id);
  const layers: Layer[] = [];
  if (input.drawCountries) layers.push(
    new GeoJsonLayer<CountryOutline['properties']>({
      id: 'countries',
      data: input.countries,
      filled: true,
      stroked: true,
      getFillColor: (f) => (f.properties.id === VIETNAM_ID ? [19, 32, 54, 255] : [13, 22, 38, 255]),
      getLineColor: [100, 116, 139, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
  );
  if (input.regions) {
    layers.push(
      new GeoJsonLayer<DrawableRegion['properties']>({
        id: 'regions',
        data: input.regions,
        filled: true,
        stroked: true,
        // Alternate two blues so neighbouring districts read apart even without borders.
        getFillColor: (_f, { index }) => (index % 2 === 0 ? [30, 58, 95, 230] : [24, 48, 82, 230]),
        getLineColor: [125, 176, 235, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
      }),
    );
  }
  if (on('choropleth') && input.choropleth) {
    const { scale } = input.choropleth;
    layers.push(
      new GeoJsonLayer<DrawableRegion['properties']>({
        id: 'choropleth',
        data: input.choropleth.regions,
        filled: true,
        stroked: true,
        getFillColor: (f) => scale.fill.get(f.properties.id) ?? CHOROPLETH_NO_DATA,
        getLineColor: [15, 23, 42, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        updateTriggers: { getFillColor: scale },
      }),
    );
  }
  if (input.communes && input.zoom >= COMMUNE_MIN_ZOOM) {
    layers.push(
      new GeoJsonLayer<DrawableRegion['properties']>({
        id: 'communes',
        data: input.communes,
        filled: false,
        stroked: true,
        getLineColor: [148, 163, 184, 200],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
    );
  }
  const highlighted = input.regions?.features.filter((f) => f.properties.id === input.highlightRegionId) ?? [];
  if (highlighted.length > 0) {
    layers.push(
      new GeoJsonLayer<DrawableRegion['properties']>({
        id: 'region-highlight',
        data: highlighted,
        filled: true,
        stroked: true,
        getFillColor: [34, 211, 238, 40],
        getLineColor: [250, 204, 21, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    );
  }
  if (input.province) {
    layers.push(
      new GeoJsonLayer({
        id: 'province-outline',
        data: input.province,
        filled: false,
        stroked: true,
        getLineColor: [34, 211, 238, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
      }),
    );
  }
  if (on('heatmap') && input.heatmap.length > 0) {
    layers.push(
      new HeatmapLayer<{ position: [number, number]; weight: number }>({
        id: 'heatmap',
        data: input.heatmap,
        getPosition: (d) => d.position,
        getWeight: (d) => d.weight,
        radiusPixels: 60,
        intensity: 1.2,
        threshold: 0.05,
        aggregation: 'SUM',
      }),
    );
  }
  if (on('sources')) layers.push(
    new ScatterplotLayer<SourceWithState>({
      id: 'sources',
      data: input.sources,
      getPosition: (s) => [s.lon, s.lat],
      getFillColor: (s) => sourceFillColor(s, input.valueOf(s), colorBy, input.sectors, input.now),
      getRadius: (s) => (carriesColorMetric(s) ? 8 : 5),
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [7, 13, 26, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      updateTriggers: { getFillColor: input.colorInputs, getRadius: input.sectors },
    }),
  );
  for (const layer of ['cameras', 'feedback', 'synthetic'] as const) {
    const features = input.clusters[layer];
    if (on(layer) && features) layers.push(...clusterLayers(layer, features, input.locale));
  }
  if (on('incidents')) {
    // Worst drawn last (on top).
    const incidents = [...input.incidents].filter((i) => i.lon !== null && i.lat !== null).sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));
    layers.push(
      new ScatterplotLayer<IncidentRecord>({
        id: 'incidents',
        data: incidents,
        getPosition: (i) => [i.lon!, i.lat!],
        getFillColor: (i) => SEVERITY_COLORS[i.severity] ?? SEVERITY_COLORS.info,
        getRadius: (i) => (i.severity === 'critical' ? 13 : 11),
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2.5,
      }),
      new TextLayer<IncidentRecord>({
        id: 'incident-glyphs',
        data: incidents,
        getPosition: (i) => [i.lon!, i.lat!],
        getText: () => '!',
        getColor: [15, 23, 42, 255],
        getSize: 16,
        fontFamily: LABEL_FONT,
        fontWeight: 800,
        characterSet: ['!'],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  if (on('units')) {
    layers.push(
      new ScatterplotLayer<DispatchUnit>({
        id: 'units',
        data: input.units,
        getPosition: unitLocation,
        getFillColor: (u) => UNIT_STATUS_COLORS[u.status] ?? UNIT_STATUS_COLORS.available,
        getRadius: 10,
        radiusUnits: 'pixels',
        stroked: true,
        getLineColor: [7, 13, 26, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        // No position transitions: with units reporting every second they kept deck.gl animating
        // (and a software-rendered wall at ~1 frame/s, measured).
      }),
      new TextLayer<DispatchUnit>({
        id: 'unit-glyphs',
        data: input.units,
        getPosition: unitLocation,
        getText: (u) => UNIT_TYPE_GLYPH[u.unitType] ?? 'U',
        getColor: [7, 13, 26, 255],
        getSize: 13,
        fontFamily: LABEL_FONT,
        fontWeight: 800,
        characterSet: Object.values(UNIT_TYPE_GLYPH).join('') + 'U',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
      }),
    );
  }
  if (input.showLabels && input.communes && input.zoom >= COMMUNE_LABEL_MIN_ZOOM) {
    layers.push(
      regionLabelLayer({ id: 'commune-labels', regions: input.communes, lang: input.lang, color: [203, 213, 225, 255], size: 13 }),
    );
  }
  if (input.showLabels && input.regions) {
    layers.push(
      regionLabelLayer({ id: 'region-labels', regions: input.regions, lang: input.lang, color: [241, 245, 249, 255], size: 17, fontWeight: 600, outlineWidth: 4 }),
    );
  }
  return layers;
}

/**
 * Names of regions at their centres, in the page's language, outlined so they read over any fill
 * (Vietnamese needs its diacritics in the glyph atlas: `characterSet: 'auto'` collects them from
 * the data). One recipe for the wall map's district and commune names and the incident console's.
 */
export function regionLabelLayer(o: { id: string; regions: DrawableRegions; lang: Lang; color: Rgba; size: number; fontWeight?: number; outlineWidth?: number }): TextLayer<DrawableRegion> {
  return new TextLayer<DrawableRegion>({
    id: o.id,
    data: o.regions.features,
    getPosition: (f) => f.properties.center,
    getText: (f) => regionLabel(o.lang === 'en' ? f.properties.nameEn || f.properties.name : f.properties.name),
    getColor: o.color,
    getSize: o.size,
    fontFamily: LABEL_FONT,
    ...(o.fontWeight ? { fontWeight: o.fontWeight } : {}),
    characterSet: 'auto',
    fontSettings: { sdf: true },
    outlineWidth: o.outlineWidth ?? 3,
    outlineColor: [7, 13, 26, 235],
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    updateTriggers: { getText: o.lang },
  });
}

/** A clustered layer: clusters as circles sized by their count with the count inside, single points as dots. */
function clusterLayers(layer: ClusteredLayerId, features: ClusterPoint[], locale: string): Layer[] {
  const clusters = features.filter((f) => f.properties.cluster);
  const points = features.filter((f) => !f.properties.cluster);
  const countOf = (f: ClusterPoint) => (f.properties.cluster ? f.properties.count : 1);
  return [
    new ScatterplotLayer<ClusterPoint>({
      id: `${layer}-clusters`,
      data: clusters,
      getPosition: (f) => f.geometry.coordinates,
      getFillColor: (f) => {
        const [r, g, b] = f.properties.cluster ? clusterColor(layer, f.properties.counts) : categoryColor(layer, '');
        return [r, g, b, 215];
      },
      getRadius: (f) => clusterRadius(countOf(f)),
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [241, 245, 249, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new ScatterplotLayer<ClusterPoint>({
      id: `${layer}-points`,
      data: points,
      getPosition: (f) => f.geometry.coordinates,
      getFillColor: (f) => categoryColor(layer, f.properties.cluster ? '' : f.properties.category),
      getRadius: 6,
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: [7, 13, 26, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new TextLayer<ClusterPoint>({
      id: `${layer}-counts`,
      data: clusters,
      getPosition: (f) => f.geometry.coordinates,
      getText: (f) => clusterLabel(countOf(f), locale),
      getColor: [7, 13, 26, 255],
      getSize: 14,
      fontFamily: LABEL_FONT,
      fontWeight: 700,
      characterSet: '0123456789.,k',
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
}
