import { MapboxOverlay } from '@deck.gl/mapbox';
import type { DispatchUnit, IncidentRecord } from '@ioc/sdk';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { restClient } from '../api/rest-client';
import { useI18n } from '../i18n/i18n-context';
import { exposeDebugProbe } from '../wall/readiness';
import { provinceMapWidget } from '../widgets/province-map';
import { drawableRegions, type DrawableRegions } from '../widgets/province-map/drawable-regions';
import { OFFLINE_STYLE } from '../widgets/province-map/map-style';
import { errorText } from './incidents-api';
import { buildIncidentLayers } from './map-layers';

setWorkerUrl(workerUrl);

export interface IncidentMapProps {
  incidents: readonly IncidentRecord[];
  units: readonly DispatchUnit[];
  selectedId: string | null;
  linkedUnitIds: ReadonlySet<string>;
  onSelect: (incidentId: string) => void;
  /** Called once the base map went idle and deck.gl drew a frame with the districts. */
  onDrawn: () => void;
}

/** The console's compact map: districts, open incidents by severity, units moving live by status. */
export default function IncidentMap({ incidents, units, selectedId, linkedUnitIds, onSelect, onDrawn }: IncidentMapProps) {
  const { lang, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const handle = useRef<{ map: MapLibreMap; overlay: MapboxOverlay } | null>(null);
  const progress = useRef({ idle: false, dataInLayers: false, drewData: false, reported: false });
  const [drawn, setDrawn] = useState(false);
  const [districts, setDistricts] = useState<DrawableRegions | null>(null);
  const [province, setProvince] = useState<DrawableRegions | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const onDrawnRef = useRef(onDrawn);
  onDrawnRef.current = onDrawn;
  const unitCount = useRef(0);
  unitCount.current = units.length;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const report = () => {
      const p = progress.current;
      if (!p.reported && p.idle && p.drewData && container.clientWidth > 0 && container.clientHeight > 0) {
        p.reported = true;
        setDrawn(true);
        onDrawnRef.current();
      }
    };
    const map = new MapLibreMap({
      container,
      style: OFFLINE_STYLE,
      bounds: provinceMapWidget.manifest.defaults.bounds as [number, number, number, number],
      fitBoundsOptions: { padding: 12 },
      attributionControl: false,
      renderWorldCopies: false,
      dragRotate: false,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      onClick: (info) => {
        const object = info.object as { id?: string; code?: string } | undefined;
        if (info.layer?.id === 'incidents' && object?.id) onSelectRef.current(object.id);
      },
      getCursor: ({ isHovering }) => (isHovering ? 'pointer' : 'grab'),
      onAfterRender: () => {
        if (progress.current.dataInLayers) {
          progress.current.drewData = true;
          report();
        }
      },
    });
    map.addControl(overlay);
    map.on('idle', () => {
      progress.current.idle = true;
      report();
    });
    handle.current = { map, overlay };
    const removeProbe = exposeDebugProbe('incidentMap', {
      project: (lon: number, lat: number) => {
        const point = map.project([lon, lat]);
        const box = container.getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y };
      },
      /** Units handed to the map. */
      unitCount: () => unitCount.current,
    });
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      removeProbe();
      handle.current = null;
      map.remove();
    };
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([restClient.regions('district', abort.signal), restClient.regions('province', abort.signal)]).then(
      ([d, p]) => {
        setDistricts(drawableRegions(d));
        setProvince(drawableRegions(p));
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoadError(errorText(error));
      },
    );
    return () => abort.abort();
  }, []);

  const layers = useMemo(
    () => buildIncidentLayers({ districts, province, lang, incidents, units, selectedId, linkedUnitIds }),
    [districts, province, lang, incidents, units, selectedId, linkedUnitIds],
  );

  useEffect(() => {
    const h = handle.current;
    if (!h) return;
    h.overlay.setProps({ layers });
    if (districts) progress.current.dataInLayers = true;
    // A redraw after idle still needs a frame: nudge the map so onAfterRender reports it.
    h.map.triggerRepaint();
  }, [layers, districts]);

  return (
    <div className="incident-map" data-testid="incident-map" data-drawn={drawn ? 'true' : 'false'}>
      <div ref={containerRef} className="incident-map__canvas" />
      <div className="incident-map__legend">
        {(['available', 'en_route', 'on_scene'] as const).map((s) => (
          <span key={s} className={`incident-map__key incident-map__key--${s}`}>
            {t(`incidents.unitStatus.${s}`)}
          </span>
        ))}
      </div>
      {loadError && <div className="tile-message tile-message--error">{t('data.error', { message: loadError })}</div>}
    </div>
  );
}
