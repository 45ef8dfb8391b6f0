import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import countryOutlines from 'virtual:country-outlines';
import { restClient } from '../../api/rest-client';
import { useNow } from '../../app/use-now';
import { shortMetricName } from '../../format/metric-label';
import { useI18n } from '../../i18n/i18n-context';
import { exposeDebugProbe } from '../../wall/readiness';
import type { WidgetProps } from '../widget-types';
import type { ProvinceMapOptions } from './index';
import { drawableRegions, type DrawableRegions } from './drawable-regions';
import { MapLegend } from './map-legend';
import { buildMapLayers } from './map-layers';
import { OFFLINE_STYLE } from './map-style';

/** Room kept left of the province for the legend (its box is at most 230 px wide), but never most of a narrow tile. */
const LEGEND_CLEARANCE_PX = 240;
const LEGEND_CLEARANCE_MAX_SHARE = 0.4;

// maplibre-gl 6 is ESM-only and cannot locate its worker inside a bundle by itself.
setWorkerUrl(workerUrl);

interface MapHandle {
  map: MapLibreMap;
  overlay: MapboxOverlay;
}

/** Drawn = the base map went idle and deck.gl rendered a frame that contained the data layers. */
interface DrawProgress {
  mapIdle: boolean;
  dataInLayers: boolean;
  deckDrewData: boolean;
  reported: boolean;
}

export default function ProvinceMap({ options, width, height, data, scope, onReady }: WidgetProps<ProvinceMapOptions>) {
  const { lang, pick, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<MapHandle | null>(null);
  const progress = useRef<DrawProgress>({ mapIdle: false, dataInLayers: false, deckDrewData: false, reported: false });
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const regionCountRef = useRef(0);
  const [regions, setRegions] = useState<DrawableRegions | null>(null);
  const [province, setProvince] = useState<DrawableRegions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const now = useNow(15_000);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const reportIfDrawn = () => {
      const p = progress.current;
      // A zero-sized canvas also goes idle and renders; it has drawn nothing anyone can see.
      const visible = container.clientWidth > 0 && container.clientHeight > 0;
      if (!p.reported && visible && p.mapIdle && p.deckDrewData) {
        p.reported = true;
        onReadyRef.current();
      }
    };
    const map = new MapLibreMap({
      container,
      style: options.styleUrl ?? OFFLINE_STYLE,
      bounds: options.bounds,
      // The legend sits bottom-left; keep the province clear of it.
      fitBoundsOptions: {
        padding: { top: 16, bottom: 16, right: 16, left: Math.min(LEGEND_CLEARANCE_PX, Math.round(container.clientWidth * LEGEND_CLEARANCE_MAX_SHARE)) },
      },
      // A wall is watched, not touched: no accidental pans from a stray mouse.
      interactive: false,
      attributionControl: false,
      renderWorldCopies: false,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onAfterRender: () => {
        if (progress.current.dataInLayers) {
          progress.current.deckDrewData = true;
          reportIfDrawn();
        }
      },
    });
    map.addControl(overlay);
    map.on('idle', () => {
      progress.current.mapIdle = true;
      reportIfDrawn();
    });
    handleRef.current = { map, overlay };
    const removeProbe = exposeDebugProbe('map', {
      project: (lon: number, lat: number) => {
        const point = map.project([lon, lat]);
        const box = container.getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y };
      },
      /** Region polygons handed to deck.gl (0 until drawn). */
      regionCount: () => (progress.current.dataInLayers ? regionCountRef.current : 0),
    });
    return () => {
      removeProbe();
      handleRef.current = null;
      map.remove();
    };
    // Built once per tile: bounds and style are fixed by the wall layout.
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([restClient.regions(options.regionLevel, abort.signal), restClient.regions('province', abort.signal)])
      .then(([level, provinceOutline]) => {
        const drawable = drawableRegions(level);
        regionCountRef.current = drawable.features.length;
        setRegions(drawable);
        setProvince(drawableRegions(provinceOutline));
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => abort.abort();
  }, [options.regionLevel]);

  useEffect(() => {
    handleRef.current?.map.resize();
  }, [width, height]);

  const sources = useMemo(
    () => [...data.sources.values()].filter((s) => options.sector === null || s.sector === options.sector),
    [data.sources, options.sector],
  );
  const colorByAirQuality = options.layer === 'air-quality';
  const highlightRegionId = (scope.regionId && scope.regions?.ancestorAt(scope.regionId, options.regionLevel)?.id) || null;
  // Only the coloured sector's values matter here; other sectors' deltas must not redraw the map
  // (every deck.gl frame costs real CPU on a software-rendered wall PC).
  const colorValues = data.latestBySector[options.colorSector];
  const layers = useMemo(
    () =>
      buildMapLayers({
        countries: countryOutlines.features,
        province,
        regions,
        showLabels: options.showLabels,
        lang,
        sources,
        valueOf: (source) => colorValues?.[source.id]?.[options.colorMetric],
        colorBy: colorByAirQuality ? { sector: options.colorSector, metric: options.colorMetric, scale: options.colorScale } : null,
        highlightRegionId,
        sectors: data.sectors,
        now,
        colorInputs: [sources, colorValues, now],
      }),
    [sources, colorValues, data.sectors, regions, province, now, lang, options, colorByAirQuality, highlightRegionId],
  );
  const dataLoaded = regions !== null && data.status === 'ready';

  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    handle.overlay.setProps({ layers });
    if (dataLoaded) progress.current.dataInLayers = true;
  }, [layers, dataLoaded]);

  const colorKinds = data.sectors.get(options.colorSector)?.sourceKinds ?? {};
  const colorMetricSchema = Object.values(colorKinds).map((kind) => kind.metrics[options.colorMetric]).find(Boolean);

  return (
    <div className="province-map">
      <div ref={containerRef} className="province-map__canvas" />
      <MapLegend
        colorTitle={colorByAirQuality ? (colorMetricSchema ? shortMetricName(pick(colorMetricSchema.name)) : options.colorMetric) : null}
        approximateBoundaries={regions?.features.some((f) => f.properties.approximate) ?? false}
      />
      {loadError && <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>}
    </div>
  );
}
