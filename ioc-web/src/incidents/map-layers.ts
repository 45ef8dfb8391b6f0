import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer, LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { DispatchUnit, IncidentRecord } from '@ioc/sdk';
import type { Lang } from '../i18n';
import type { DrawableRegion, DrawableRegions } from '../widgets/province-map/drawable-regions';
import { regionLabelLayer } from '../widgets/province-map/map-layers';
import { SEVERITY_COLORS, UNIT_STATUS_COLORS } from './incident-logic';

export interface IncidentMapInput {
  districts: DrawableRegions | null;
  province: DrawableRegions | null;
  lang: Lang;
  incidents: readonly IncidentRecord[];
  units: readonly DispatchUnit[];
  selectedId: string | null;
  /** Units suggested for, or assigned to, the selected incident. */
  linkedUnitIds: ReadonlySet<string>;
}

type Located = IncidentRecord & { lon: number; lat: number };
const located = (i: IncidentRecord): i is Located => i.lon !== null && i.lat !== null;
export const unitPoint = (u: DispatchUnit): [number, number] => (u.position ? [u.position.lon, u.position.lat] : [u.base.lon, u.base.lat]);

/** District outlines, units by status, open incidents by severity on top; the selected incident ringed, lines to its units. */
export function buildIncidentLayers(input: IncidentMapInput): Layer[] {
  const layers: Layer[] = [];
  if (input.districts) {
    layers.push(
      new GeoJsonLayer<DrawableRegion['properties']>({
        id: 'districts',
        data: input.districts,
        filled: true,
        stroked: true,
        getFillColor: (_f, { index }) => (index % 2 === 0 ? [30, 58, 95, 200] : [24, 48, 82, 200]),
        getLineColor: [125, 176, 235, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.2,
      }),
      regionLabelLayer({ id: 'district-labels', regions: input.districts, lang: input.lang, color: [203, 213, 225, 200], size: 12 }),
    );
  }
  if (input.province) {
    layers.push(
      new GeoJsonLayer({ id: 'province', data: input.province, filled: false, stroked: true, getLineColor: [34, 211, 238, 255], lineWidthUnits: 'pixels', getLineWidth: 2.5 }),
    );
  }
  const incidents = input.incidents.filter(located);
  const selected = incidents.find((i) => i.id === input.selectedId) ?? null;
  if (selected) {
    const linked = input.units.filter((u) => input.linkedUnitIds.has(u.id));
    layers.push(
      new LineLayer<DispatchUnit>({
        id: 'dispatch-lines',
        data: linked,
        getSourcePosition: () => [selected.lon, selected.lat],
        getTargetPosition: unitPoint,
        getColor: [250, 204, 21, 200],
        getWidth: 2,
        widthUnits: 'pixels',
      }),
    );
  }
  layers.push(
    new ScatterplotLayer<DispatchUnit>({
      id: 'units',
      data: [...input.units],
      getPosition: unitPoint,
      getFillColor: (u) => UNIT_STATUS_COLORS[u.status],
      getRadius: (u) => (input.linkedUnitIds.has(u.id) ? 7 : 4.5),
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: (u) => (input.linkedUnitIds.has(u.id) ? [250, 204, 21, 255] : [7, 13, 26, 255]),
      getLineWidth: (u) => (input.linkedUnitIds.has(u.id) ? 2.5 : 1),
      lineWidthUnits: 'pixels',
      updateTriggers: { getRadius: [...input.linkedUnitIds].join(), getLineColor: [...input.linkedUnitIds].join(), getLineWidth: [...input.linkedUnitIds].join() },
    }),
    new ScatterplotLayer<Located>({
      id: 'incidents',
      data: incidents,
      getPosition: (i) => [i.lon, i.lat],
      getFillColor: (i) => SEVERITY_COLORS[i.severity],
      getRadius: (i) => (i.id === input.selectedId ? 11 : 8),
      radiusUnits: 'pixels',
      stroked: true,
      getLineColor: (i) => (i.id === input.selectedId ? [255, 255, 255, 255] : [7, 13, 26, 255]),
      getLineWidth: (i) => (i.id === input.selectedId ? 3 : 1.5),
      lineWidthUnits: 'pixels',
      updateTriggers: { getRadius: input.selectedId, getLineColor: input.selectedId, getLineWidth: input.selectedId },
    }),
  );
  if (selected) {
    layers.push(
      new ScatterplotLayer<Located>({
        id: 'selected-ring',
        data: [selected],
        getPosition: (i) => [i.lon, i.lat],
        filled: false,
        stroked: true,
        getRadius: 20,
        radiusUnits: 'pixels',
        getLineColor: [255, 255, 255, 230],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
      }),
    );
  }
  return layers;
}
