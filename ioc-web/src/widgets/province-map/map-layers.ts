import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { SectorManifest } from '@ioc/sdk';
import type { CountryOutline } from 'virtual:country-outlines';
import type { SourceWithState } from '../../api/types';
import type { Rgba } from '../../colors/color';
import type { Lang } from '../../i18n';
import type { LatestValue } from '../../store/wall-data-store';
import type { DrawableRegion, DrawableRegions } from './drawable-regions';
import { regionLabel } from '../../regions/region-label';
import { sourceFillColor, type ColorBy } from './source-color';

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
}

export function buildMapLayers(input: MapLayerInput): Layer[] {
  // Sources that carry the colour metric are drawn larger: they are what the legend explains.
  const { colorBy } = input;
  const carriesColorMetric = (s: SourceWithState) =>
    colorBy === null || (s.sector === colorBy.sector && input.sectors.get(s.sector)?.sourceKinds[s.kind]?.metrics[colorBy.metric] !== undefined);
  const layers: Layer[] = [
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
  ];
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
  layers.push(
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
  if (input.showLabels && input.regions) {
    const white: Rgba = [241, 245, 249, 255];
    layers.push(
      new TextLayer<DrawableRegion>({
        id: 'region-labels',
        data: input.regions.features,
        getPosition: (f) => f.properties.center,
        getText: (f) => regionLabel(input.lang === 'en' ? f.properties.nameEn || f.properties.name : f.properties.name),
        getColor: white,
        getSize: 17,
        fontFamily: LABEL_FONT,
        fontWeight: 600,
        // Vietnamese needs its diacritics in the glyph atlas; 'auto' collects them from the data.
        characterSet: 'auto',
        fontSettings: { sdf: true },
        outlineWidth: 4,
        outlineColor: [7, 13, 26, 235],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        updateTriggers: { getText: input.lang },
      }),
    );
  }
  return layers;
}
