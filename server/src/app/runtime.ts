import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type INestApplication, type Provider } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { regionsSeedFile, migrationsDir } from '@ioc/db';
import type { ComponentHealth, HealthReport } from '@ioc/sdk';
import type { Config } from '../config/config.js';
import { openDatabase, migrate, type Database } from '../engine/db/index.js';
import { openBus, type Bus } from '../engine/bus/index.js';
import { Logger } from '../engine/logging/logger.js';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import { SourceRegistry } from '../engine/registry/source-registry.js';
import { seedRegions } from '../engine/registry/region-seed.js';
import { IngestService, INGEST_COMMITTED, MessageValidator, type IngestCommitted } from '../engine/ingest/index.js';
import { createMqttIngress, EmbeddedBroker, type ExternalSubscriber } from '../engine/mqtt/index.js';
import { TopicHub } from '../engine/realtime/topic-hub.js';
import { LatestFamily } from '../engine/realtime/latest-family.js';
import { SourcesFamily } from '../engine/realtime/sources-family.js';
import { LiveGateway, LIVE_ACCESS, type LiveAccess } from '../engine/realtime/live.gateway.js';
import { topicAccess } from '../engine/realtime/topic-access.js';
import { ANONYMOUS, DISCARD_AUDIT, Policy, type GrantSource } from '../engine/auth/index.js';
import { AccessGuard, EntityLocator, principalOf, type Authenticator } from './access-guard.js';
import { accountsApi, type AccountsApi } from './accounts.js';
import { applyHardening } from './hardening.js'; // [security:harden]
import { EmbeddedPolicyRunner } from '../engine/maintenance/embedded-policy-runner.js';
import { KpiCatalog } from '../engine/kpi/catalog.js';
import { KpiEngine, KPI_VALUES, type KpiValuesMessage } from '../engine/kpi/kpi-engine.js';
import { KpiQueries } from '../engine/kpi/kpi-queries.js';
import { RegionTree } from '../engine/registry/region-tree.js';
import { TargetBook } from '../engine/kpi/targets.js';
import { KpiFamily } from '../engine/realtime/kpi-family.js';
import { systemClock, type Clock } from '../engine/time/clock.js';
import { DataQualityController, KpiRisksController, KpisController, RegionKpisController } from '../api/kpis.controller.js';
import { HealthController, type HealthProbe } from '../api/health.controller.js';
import { RegionsController } from '../api/regions.controller.js';
import { SectorsController } from '../api/sectors.controller.js';
import { SourcesController } from '../api/sources.controller.js';
import { DeadLettersController } from '../api/dead-letters.controller.js';
import { ReportsController } from '../api/reports.controller.js';
import { ReportService, REPORTS_CHANGED } from '../engine/reports/index.js';
import { Notifier } from '../engine/notify/index.js';
import { NotificationsController, NotificationTargetsController } from '../api/notifications.controller.js';
import { ProblemFilter } from '../api/problem.js';
import { mountApiDocs } from '../api/openapi/mount.js';
import { DATABASE, HEALTH } from '../api/tokens.js';
import { NestJsonLogger } from './nest-logger.js';
import { openJobs, type JobQueue } from '../engine/jobs/index.js';
import { notifierForAlerts, openAlerting, startAlertWorker, startDispatchReports, startRuleEngine, type Alerting } from './alerting.js';
import { DispatchService, DISPATCH_CHANGED } from '../engine/dispatch/dispatch.service.js';
import { UnitsFamily } from '../engine/realtime/units-family.js';
import { DispatchController } from '../api/dispatch.controller.js';
import { AlertService, ALERTS_CHANGED } from '../engine/alerts/alert.service.js';
import { PolicyBook } from '../engine/alerts/policies.js';
import { RuleBook } from '../engine/rules/rule-book.js';
import { IncidentService, INCIDENTS_CHANGED } from '../engine/incidents/incident.service.js';
import { AlertsFamily, IncidentsFamily } from '../engine/realtime/alerts-family.js';
import { AlertsController, EscalationPoliciesController, RulesController } from '../api/alerts.controller.js';
import { CamerasController, IncidentsController, IncidentTypesController } from '../api/incidents.controller.js';
import type { AlertDelta, IncidentDelta, UnitsDelta } from '@ioc/sdk';
import { defaultWebDist, mountWebApp } from './web-app.js';
import { wallsApi } from './walls.js';
import { feedbackApi } from './feedback.js';
import { mapApi } from './map.js';
import { openCap } from './cap.js';
import { CapController, CAP_MEDIA_TYPES } from '../api/cap.controller.js';
import { CapService } from '../engine/cap/cap.service.js';
import { auditApi } from './audit.js'; // [security:audit]
import type { AuditTrail } from '../engine/audit/audit-trail.js'; // [security:audit]
import type { GrantService } from '../engine/grants/grant.service.js'; // [security:audit]
import { httpAuditMiddleware } from '../engine/audit/http-audit.interceptor.js'; // [security:audit]
import { SummaryController } from '../api/summary.controller.js'; // leader tablet summary (server/src/app/summary.ts)
import { devicesApi } from './devices.js'; // [security:devices]

const VERSION = '0.1.0';

export interface Runtime {
  config: Config;
  log: Logger;
  db: Database;
  modules: ModuleRegistry;
  sources: SourceRegistry;
  bus: Bus;
  ingest?: IngestService;
  mqtt?: EmbeddedBroker | ExternalSubscriber;
  hub?: TopicHub;
  kpis?: KpiEngine;
  /** Reporting chain: templates, submissions, imports, status, exports, overdue scan. */
  reports?: ReportService;
  /** Job queue (escalation and SLA timers, deliveries). */
  jobs: JobQueue;
  /** Rules, alerts, escalation policies, incidents. */
  alerting: Alerting;
  /** Notifications on the webhook, e-mail and SMS channels (`notifier.send(...)`). */
  notifier: Notifier;
  /** CAP 1.2 messages sent and received. */
  cap: CapService;
  app?: INestApplication;
  /** The one policy that decides who may do what (REST guard, socket subscriptions, MQTT). */
  policy: Policy;
  /** [security:audit] The audit trail (AuditSink for logins) and emergency grants (api role). */
  audit?: AuditTrail;
  grants?: GrantService;
  /** Verifies access tokens (accounts engine). */
  authenticator?: Authenticator;
  /** Accounts and sessions (api role). */
  accounts?: AccountsApi;
  /** Set at first boot when no admin existed and no IOC_ADMIN_PASSWORD was given: print it once. */
  generatedAdmin?: { username: string; password: string };
  /** Controllers of the API role, for the route table (every route has an access policy). */
  controllers?: Type[];
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:8080. */
  httpUrl: string;
  health: HealthProbe;
  close(): Promise<void>;
}

/** Closes what was opened, newest first, even when boot fails half-way. */
class Closer {
  private readonly steps: Array<{ name: string; fn: () => Promise<void> | void }> = [];
  add(name: string, fn: () => Promise<void> | void): void {
    this.steps.unshift({ name, fn });
  }
  async run(log: Logger): Promise<void> {
    for (const s of this.steps.splice(0)) {
      try {
        await s.fn();
      } catch (err) {
        log.warn(`closing ${s.name} failed`, { error: (err as Error).message });
      }
    }
  }
}

function overall(components: Record<string, ComponentHealth>): ComponentHealth['state'] {
  const states = Object.values(components).map((c) => c.state);
  if (states.includes('down')) return 'down';
  if (states.includes('degraded')) return 'degraded';
  return 'up';
}

/**
 * The composition root: builds each concern's adapter once from the validated config, wires the
 * roles this process runs, and returns one handle to stop them in the right order (stop taking
 * MQTT, commit what was taken, close sockets, close the database).
 */
export interface RuntimeOptions {
  /** Time source of the engines (tests pass a ManualClock). */
  clock?: Clock;
}

/** Bus channel announcing that operators changed KPI targets. */
const KPI_TARGETS_CHANGED = 'kpi.targets';

export async function startRuntime(config: Config, log = new Logger(config.logLevel), options: RuntimeOptions = {}): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const closer = new Closer();
  const started = Date.now();
  try {
    const db = await openDatabase(config);
    closer.add('database', () => db.close());
    const { applied, timescaledb } = await migrate(db, migrationsDir);
    log.info('database ready', { kind: db.kind, location: db.location, timescaledb, migrationsApplied: applied });
    const regions = await seedRegions(db, regionsSeedFile);
    log.info('seed geography loaded', { regions });

    const modules = await ModuleRegistry.load(config.modules);
    log.info('sector modules loaded', { sectors: modules.sectors().map((m) => m.id) });

    const bus = await openBus(config);
    closer.add('bus', () => bus.close());
    const sources = await SourceRegistry.load(db, bus, modules);
    const catalog = new KpiCatalog(modules.sectors());
    const regionTree = await RegionTree.load(db);
    // Who may do what: one policy; emergency grants join it once the grant store is open.
    const grantSource: { current: GrantSource } = { current: { active: () => [] } };
    const policy = new Policy(regionTree, { active: (now) => grantSource.current.active(now) }, () => clock.now());
    const targets = new TargetBook(db, catalog, regionTree);
    await targets.reload();
    bus.subscribe(KPI_TARGETS_CHANGED, () => void targets.reload().catch((err: Error) => log.warn('reloading KPI targets failed', { error: err.message })));

    const components: Record<string, () => Promise<ComponentHealth> | ComponentHealth> = {
      database: () => db.health(),
      bus: () => bus.health(),
    };
    const runtime: Partial<Runtime> = { config, log, db, modules, sources, bus, policy };
    // Job queue and notifier. The queue closes first (running tries finish), then the channels.
    const jobsLog = log.child('jobs');
    const jobs = await openJobs(config, clock, { onError: (err) => jobsLog.warn('job queue connection error', { error: err.message }) });
    const notifier = new Notifier(db, jobs, config.notify, { clock, bus, log: log.child('notify') });
    closer.add('notifier', () => notifier.stop());
    closer.add('jobs', () => jobs.close());
    components.jobs = () => jobs.health();
    components.notify = () => notifier.health();
    runtime.jobs = jobs;
    runtime.notifier = notifier;
    // Reporting chain: serves the API; the worker role also runs its overdue scan. Stopped
    // (running imports finished) before the database closes.
    const reports = new ReportService(db, modules, bus, { clock, log: log.child('reports') });
    closer.add('reports', () => reports.stop());
    runtime.reports = reports;

    const alerting = await openAlerting({ db, bus, jobs, modules, sources, clock, log });
    alerting.alerts.notifier = notifierForAlerts(notifier, log.child('alerts'));
    runtime.alerting = alerting;
    // CAP 1.2: warnings out (the worker role publishes, once), messages in (the api role).
    const cap = await openCap({ db, bus, modules, alerting, log, publish: config.roles.has('worker') });
    closer.add('cap', () => cap.stop());
    runtime.cap = cap;

    // [security:devices] begin — device credentials: REST API (api role), broker hooks (ingest role)
    // [security:audit] the audit trail and emergency grants where something writes to them: the api
    // (logins, requests, grants) and ingest (device credentials, refused publishes). A worker-only
    // process keeps its database connection for its own work.
    const audit = config.roles.has('api') || config.roles.has('ingest') ? await auditApi({ config, db, bus, modules, clock, log }) : undefined;
    if (audit) {
      audit.grants.setPolicy(policy);
      grantSource.current = audit.grants;
      closer.add('audit', () => audit.close());
    }
    const devices = await devicesApi({ config, db, bus, sources, audit: audit?.trail ?? DISCARD_AUDIT, log: log.child('devices') });
    closer.add('devices', () => devices.close());
    // [security:devices] end

    // api: realtime topics fed by the bus, REST, socket.io, the web app.
    if (config.roles.has('api') && audit) {
      let gateway: LiveGateway | undefined;
      const hub = new TopicHub({ coalesceMs: config.live.coalesceMs, history: config.live.history, emit: (d) => gateway?.broadcast(d) });
      closer.add('topic hub', () => hub.close());
      const latest = new LatestFamily(modules, hub);
      await latest.warm(db);
      const status = new SourcesFamily(modules, sources, hub);
      hub.register('latest:', latest);
      hub.register('sources:', status);
      const kpiFamily = new KpiFamily(catalog, regionTree, hub);
      await kpiFamily.warm(db, clock.now());
      hub.register('kpi:', kpiFamily);
      bus.subscribe<KpiValuesMessage>(KPI_VALUES, (m) => kpiFamily.apply(m.values));
      bus.subscribe<IngestCommitted>(INGEST_COMMITTED, (batch) => {
        for (const [sourceId, ts] of batch.seen) sources.observe({ sourceId, lastSeen: ts });
        for (const s of batch.statuses) sources.observe({ sourceId: s.sourceId, online: s.online, statusAt: s.ts });
        latest.apply(batch);
        if (batch.statuses.length) status.refresh();
      });
      status.start();
      closer.add('source status', () => status.stop());
      const alertsFamily = new AlertsFamily(modules, regionTree, hub);
      alertsFamily.warm(await alerting.alerts.list({ state: ['open', 'acknowledged', 'assigned', 'snoozed'], limit: 1000 }));
      hub.register('alerts:', alertsFamily);
      bus.subscribe<AlertDelta>(ALERTS_CHANGED, (d) => alertsFamily.apply(d));
      const incidentsFamily = new IncidentsFamily(hub);
      incidentsFamily.warm(await alerting.incidents.list({ open: true, limit: 1000 }));
      hub.register(IncidentsFamily.TOPIC, incidentsFamily);
      bus.subscribe<IncidentDelta>(INCIDENTS_CHANGED, (d) => incidentsFamily.apply(d));
      const unitsFamily = new UnitsFamily(alerting.dispatch, hub);
      hub.register(UnitsFamily.TOPIC, unitsFamily);
      bus.subscribe<UnitsDelta>(DISPATCH_CHANGED, (d) => unitsFamily.apply(d));
      bus.subscribe<IngestCommitted>(INGEST_COMMITTED, (batch) => unitsFamily.positions(batch));
      runtime.hub = hub;

      const providers: Provider[] = [
        { provide: DATABASE, useValue: db },
        { provide: ModuleRegistry, useValue: modules },
        { provide: SourceRegistry, useValue: sources },
        { provide: SourcesFamily, useValue: status },
        { provide: TopicHub, useValue: hub },
        { provide: KpiQueries, useValue: new KpiQueries(db, catalog, modules, regionTree, kpiFamily, clock) },
        { provide: TargetBook, useValue: targets },
        { provide: RegionTree, useValue: regionTree },
        { provide: ReportService, useValue: reports },
        { provide: AlertService, useValue: alerting.alerts },
        { provide: RuleBook, useValue: alerting.rules },
        { provide: PolicyBook, useValue: alerting.policies },
        { provide: IncidentService, useValue: alerting.incidents },
        { provide: DispatchService, useValue: alerting.dispatch },
        { provide: Notifier, useValue: notifier },
        { provide: CapService, useValue: cap },
        { provide: HEALTH, useValue: () => runtime.health!() },
        {
          provide: LIVE_ACCESS,
          useValue: {
            // No token under AUTH_MODE=required: the handshake is refused (the web app signs in, then reconnects).
            principal: async (token) => {
              const p = await principalOf(token, runtime.authenticator, config.authMode);
              if (p === ANONYMOUS) throw new Error('sign-in required: connect with auth: { token } (POST /api/v1/auth/login)');
              return p;
            },
            refusal: (principal, topic) => {
              const need = topicAccess(topic, (id) => modules.sector(id) !== undefined);
              if (!need) return `topic ${topic} has no access policy`;
              const d = policy.decide(principal, need.permission, need.resource);
              return d.allow ? undefined : `${need.permission}: ${d.reason}`;
            },
          } satisfies LiveAccess,
        },
        LiveGateway,
      ];
      @Module({})
      class ApiModule {}
      const root: DynamicModule = {
        module: ApiModule,
        controllers: [HealthController, RegionsController, SectorsController, SourcesController, DeadLettersController, ReportsController, KpisController, RegionKpisController, KpiRisksController, DataQualityController, AlertsController, RulesController, EscalationPoliciesController, IncidentsController, IncidentTypesController, CamerasController, DispatchController, NotificationTargetsController, NotificationsController, CapController],
        providers,
      };
      // Citizen field reports: service, `feedback` topic, controllers (server/src/app/feedback.ts).
      const feedback = await feedbackApi({ config, db, bus, modules, tree: regionTree, incidents: alerting.incidents, hub, clock, log });
      providers.push(...feedback.providers);
      root.controllers!.push(...feedback.controllers);
      // Video walls: layouts, operator console, `wall:{id}` (server/src/app/walls.ts).
      const walls = await wallsApi({ db, bus, hub, clock });
      providers.push(...walls.providers);
      root.controllers!.push(...walls.controllers);
      root.controllers!.push(SummaryController); // GET /api/v1/summary (leader tablet)
      // [security:audit] begin — audit trail, emergency grants (server/src/app/audit.ts)
      providers.push(...audit.providers);
      root.controllers!.push(...audit.controllers);
      // [security:audit] end
      // Accounts, sign-in, sessions (server/src/app/accounts.ts); the guard and the socket handshake verify its tokens.
      const accounts = await accountsApi({ config, db, audit: audit.trail, tree: regionTree, modules, clock, log });
      providers.push(...accounts.providers);
      root.controllers!.push(...accounts.controllers);
      runtime.accounts = accounts;
      runtime.authenticator = accounts.authenticator;
      const first = await accounts.bootstrap();
      if (first?.password) runtime.generatedAdmin = { username: first.username, password: first.password };
      else if (first) log.info('first boot: created the admin account with IOC_ADMIN_PASSWORD', { username: first.username });
      // Map: server-side clusters and the map config (server/src/app/map.ts).
      const map = mapApi({ config, bus, modules, sources, status, incidents: alerting.incidents, dispatch: alerting.dispatch, feedback: feedback.service });
      providers.push(...map.providers);
      root.controllers!.push(...map.controllers);
      providers.push(...devices.providers); // [security:devices]
      root.controllers!.push(...devices.controllers); // [security:devices]
      const app = await NestFactory.create<NestExpressApplication>(root, { logger: new NestJsonLogger(log.child('nest')), bodyParser: false, abortOnError: false });
      // [security:harden] begin: security headers, CORS (REST + socket.io), rate limits, JSON body limit
      applyHardening(app, config, log);
      // [security:harden] end
      // Every route asks the policy (routes name their permission with @Access / @Public / @SignedIn).
      // [security:audit] begin — every state change, refused ones too (the middleware sees 401/403; a request is recorded once)
      app.use(httpAuditMiddleware(audit.trail, log.child('audit')));
      app.useGlobalInterceptors(audit.interceptor);
      runtime.audit = audit.trail;
      runtime.grants = audit.grants;
      // [security:audit] end
      app.useGlobalGuards(new AccessGuard(app.get(Reflector), policy, new EntityLocator(db), () => runtime.authenticator, config.authMode, log.child('access')));
      runtime.controllers = [...root.controllers!];
      app.useBodyParser('json', { limit: config.hardening.bodyLimitBytes }); // [security:harden] HTTP_BODY_LIMIT (applyHardening parses first)
      app.useBodyParser('text', { type: [...CAP_MEDIA_TYPES, 'application/*+xml'], limit: '1mb' }); // CAP 1.2 messages in
      app.useGlobalFilters(new ProblemFilter((err) => log.error('unhandled request error', { error: (err as Error)?.stack ?? String(err) })));
      // OpenAPI document at /api/docs/openapi.json, Swagger UI at /api/docs (built at the first request).
      mountApiDocs(app, { version: VERSION, onProblems: (problems) => log.warn('API documentation incomplete', { problems }) });
      const webDist = config.webDist ?? defaultWebDist();
      const webServed = mountWebApp(app.getHttpAdapter().getInstance(), webDist);
      if (!webServed) log.warn('web app not built; serving the API only', { webDist });
      await app.listen(config.http.port, config.http.host);
      closer.add('http', () => app.close());
      gateway = app.get(LiveGateway);
      components.realtime = () => ({ state: 'up', clients: gateway?.clients ?? 0 });
      const addr = app.getHttpServer().address() as AddressInfo;
      runtime.httpUrl = `http://${config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host}:${addr.port}`;
      runtime.app = app;
    } else {
      runtime.httpUrl = '';
    }

    // worker: jobs. In embedded mode that includes running Timescale's policies. The first run
    // happens before ingest starts: it is the slowest (catalog warm-up, catching up), and would
    // otherwise pause the engine under the first load.
    let runner: EmbeddedPolicyRunner | undefined;
    if (config.roles.has('worker') && db.kind === 'embedded') {
      runner = new EmbeddedPolicyRunner(db, config.maintenanceIntervalS, log.child('maintenance'));
      await runner.runDue();
    }

    // ingest: MQTT → validate → batch → commit → acknowledge.
    if (config.roles.has('ingest')) {
      const validator = new MessageValidator(modules, sources, config.ingest);
      const ingest = new IngestService(db, bus, validator, config.ingest, log.child('ingest'));
      const mqtt = createMqttIngress({
        url: config.mqtt.url,
        host: config.mqtt.host,
        tcpPort: config.mqtt.tcpPort,
        wsPort: config.mqtt.wsPort,
        clientId: config.mqtt.clientId,
        shareGroup: config.mqtt.shareGroup,
        concurrency: config.mqtt.concurrency,
        access: devices.access, // [security:devices]
        logger: log.child('mqtt'),
      });
      // Closed after ingest (whose last commit may still bring unit reports).
      closer.add('dispatch reports', () => alerting.dispatch.settle());
      closer.add('ingest', () => ingest.stop());
      startDispatchReports(alerting, ingest);
      if (config.rules) {
        const ruleEngine = startRuleEngine(alerting, { ingest, bus, sources, clock, log });
        closer.add('rule engine', () => ruleEngine.stop());
        components.rules = () => ({ state: 'up', ...ruleEngine.stats });
      }
      await mqtt.start(ingest.handle);
      // Registered after ingest so that on close the broker stops first, then ingest commits.
      closer.add('mqtt', () => mqtt.stop());
      components.mqtt = () => mqtt.health();
      components.ingest = () => ingest.health();
      runtime.ingest = ingest;
      runtime.mqtt = mqtt;
      log.info('mqtt ingest started', mqtt instanceof EmbeddedBroker ? { mode: 'embedded', tcpPort: mqtt.tcpPort, wsPort: mqtt.wsPort } : { mode: 'external', subscription: mqtt.subscription });
    }

    // worker: the KPI engine (values go to the api roles over the bus).
    if (config.roles.has('worker')) {
      const engine = new KpiEngine(db, catalog, modules, regionTree, targets, bus, { ...config.kpi, clock }, log.child('kpi'));
      targets.onChange = () => {
        bus.publish(KPI_TARGETS_CHANGED, {});
        void engine.cycle();
      };
      bus.subscribe(REPORTS_CHANGED, () => engine.submissionsChanged());
      engine.start();
      closer.add('kpi engine', () => engine.stop());
      components.kpi = () => ({ state: engine.stats.failures && engine.stats.lastError && !engine.stats.cycles ? 'degraded' : 'up', ...engine.stats });
      runtime.kpis = engine;
    } else {
      targets.onChange = () => bus.publish(KPI_TARGETS_CHANGED, {});
    }

    if (config.roles.has('worker')) {
      reports.startOverdueScan();
      await startAlertWorker(alerting, { bus, catalog, tree: regionTree, log });
      // Notification deliveries (tries, retries; re-enqueues what a restart left behind).
      await notifier.startWorker();
    }

    if (runner) {
      const r = runner;
      r.start();
      closer.add('maintenance', () => r.stop());
      components.maintenance = () => ({ state: r.stats.failures && r.stats.lastError ? 'degraded' : 'up', ...r.stats });
    }

    runtime.health = async (): Promise<HealthReport> => {
      const entries = await Promise.all(Object.entries(components).map(async ([k, f]) => [k, await f()] as const));
      const comps = Object.fromEntries(entries);
      comps.sources = { state: 'up', registered: sources.size };
      return { status: overall(comps), version: VERSION, uptimeS: Math.round((Date.now() - started) / 1000), components: comps };
    };
    runtime.close = () => closer.run(log);
    return runtime as Runtime;
  } catch (err) {
    await closer.run(log);
    throw err;
  }
}
