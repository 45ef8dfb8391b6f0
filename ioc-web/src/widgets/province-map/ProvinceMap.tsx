import { MapboxOverlay } from '@deck.gl/mapbox';
import type { DispatchUnit, IncidentRecord, KpiBreakdownResponse, KpiInfo } from '@ioc/sdk';
import { Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import countryOutlines from 'virtual:country-outlines';
import { restClient } from '../../api/rest-client';
import { useNow } from '../../app/use-now';
import { shortMetricName } from '../../format/metric-label';
import { useI18n } from '../../i18n/i18n-context';
import { useSharedLive } from '../../live/shared-live';
import { exposeDebugProbe } from '../../wall/readiness';
import type { WidgetProps } from '../widget-types';
import type { ProvinceMapOptions } from './index';
import { choroplethScale } from './choropleth';
import { clampBbox, mapClient, type ClusterPoint } from './cluster-client';
import { drawableRegions, type DrawableRegions } from './drawable-regions';
import { openIncidentsReducer, unitsReducer, type IncidentMap, type UnitMap } from './live-layers';
import { MapLegend } from './map-legend';
import { buildMapLayers, COMMUNE_MIN_ZOOM } from './map-layers';
import { CLUSTERED_LAYERS, orderedLayers, type ClusteredLayerId, type MapLayerId } from './map-options';
import { OFFLINE_STYLE } from './map-style';

/** Room kept left of the province for the legend (its box is at most 300 px wide), but never most of a narrow tile. */
const LEGEND_CLEARANCE_PX = 240;
const LEGEND_CLEARANCE_MAX_SHARE = 0.4;
/** Viewport changes settle this long before the clusters of the new view are asked for. */
const CLUSTER_DEBOUNCE_MS = 150;
/** Clusters are asked for again this often even when nothing moved (camera states, new reports). */
const CLUSTER_REFRESH_MS = 30_000;
const CHOROPLETH_REFRESH_MS = 60_000;

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

interface Viewport {
  bbox: [number, number, number, number];
  zoom: number;
}

type Clusters = Partial<Record<ClusteredLayerId, { features: ClusterPoint[]; total: number; truncated: boolean }>>;

export default function ProvinceMap({ options, width, height, data, scope, kpis, live: pageLive, onReady }: WidgetProps<ProvinceMapOptions>) {
  const { lang, locale, pick, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const handleRef = useRef<MapHandle | null>(null);
  const progress = useRef<DrawProgress>({ mapIdle: false, dataInLayers: false, deckDrewData: false, reported: false });
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  const regionCountRef = useRef(0);
  // Layers a benchmark or test set through the debug probe instead of the tile's (null: the tile's).
  const [override, setOverride] = useState<readonly string[] | null>(null);
  // Clustered layers the server serves (the synthetic one only with MAP_SYNTHETIC_MAX > 0); null until known.
  const [syntheticOverride, setSyntheticOverride] = useState<number | null>(null);
  const syntheticCount = syntheticOverride ?? options.syntheticCount;
  const [served, setServed] = useState<readonly string[] | null>(null);
  const visible = useMemo(
    () => orderedLayers((override ?? options.layers ?? []).filter((id) => (!(CLUSTERED_LAYERS as readonly string[]).includes(id) || served === null || served.includes(id)))),
    [options.layers, override, served],
  );
  const visibleKey = visible.join(',');
  const on = (id: MapLayerId) => visible.includes(id);
  const [style, setStyle] = useState<string | StyleSpecification | null>(options.styleUrl);
  const [regions, setRegions] = useState<DrawableRegions | null>(null);
  const [province, setProvince] = useState<DrawableRegions | null>(null);
  const [communes, setCommunes] = useState<DrawableRegions | null>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [clusters, setClusters] = useState<Clusters>({});
  const [incidents, setIncidents] = useState<IncidentMap | null>(null);
  const [units, setUnits] = useState<UnitMap | null>(null);
  const [feedbackTick, setFeedbackTick] = useState(0);
  const [choroplethRegions, setChoroplethRegions] = useState<DrawableRegions | null>(null);
  const [breakdown, setBreakdown] = useState<KpiBreakdownResponse | null>(null);
  const [kpiInfo, setKpiInfo] = useState<KpiInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const now = useNow(15_000);
  const report = (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error));

  // The style: the tile's own, else the server's MAP_STYLE_URL, else the offline basemap.
  useEffect(() => {
    const abort = new AbortController();
    mapClient.config(abort.signal).then(
      (c) => {
        setServed(c.clusterLayers);
        if (!options.styleUrl) setStyle(c.styleUrl ?? OFFLINE_STYLE);
      },
      () => {
        if (abort.signal.aborted) return;
        setServed([...CLUSTERED_LAYERS].filter((id) => id !== 'synthetic'));
        if (!options.styleUrl) setStyle(OFFLINE_STYLE);
      },
    );
    return () => abort.abort();
  }, [options.styleUrl]);
  const offlineBasemap = style === OFFLINE_STYLE;

  useEffect(() => {
    const container = containerRef.current;
    if (!container || style === null) return;
    const reportIfDrawn = () => {
      const p = progress.current;
      // A zero-sized canvas also goes idle and renders; it has drawn nothing anyone can see.
      const visibleBox = container.clientWidth > 0 && container.clientHeight > 0;
      if (!p.reported && visibleBox && p.mapIdle && p.deckDrewData) {
        p.reported = true;
        onReadyRef.current();
      }
    };
    const map = new MapLibreMap({
      container,
      style,
      bounds: options.bounds,
      // The legend sits bottom-left; keep the province clear of it.
      fitBoundsOptions: {
        padding: { top: 16, bottom: 16, right: 16, left: Math.min(LEGEND_CLEARANCE_PX, Math.round(container.clientWidth * LEGEND_CLEARANCE_MAX_SHARE)) },
      },
      // A wall is watched, not touched: no accidental pans from a stray mouse (unless the tile asks).
      interactive: options.interactive,
      attributionControl: false,
      renderWorldCopies: false,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      // Software WebGL on wall PCs: no MSAA and no preserved drawing buffer (deck.gl's default keeps
      // one, a full-screen copy every frame), measured with npm run bench:map.
      deviceProps: { webgl: { antialias: false, preserveDrawingBuffer: false } },
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
    const readViewport = () => {
      const b = map.getBounds();
      setViewport({ bbox: clampBbox([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]), zoom: Math.max(0, Math.min(22, Math.round(map.getZoom()))) });
    };
    let debounce: ReturnType<typeof setTimeout> | undefined;
    map.on('moveend', () => {
      clearTimeout(debounce);
      debounce = setTimeout(readViewport, CLUSTER_DEBOUNCE_MS);
    });
    map.once('load', readViewport);
    handleRef.current = { map, overlay };
    const removeProbe = exposeDebugProbe('map', {
      project: (lon: number, lat: number) => {
        const point = map.project([lon, lat]);
        const box = container.getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y };
      },
      /** Region polygons handed to deck.gl (0 until drawn). */
      regionCount: () => (progress.current.dataInLayers ? regionCountRef.current : 0),
      /** Moves the map by pixels without animation (benchmarks pan with it). */
      panBy: (dx: number, dy: number) => map.panBy([dx, dy], { animate: false }),
      jumpTo: (lon: number, lat: number, zoom: number) => map.jumpTo({ center: [lon, lat], zoom }),
      zoom: () => map.getZoom(),
      /** Shows these layers instead of the tile's (null: back to the tile's), e.g. the synthetic one for a benchmark. */
      setLayers: (ids: string[] | null) => setOverride(ids),
      /** Sets how many synthetic points the synthetic layer asks for. */
      setSyntheticCount: (n: number) => setSyntheticOverride(n),
      /** Features per clustered layer now drawn, and whether any is a cluster. */
      clusterStats: () => clusterStatsRef.current,
      /** The clusters now drawn on a clustered layer: where, and how many points each holds. */
      clusters: (layer: string) => (clustersRef.current[layer as ClusteredLayerId]?.features ?? []).filter((f) => f.properties.cluster).map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], count: f.properties.cluster ? f.properties.count : 1 })),
      /** Whether deck.gl has drawn a frame with the data layers since the map last settled. */
      drawn: () => progress.current.deckDrewData,
    });
    return () => {
      clearTimeout(debounce);
      removeProbe();
      handleRef.current = null;
      map.remove();
    };
    // Built once per tile: bounds, style and interaction are fixed by the wall layout.
  }, [style]);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([restClient.regions(options.regionLevel, abort.signal), restClient.regions('province', abort.signal)])
      .then(([level, provinceOutline]) => {
        const drawable = drawableRegions(level);
        regionCountRef.current = drawable.features.length;
        setRegions(drawable);
        setProvince(drawableRegions(provinceOutline));
      })
      .catch((error: unknown) => !abort.signal.aborted && report(error));
    return () => abort.abort();
  }, [options.regionLevel]);

  // Communes are outlined once the map is zoomed in far enough; fetched the first time it is.
  const wantCommunes = options.regionLevel === 'district' && (viewport?.zoom ?? 0) >= COMMUNE_MIN_ZOOM;
  useEffect(() => {
    if (!wantCommunes || communes) return;
    const abort = new AbortController();
    restClient.regions('commune', abort.signal).then((c) => setCommunes(drawableRegions(c)), (e: unknown) => !abort.signal.aborted && report(e));
    return () => abort.abort();
  }, [wantCommunes, communes]);

  // Choropleth: the KPI's breakdown by region, refreshed every minute.
  const choroplethOn = on('choropleth') && options.choroplethKpi !== null;
  useEffect(() => {
    if (!choroplethOn) return;
    const abort = new AbortController();
    restClient.regions(options.choroplethLevel, abort.signal).then((c) => setChoroplethRegions(drawableRegions(c)), (e: unknown) => !abort.signal.aborted && report(e));
    return () => abort.abort();
  }, [choroplethOn, options.choroplethLevel]);
  useEffect(() => {
    if (!choroplethOn || !options.choroplethKpi) return;
    const kpiId = options.choroplethKpi;
    const known = kpis.infos.get(kpiId);
    if (known) setKpiInfo(known);
    const abort = new AbortController();
    if (!known) {
      restClient.kpis({ sector: kpiId.split('.')[0] }, abort.signal).then((list) => setKpiInfo(list.kpis.find((k) => k.id === kpiId) ?? null), () => undefined);
    }
    const load = () =>
      restClient.kpiBreakdown(kpiId, { period: options.choroplethPeriod, level: options.choroplethLevel }, abort.signal).then(
        (b) => {
          setLoadError(null);
          setBreakdown(b);
        },
        (e: unknown) => !abort.signal.aborted && report(e),
      );
    void load();
    const timer = setInterval(load, CHOROPLETH_REFRESH_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [choroplethOn, options.choroplethKpi, options.choroplethPeriod, options.choroplethLevel, kpis.infos]);

  // Live layers: open incidents, moving units, and field reports (which make the report clusters stale).
  const liveTopics = (['incidents', 'units', 'feedback'] as const).filter((id) => visible.includes(id));
  const liveKey = liveTopics.join(',');
  // The page's connection (or the one shared by widgets of a page that passes none).
  const sharedLive = useSharedLive(liveKey !== '' && !pageLive);
  const live = pageLive ?? sharedLive;
  useEffect(() => {
    if (!liveKey || !live) return;
    const offs: Array<() => void> = [];
    if (liveKey.includes('incidents')) offs.push(live.subscribe('incidents', openIncidentsReducer, (state) => setIncidents(state)));
    if (liveKey.includes('units')) offs.push(live.subscribe('units', unitsReducer, (state) => setUnits(state)));
    if (liveKey.includes('feedback')) offs.push(live.subscribe('feedback', { fromSnapshot: () => null, applyDelta: () => null }, (_s, u) => u.kind === 'delta' && setFeedbackTick((n) => n + 1)));
    return () => {
      for (const off of offs) off();
    };
  }, [liveKey, live]);

  // Server clusters of the viewport for the layers with many entities.
  const clustered = CLUSTERED_LAYERS.filter((id) => visible.includes(id));
  const clusteredKey = clustered.join(',');
  const [refreshTick, setRefreshTick] = useState(0);
  useEffect(() => {
    if (!clusteredKey) return;
    const timer = setInterval(() => setRefreshTick((n) => n + 1), CLUSTER_REFRESH_MS);
    return () => clearInterval(timer);
  }, [clusteredKey]);
  useEffect(() => {
    if (!viewport || !clusteredKey) return;
    const abort = new AbortController();
    for (const layer of clusteredKey.split(',') as ClusteredLayerId[]) {
      mapClient.clusters({ layer, bbox: viewport.bbox, zoom: viewport.zoom, ...(layer === 'synthetic' ? { n: syntheticCount } : {}) }, abort.signal).then(
        (answer) => setClusters((c) => ({ ...c, [layer]: { features: answer.features, total: answer.total, truncated: answer.truncated } })),
        (e: unknown) => !abort.signal.aborted && report(e),
      );
    }
    return () => abort.abort();
  }, [viewport, clusteredKey, syntheticCount, refreshTick, feedbackTick]);

  useEffect(() => {
    handleRef.current?.map.resize();
  }, [width, height]);

  const sources = useMemo(
    () => [...data.sources.values()].filter((s) => options.sector === null || s.sector === options.sector),
    [data.sources, options.sector],
  );
  const colorByValue = options.sourceColor === 'value';
  const highlightRegionId = (scope.regionId && scope.regions?.ancestorAt(scope.regionId, options.regionLevel)?.id) || null;
  // Only the coloured sector's values matter here; other sectors' deltas must not redraw the map
  // (every deck.gl frame costs real CPU on a software-rendered wall PC).
  const colorValues = data.latestBySector[options.colorSector];
  const heatValues = on('heatmap') ? data.latestBySector[options.heatmapSector] : undefined;
  const heatmap = useMemo(() => {
    if (!heatValues) return [];
    const points: Array<{ position: [number, number]; weight: number }> = [];
    for (const s of data.sources.values()) {
      const v = heatValues[s.id]?.[options.heatmapMetric];
      if (s.sector === options.heatmapSector && v && v.value > 0) points.push({ position: [s.lon, s.lat], weight: v.value });
    }
    return points;
  }, [heatValues, data.sources, options.heatmapSector, options.heatmapMetric]);
  const scale = useMemo(() => (breakdown ? choroplethScale(breakdown, kpiInfo?.direction) : null), [breakdown, kpiInfo]);
  const incidentList = useMemo<IncidentRecord[]>(() => (incidents ? [...incidents.values()] : []), [incidents]);
  const unitList = useMemo<DispatchUnit[]>(() => (units ? [...units.values()] : []), [units]);
  const clustersRef = useRef(clusters);
  clustersRef.current = clusters;
  const clusterStatsRef = useRef<Record<string, { features: number; clusters: number; total: number }>>({});
  clusterStatsRef.current = Object.fromEntries(Object.entries(clusters).map(([k, v]) => [k, { features: v!.features.length, clusters: v!.features.filter((f) => f.properties.cluster).length, total: v!.total }]));
  const clusterFeatures = useMemo(() => Object.fromEntries(Object.entries(clusters).map(([k, v]) => [k, v!.features])), [clusters]);
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
        colorBy: colorByValue ? { sector: options.colorSector, metric: options.colorMetric, scale: options.colorScale } : null,
        highlightRegionId,
        sectors: data.sectors,
        now,
        colorInputs: [sources, colorValues, now],
        visible,
        drawCountries: offlineBasemap,
        zoom: viewport?.zoom ?? 0,
        communes: wantCommunes ? communes : null,
        choropleth: choroplethOn && choroplethRegions && scale ? { regions: choroplethRegions, scale } : null,
        heatmap,
        clusters: clusterFeatures,
        incidents: incidentList,
        units: unitList,
        locale,
      }),
    [sources, colorValues, data.sectors, regions, province, now, lang, options, colorByValue, highlightRegionId, visibleKey, offlineBasemap, viewport?.zoom, wantCommunes, communes, choroplethOn, choroplethRegions, scale, heatmap, clusterFeatures, incidentList, unitList, locale],
  );
  // Ready once every visible layer has its first data (a layer that failed shows its error instead).
  const layersLoaded =
    (!choroplethOn || scale !== null || loadError !== null) &&
    (!on('incidents') || incidents !== null) &&
    (!on('units') || units !== null) &&
    clustered.every((id) => clusters[id] !== undefined || loadError !== null);
  const dataLoaded = regions !== null && data.status === 'ready' && layersLoaded;

  useEffect(() => {
    const handle = handleRef.current;
    if (!handle) return;
    handle.overlay.setProps({ layers });
    if (dataLoaded) progress.current.dataInLayers = true;
  }, [layers, dataLoaded, style]);

  const colorKinds = data.sectors.get(options.colorSector)?.sourceKinds ?? {};
  const colorMetricSchema = Object.values(colorKinds).map((kind) => kind.metrics[options.colorMetric]).find(Boolean);
  const heatKinds = data.sectors.get(options.heatmapSector)?.sourceKinds ?? {};
  const heatMetricSchema = Object.values(heatKinds).map((kind) => kind.metrics[options.heatmapMetric]).find(Boolean);
  const totals = Object.fromEntries(Object.entries(clusters).map(([k, v]) => [k, v!.total]));

  return (
    <div className="province-map">
      <div ref={containerRef} className="province-map__canvas" />
      <MapLegend
        visible={visible}
        colorTitle={colorByValue ? (colorMetricSchema ? shortMetricName(pick(colorMetricSchema.name)) : options.colorMetric) : null}
        approximateBoundaries={regions?.features.some((f) => f.properties.approximate) ?? false}
        choropleth={choroplethOn ? { title: kpiInfo ? pick(kpiInfo.name) : t('map.layer.choropleth'), unit: kpiInfo?.unit ? pick(kpiInfo.unit) : '', scale, decimals: kpiInfo && 'decimals' in kpiInfo && typeof kpiInfo.decimals === 'number' ? kpiInfo.decimals : 1 } : null}
        heatmapTitle={t('map.layer.heatmap', { metric: heatMetricSchema ? shortMetricName(pick(heatMetricSchema.name)) : options.heatmapMetric })}
        totals={totals}
      />
      {loadError && <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>}
    </div>
  );
}
