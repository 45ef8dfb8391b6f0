import type { Provider, Type } from '@nestjs/common';
import type { Config } from '../config/config.js';
import type { Bus } from '../engine/bus/bus.js';
import type { DispatchService } from '../engine/dispatch/dispatch.service.js';
import { DISPATCH_CHANGED } from '../engine/dispatch/dispatch.service.js';
import { FEEDBACK_CHANGED, type FeedbackService } from '../engine/feedback/feedback.service.js';
import { INCIDENTS_CHANGED, type IncidentService } from '../engine/incidents/incident.service.js';
import { INGEST_COMMITTED, type IngestCommitted } from '../engine/ingest/index.js';
import type { MapPoint } from '../engine/map/cluster-index.js';
import { MapClusterService } from '../engine/map/map-clusters.service.js';
import type { SourcesFamily } from '../engine/realtime/sources-family.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import { SOURCES_CHANGED, type SourceRegistry } from '../engine/registry/source-registry.js';
import { MAP_CONFIG, MapController, type MapConfigAnswer } from '../api/map.controller.js';

/**
 * The map's server side in the api role: cluster indexes of the many-entity layers (rebuilt on the
 * bus events that change them, see MapClusterService) and the map config for the web app.
 * Kept out of runtime.ts so the composition root gains one line for it.
 */
export function mapApi(deps: {
  config: Config;
  bus: Bus;
  modules: ModuleRegistry;
  sources: SourceRegistry;
  status: SourcesFamily;
  incidents: IncidentService;
  dispatch: DispatchService;
  feedback: FeedbackService;
}): { providers: Provider[]; controllers: Type[] } {
  const { config, bus, modules, sources, status, incidents, dispatch, feedback } = deps;
  const isCamera = (s: { sector: string; kind: string }) => !!modules.sourceKind(s.sector, s.kind)?.camera;
  const sourcePoints = (cameras: boolean): MapPoint[] => {
    const now = Date.now();
    return sources
      .list()
      .filter((s) => isCamera(s) === cameras && !dispatch.isUnit(s))
      .map((s) => ({ id: s.id, lon: s.lon, lat: s.lat, category: status.stateOf(s, now), props: { sector: s.sector, kind: s.kind, name: s.name } }));
  };
  const service = new MapClusterService(
    {
      sources: () => sourcePoints(false),
      cameras: () => sourcePoints(true),
      incidents: async () =>
        (await incidents.list({ open: true, limit: 10_000 }))
          .filter((i) => i.lon !== null && i.lat !== null)
          .map((i) => ({ id: i.id, lon: i.lon!, lat: i.lat!, category: i.severity, props: { code: i.code, title: i.title, state: i.state } })),
      units: () =>
        dispatch.units().map((u) => {
          const at = u.position ?? u.base;
          return { id: u.id, lon: at.lon, lat: at.lat, category: u.status, props: { unitType: u.unitType, callSign: u.callSign } };
        }),
      feedback: async () =>
        (await feedback.list({ state: ['received', 'processing'], limit: 1000 }))
          .filter((r) => r.lon !== null && r.lat !== null)
          .map((r) => ({ id: r.id, lon: r.lon!, lat: r.lat!, category: r.state, props: { code: r.code, category: r.category, overdue: r.overdue } })),
    },
    { syntheticMax: config.map.syntheticMax },
  );
  bus.subscribe(SOURCES_CHANGED, () => {
    service.invalidate('sources');
    service.invalidate('cameras');
  });
  bus.subscribe(INCIDENTS_CHANGED, () => service.invalidate('incidents'));
  bus.subscribe(DISPATCH_CHANGED, () => service.invalidate('units'));
  bus.subscribe(FEEDBACK_CHANGED, () => service.invalidate('feedback'));
  bus.subscribe<IngestCommitted>(INGEST_COMMITTED, (batch) => {
    if (batch.positions.length) service.invalidate('units');
    if (batch.statuses.length) {
      service.invalidate('sources');
      service.invalidate('cameras');
    }
  });
  const mapConfig: MapConfigAnswer = { styleUrl: config.map.styleUrl ?? null, syntheticMax: config.map.syntheticMax };
  return {
    providers: [
      { provide: MapClusterService, useValue: service },
      { provide: MAP_CONFIG, useValue: mapConfig },
    ],
    controllers: [MapController],
  };
}
