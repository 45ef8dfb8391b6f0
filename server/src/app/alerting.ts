import type { KpiRiskMessage, KpiValuesMessage } from '../engine/kpi/kpi-engine.js';
import { KPI_RISK, KPI_VALUES } from '../engine/kpi/kpi-engine.js';
import type { KpiCatalog } from '../engine/kpi/catalog.js';
import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import type { JobQueue } from '../engine/jobs/job-queue.js';
import type { Logger } from '../engine/logging/logger.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import type { SourceRecord, SourceRegistry } from '../engine/registry/source-registry.js';
import { RegionLocator } from '../engine/registry/region-locator.js';
import type { Clock } from '../engine/time/clock.js';
import type { RegionTree } from '../engine/registry/region-tree.js';
import { AlertService, type AlertNotifier } from '../engine/alerts/alert.service.js';
import type { Notifier } from '../engine/notify/index.js';
import { PolicyBook } from '../engine/alerts/policies.js';
import { IncidentService, INCIDENTS_CHANGED, type CameraSource } from '../engine/incidents/incident.service.js';
import { DispatchService } from '../engine/dispatch/dispatch.service.js';
import type { IncidentDelta } from '@ioc/sdk';
import { RuleBook } from '../engine/rules/rule-book.js';
import { RuleEngine, type RuleSource } from '../engine/rules/rule-engine.js';
import type { IngestService } from '../engine/ingest/ingest.service.js';
import type { Classified } from '../engine/ingest/ingest.types.js';

/** The acting part of the IOC, shared by every role: policies, rules, alerts, incidents, dispatch. */
export interface Alerting {
  policies: PolicyBook;
  rules: RuleBook;
  alerts: AlertService;
  incidents: IncidentService;
  dispatch: DispatchService;
  engine?: RuleEngine;
}

const asRuleSource = (s: SourceRecord): RuleSource => ({ id: s.id, sector: s.sector, kind: s.kind, name: s.name, regionId: s.regionId, lon: s.lon, lat: s.lat, ...(s.lastSeen ? { lastSeen: s.lastSeen } : {}) });
const asCamera = (s: SourceRecord): CameraSource => ({ id: s.id, sector: s.sector, kind: s.kind, name: s.name, lon: s.lon, lat: s.lat, ...(s.online !== null ? { online: s.online } : {}), ...(s.lastSeen ? { lastSeen: s.lastSeen } : {}), ...(s.attributes ? { attributes: s.attributes } : {}) });

export async function openAlerting(deps: { db: Database; bus: Bus; jobs: JobQueue; modules: ModuleRegistry; sources: SourceRegistry; clock: Clock; log: Logger }): Promise<Alerting> {
  const { db, bus, jobs, modules, sources, clock, log } = deps;
  const policies = new PolicyBook(db);
  await policies.load();
  const rules = new RuleBook(db, bus, modules, policies);
  await rules.load();
  const alerts = new AlertService(db, bus, jobs, policies, { clock, log: log.child('alerts') });
  const locator = await RegionLocator.load(db);
  const incidents = new IncidentService(db, bus, jobs, modules, locator, { list: () => sources.list().map(asCamera) }, log.child('incidents'), { clock });
  alerts.incidents = incidents;
  const dispatch = new DispatchService(db, bus, sources, modules, incidents, { clock, log: log.child('dispatch') });
  await dispatch.start();
  return { policies, rules, alerts, incidents, dispatch };
}

/** ingest role: what units report (acknowledgements, arrivals, positions near the scene) is applied once, by the process that committed it. */
export function startDispatchReports(a: Alerting, ingest: IngestService): void {
  ingest.onCommitted((messages) => a.dispatch.handleMessages(messages));
}

/** ingest role: the rule engine reads what each batch committed, and the KPI values. */
export function startRuleEngine(a: Alerting, deps: { ingest: IngestService; bus: Bus; sources: SourceRegistry; clock: Clock; log: Logger }): RuleEngine {
  const engine = new RuleEngine({
    sources: { get: (id) => { const s = deps.sources.get(id); return s && asRuleSource(s); }, list: () => deps.sources.list().map(asRuleSource) },
    sink: a.alerts,
    log: deps.log.child('rules'),
    clock: deps.clock,
  });
  engine.setRules(a.rules.list());
  a.rules.onChange((rules) => engine.setRules(rules));
  deps.ingest.onCommitted((messages: readonly Classified[]) => {
    const telemetry = [];
    const events = [];
    for (const m of messages) {
      if (m.kind === 'telemetry') telemetry.push(m);
      else if (m.kind === 'event') events.push({ sector: m.sector, sourceId: m.sourceId, ts: m.ts, type: m.type, eventId: m.eventId });
    }
    if (telemetry.length) engine.telemetry(telemetry);
    if (events.length) engine.events(events);
  });
  deps.bus.subscribe<KpiValuesMessage>(KPI_VALUES, (m) => engine.kpis(m.values));
  engine.start();
  a.engine = engine;
  return engine;
}

/** worker role: escalation and SLA timers, and "may miss target" KPI alerts through the same pipeline. */
export async function startAlertWorker(a: Alerting, deps: { bus: Bus; catalog: KpiCatalog; tree: RegionTree; log: Logger }): Promise<void> {
  await a.alerts.startWorker();
  await a.incidents.startWorker();
  // Units stand down when their incident is resolved or cancelled.
  deps.bus.subscribe<IncidentDelta>(INCIDENTS_CHANGED, (d) => {
    if (d.entry.kind !== 'state' || !['resolved', 'cancelled', 'published'].includes(d.incident.state)) return;
    void a.dispatch.releaseIncident(d.incident.id, 'system').catch((err: Error) => deps.log.warn('releasing the units of an incident failed', { incident: d.incident.id, error: err.message }));
  });
  deps.bus.subscribe<KpiRiskMessage>(KPI_RISK, (m) => {
    void (async () => {
      for (const e of m.events) {
        // Province and districts only: a commune's risk stays on its OC page and in
        // /api/v1/kpi-risks (one alert per KPI × commune × period would drown the console).
        const level = deps.tree.get(e.regionId)?.level;
        if (level !== 'province' && level !== 'district') continue;
        const key = `kpi-risk:${e.kpiId}:${e.regionId}:${e.period}:${e.periodStart}`;
        if (e.state === 'recovered') {
          await a.alerts.clear(key, new Date(e.at), 'Dự báo đã đạt mục tiêu / Forecast meets the target again');
          continue;
        }
        const kpi = deps.catalog.get(e.kpiId);
        const name = kpi?.name ?? { vi: e.kpiId, en: e.kpiId };
        await a.alerts.raise({
          key,
          origin: 'kpi-risk',
          severity: level === 'province' ? 'warning' : 'info',
          title: { vi: `Có nguy cơ không đạt mục tiêu: ${name.vi}`, en: `May miss target: ${name.en}` },
          at: new Date(e.at),
          kpiId: e.kpiId,
          sector: e.kpiId.split('.')[0]!,
          regionId: e.regionId,
          ...(e.forecast !== null ? { value: e.forecast } : {}),
          policyId: 'low',
          details: { period: e.period, periodStart: e.periodStart, value: e.value, forecast: e.forecast, target: e.target },
        });
      }
    })().catch((err: Error) => deps.log.warn('KPI risk alert failed', { error: err.message }));
  });
}

/**
 * Escalation steps name notification targets; each target has its channel (webhook, e-mail,
 * SMS). The deliveries are jobs of the notifier with their own retries and log (ref `alert:N`);
 * a step naming a target that does not exist is logged, not fatal.
 */
export function notifierForAlerts(notifier: Notifier, log: Logger): AlertNotifier {
  return {
    async notify(targets, message) {
      for (const name of targets) {
        const target = await notifier.target(name).catch(() => undefined);
        if (!target) {
          log.warn('escalation names a notification target that does not exist', { target: name, ref: message.ref });
          continue;
        }
        await notifier.send({ channel: target.channel, to: name, subject: message.subject, text: message.text, ref: message.ref });
      }
    },
  };
}
