import { DomainError } from '../domain-error.js';
import type {
  AlertRecord,
  IncidentChecklistItem,
  IncidentClass,
  IncidentDelta,
  IncidentLink,
  IncidentOrigin,
  IncidentRecord,
  IncidentState,
  IncidentTimelineEntry,
  IncidentTypeDefinition,
  Severity,
} from '@ioc/sdk';
import { SEVERITIES } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { haversineM, type RegionLocator } from '../registry/region-locator.js';
import { systemClock, type Clock } from '../time/clock.js';
import { canMove, isFinal, nextStates } from './lifecycle.js';
import { iso } from '../db/row-time.js';

/** Bus channel: an incident changed (one delta per timeline entry, never coalesced). */
export const INCIDENTS_CHANGED = 'incidents.changed';
export const JOB_SLA = 'incident.sla';

export class IncidentError extends DomainError {}

/** A camera near an incident. */
export interface NearbyCamera {
  sourceId: string;
  sector: string;
  name: string;
  lon: number;
  lat: number;
  distanceM: number;
  online: boolean | null;
  lastSeen: string | null;
  streamUrl: string | null;
  snapshotUrl: string | null;
}

export interface CameraSource {
  id: string;
  sector: string;
  kind: string;
  name: string;
  lon: number;
  lat: number;
  online?: boolean;
  lastSeen?: string;
  attributes?: Record<string, unknown>;
}

export interface CreateIncident {
  type: string;
  title?: string;
  description?: string;
  severity?: Severity;
  origin: IncidentOrigin;
  lon?: number;
  lat?: number;
  regionId?: string;
  actor: string;
  links?: Array<{ kind: IncidentLink['kind']; refId: string }>;
}

export interface IncidentFilter {
  state?: IncidentState[];
  type?: string;
  open?: boolean;
  limit?: number;
}

export interface IncidentDetail extends IncidentRecord {
  checklist: IncidentChecklistItem[];
  links: IncidentLink[];
  nextStates: IncidentState[];
  agency: string | null;
  unitTypes: string[];
}

interface IncidentRow {
  id: string | number;
  code: string;
  type: string;
  class: IncidentClass;
  state: IncidentState;
  severity: Severity;
  title: string;
  description: string;
  origin: IncidentOrigin;
  region_id: string | null;
  lon: number | null;
  lat: number | null;
  sla_due_at: Date | string | null;
  sla_breached: boolean;
  public_result: string | null;
  checklist: IncidentChecklistItem[];
  created_at: Date | string;
  created_by: string;
  updated_at: Date | string;
  state_since: Date | string;
}

interface EventRow {
  incident_id: string | number;
  at: Date | string;
  kind: string;
  actor: string;
  text: string | null;
  data: Record<string, unknown>;
}


function toIncident(r: IncidentRow): IncidentRecord {
  return {
    id: String(r.id),
    code: r.code,
    type: r.type,
    class: r.class,
    state: r.state,
    severity: r.severity,
    title: r.title,
    description: r.description,
    origin: r.origin,
    regionId: r.region_id,
    lon: r.lon === null ? null : Number(r.lon),
    lat: r.lat === null ? null : Number(r.lat),
    slaDueAt: iso(r.sla_due_at),
    slaBreached: r.sla_breached,
    publicResult: r.public_result,
    createdAt: iso(r.created_at)!,
    createdBy: r.created_by,
    updatedAt: iso(r.updated_at)!,
    stateSince: iso(r.state_since)!,
  };
}

const toEntry = (r: EventRow): IncidentTimelineEntry => ({ incidentId: String(r.incident_id), at: iso(r.at)!, kind: r.kind, actor: r.actor, text: r.text, data: r.data ?? {} });

/**
 * Incidents: created from alerts, camera events, field reports or by hand; moved along the
 * procedure of their class; a playbook checklist per type; an SLA per state (a job wakes at the
 * deadline and marks the breach); a timeline of every change; links to alerts, cameras, units and
 * reports. Each change is one statement that also appends its timeline entry.
 */
export class IncidentService {
  private readonly clock: Clock;
  readonly stats = { created: 0, transitions: 0, slaBreaches: 0 };

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly jobs: JobQueue,
    private readonly modules: ModuleRegistry,
    private readonly locator: RegionLocator,
    private readonly cameras: { list(): CameraSource[] },
    private readonly log: Logger,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Every incident type the loaded modules declare, by id. */
  types(): Array<{ id: string; sector: string; type: IncidentTypeDefinition }> {
    return this.modules.sectors().flatMap((m) => Object.entries(m.incidentTypes ?? {}).map(([id, type]) => ({ id, sector: m.id, type })));
  }

  typeOf(id: string): IncidentTypeDefinition | undefined {
    for (const m of this.modules.sectors()) if (m.incidentTypes?.[id]) return m.incidentTypes[id];
    return undefined;
  }

  private slaDue(type: IncidentTypeDefinition | undefined, state: IncidentState, from: Date): Date | null {
    const min = type?.slaMinutes?.[state];
    return min ? new Date(from.getTime() + min * 60_000) : null;
  }

  private publish(incident: IncidentRecord, entry: IncidentTimelineEntry): void {
    this.bus.publish<IncidentDelta>(INCIDENTS_CHANGED, { incident, entry });
  }

  private async scheduleSla(i: IncidentRecord): Promise<void> {
    if (!i.slaDueAt) return;
    await this.jobs.add(JOB_SLA, { incidentId: i.id, state: i.state }, { runAt: new Date(i.slaDueAt), jobId: `incident-${i.id}-sla-${i.state}-${Date.parse(i.stateSince)}`, attempts: 3, backoffMs: 2000 });
  }

  async create(req: CreateIncident): Promise<IncidentRecord> {
    const type = this.typeOf(req.type);
    if (!type) throw new IncidentError('invalid', `no loaded module declares incident type ${JSON.stringify(req.type)} (${this.types().map((t) => t.id).join(', ')})`, 'type');
    if (req.severity && !SEVERITIES.includes(req.severity)) throw new IncidentError('invalid', `must be one of ${SEVERITIES.join(', ')}`, 'severity');
    const hasPoint = req.lon !== undefined && req.lat !== undefined;
    if ((req.lon === undefined) !== (req.lat === undefined)) throw new IncidentError('invalid', 'lon and lat come together', req.lon === undefined ? 'lon' : 'lat');
    const regionId = req.regionId ?? (hasPoint ? this.locator.locate(req.lon!, req.lat!) : undefined) ?? null;
    const now = this.clock.now();
    const checklist: IncidentChecklistItem[] = type.playbook.map((s) => ({ ...s, doneAt: null, doneBy: null }));
    const due = this.slaDue(type, 'received', now);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(now);
    const rows = await this.db.query<IncidentRow>(
      `WITH ins AS (
         INSERT INTO incident (code, type, class, state, severity, title, description, origin, region_id, lon, lat, sla_due_at, checklist, created_at, created_by, updated_at, state_since)
         VALUES ('SC-' || $1 || '-' || lpad(nextval('incident_code_seq')::text, 6, '0'), $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $13)
         RETURNING *
       ),
       ev AS (INSERT INTO incident_event (incident_id, at, kind, actor, text, data) SELECT id, $13, 'created', $14, $5, $15 FROM ins),
       ln AS (INSERT INTO incident_link (incident_id, kind, ref_id, at) SELECT ins.id, l.kind, l.ref, $13 FROM ins, jsonb_to_recordset($16::jsonb) AS l(kind text, ref text))
       SELECT * FROM ins`,
      [
        year,
        req.type,
        type.class,
        req.severity ?? type.severity,
        req.title?.trim() || type.name.vi,
        req.description ?? '',
        req.origin,
        regionId,
        req.lon ?? null,
        req.lat ?? null,
        due?.toISOString() ?? null,
        JSON.stringify(checklist),
        now.toISOString(),
        req.actor,
        JSON.stringify({ origin: req.origin, class: type.class }),
        JSON.stringify((req.links ?? []).map((l) => ({ kind: l.kind, ref: l.refId }))),
      ],
    );
    const incident = toIncident(rows[0]!);
    this.stats.created++;
    await this.scheduleSla(incident);
    this.publish(incident, { incidentId: incident.id, at: now.toISOString(), kind: 'created', actor: req.actor, text: incident.title, data: { origin: req.origin, class: type.class } });
    this.log.info('incident created', { id: incident.id, code: incident.code, type: req.type, origin: req.origin });
    return incident;
  }

  /** The port the alert service uses: an incident of the alert's type at its place, linked to it. */
  async openFromAlert(alert: AlertRecord, actor: string, typeId?: string, extra: { title?: string; description?: string } = {}): Promise<{ id: string }> {
    const type = typeId ?? alert.incidentType;
    if (!type) throw new IncidentError('invalid', `alert ${alert.id} suggests no incident type; name one`, 'type');
    const links: CreateIncident['links'] = [{ kind: 'alert', refId: alert.id }];
    if (alert.sourceId) links.push({ kind: this.isCamera(alert.sourceId) ? 'camera' : 'source', refId: alert.sourceId });
    const inc = await this.create({
      type,
      title: extra.title ?? alert.title.vi,
      description: extra.description ?? `Từ cảnh báo #${alert.id} (${alert.severity}), ${alert.count} lần${alert.lastValue !== null ? `, giá trị ${alert.lastValue}` : ''}.`,
      severity: alert.severity,
      origin: this.isCamera(alert.sourceId) ? 'camera' : 'alert',
      ...(alert.lon !== null && alert.lat !== null ? { lon: alert.lon, lat: alert.lat } : {}),
      ...(alert.regionId ? { regionId: alert.regionId } : {}),
      actor,
      links,
    });
    return { id: inc.id };
  }

  private isCamera(sourceId: string | null): boolean {
    if (!sourceId) return false;
    const s = this.cameras.list().find((c) => c.id === sourceId);
    return !!s && !!this.modules.sourceKind(s.sector, s.kind)?.camera;
  }

  async get(id: string): Promise<IncidentRecord> {
    return toIncident(await this.row(id));
  }

  private async row(id: string): Promise<IncidentRow> {
    if (!/^\d{1,18}$/.test(id)) throw new IncidentError('not-found', `no incident ${id}`);
    const rows = await this.db.query<IncidentRow>(`SELECT * FROM incident WHERE id = $1`, [id]);
    if (!rows[0]) throw new IncidentError('not-found', `no incident ${id}`);
    return rows[0];
  }

  async detail(id: string): Promise<IncidentDetail> {
    const r = await this.row(id);
    const links = await this.db.query<{ kind: IncidentLink['kind']; ref_id: string; at: Date | string }>(`SELECT kind, ref_id, at FROM incident_link WHERE incident_id = $1 ORDER BY at`, [id]);
    const type = this.typeOf(r.type);
    return {
      ...toIncident(r),
      checklist: r.checklist,
      links: links.map((l) => ({ kind: l.kind, refId: l.ref_id, at: iso(l.at)! })),
      nextStates: [...nextStates(r.class, r.state)],
      agency: type?.agency?.vi ?? null,
      unitTypes: type?.unitTypes ?? [],
    };
  }

  async list(f: IncidentFilter = {}): Promise<IncidentRecord[]> {
    const rows = await this.db.query<IncidentRow>(
      `SELECT * FROM incident WHERE ($1::text[] IS NULL OR state = ANY($1)) AND ($2::text IS NULL OR type = $2)
         AND (NOT $3::boolean OR state NOT IN ('published', 'cancelled'))
       ORDER BY CASE severity WHEN 'critical' THEN 5 WHEN 'major' THEN 4 WHEN 'minor' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END DESC, sla_due_at ASC NULLS LAST, id DESC LIMIT $4`,
      [f.state ?? null, f.type ?? null, f.open ?? false, Math.min(f.limit ?? 200, 1000)],
    );
    return rows.map(toIncident);
  }

  async timeline(id: string): Promise<IncidentTimelineEntry[]> {
    await this.row(id);
    const rows = await this.db.query<EventRow>(`SELECT incident_id, at, kind, actor, text, data FROM incident_event WHERE incident_id = $1 ORDER BY id`, [id]);
    return rows.map(toEntry);
  }

  /** Appends a timeline entry (and updates the row with `set`) in one statement; publishes it. */
  private async change(id: string, entry: { kind: string; actor: string; text?: string | null; data?: Record<string, unknown> }, setSql = '', setParams: unknown[] = [], guardSql = 'true'): Promise<IncidentRecord | undefined> {
    const now = this.clock.now();
    const base = [id, now.toISOString(), entry.kind, entry.actor, entry.text ?? null, JSON.stringify(entry.data ?? {})];
    const rows = await this.db.query<IncidentRow>(
      `WITH up AS (UPDATE incident SET updated_at = $2${setSql ? `, ${setSql}` : ''} WHERE id = $1 AND (${guardSql}) RETURNING *),
       ev AS (INSERT INTO incident_event (incident_id, at, kind, actor, text, data) SELECT id, $2, $3, $4, $5, $6 FROM up)
       SELECT * FROM up`,
      [...base, ...setParams],
    );
    if (!rows[0]) return undefined;
    const incident = toIncident(rows[0]);
    this.publish(incident, { incidentId: id, at: now.toISOString(), kind: entry.kind, actor: entry.actor, text: entry.text ?? null, data: entry.data ?? {} });
    return incident;
  }

  /** Moves an incident to a state its class allows from where it is. */
  async move(id: string, to: IncidentState, req: { actor: string; comment?: string; publicResult?: string }): Promise<IncidentRecord> {
    const cur = await this.row(id);
    if (!canMove(cur.class, cur.state, to)) {
      throw new IncidentError('conflict', `a ${cur.class} incident cannot go from ${cur.state} to ${to} (possible: ${nextStates(cur.class, cur.state).join(', ') || 'none, it is final'})`, 'state');
    }
    const result = req.publicResult?.trim() || cur.public_result;
    if (to === 'published' && !result) throw new IncidentError('invalid', 'publishing needs the result text for the public', 'publicResult');
    if (to === 'cancelled' && !req.comment?.trim()) throw new IncidentError('invalid', 'cancelling needs a reason', 'comment');
    const now = this.clock.now();
    const due = isFinal(to) ? null : this.slaDue(this.typeOf(cur.type), to, now);
    const done = await this.change(
      id,
      { kind: 'state', actor: req.actor, text: req.comment?.trim() || null, data: { from: cur.state, to } },
      `state = $7, state_since = $2, sla_due_at = $8, sla_breached = false, public_result = $9`,
      [to, due?.toISOString() ?? null, result ?? null],
      `state = '${cur.state}'`,
    );
    if (!done) throw new IncidentError('conflict', `the incident changed meanwhile; it is now ${(await this.row(id)).state}`, 'state');
    this.stats.transitions++;
    await this.scheduleSla(done);
    return done;
  }

  async checkStep(id: string, stepId: string, done: boolean, actor: string): Promise<IncidentRecord> {
    const cur = await this.row(id);
    const step = cur.checklist.find((s) => s.id === stepId);
    if (!step) throw new IncidentError('not-found', `the playbook of ${cur.type} has no step ${stepId} (${cur.checklist.map((s) => s.id).join(', ')})`, 'stepId');
    const now = this.clock.now().toISOString();
    const list = cur.checklist.map((s) => (s.id === stepId ? { ...s, doneAt: done ? now : null, doneBy: done ? actor : null } : s));
    const r = await this.change(id, { kind: done ? 'step-done' : 'step-undone', actor, text: step.title.vi, data: { stepId } }, `checklist = $7::jsonb`, [JSON.stringify(list)]);
    return r!;
  }

  async note(id: string, text: string, actor: string): Promise<IncidentTimelineEntry> {
    await this.row(id);
    if (!text.trim()) throw new IncidentError('invalid', 'must not be empty', 'text');
    await this.change(id, { kind: 'note', actor, text: text.trim() });
    return (await this.timeline(id)).at(-1)!;
  }

  async link(id: string, kind: IncidentLink['kind'], refId: string, actor: string, data: Record<string, unknown> = {}): Promise<IncidentRecord> {
    await this.row(id);
    const inserted = await this.db.query(`INSERT INTO incident_link (incident_id, kind, ref_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING ref_id`, [id, kind, refId, this.clock.now().toISOString()]);
    if (!inserted.length) return this.get(id);
    return (await this.change(id, { kind: `link-${kind}`, actor, text: null, data: { refId, ...data } }))!;
  }

  /** Records something that happened to the incident elsewhere (dispatch, messages). */
  async record(id: string, kind: string, actor: string, text: string | null, data: Record<string, unknown>): Promise<IncidentRecord | undefined> {
    return this.change(id, { kind, actor, text, data });
  }

  /** Cameras nearest to an incident, with their heartbeat state. */
  async nearestCameras(id: string, limit = 6, withinM = 5000): Promise<NearbyCamera[]> {
    const inc = await this.get(id);
    if (inc.lon === null || inc.lat === null) return [];
    return this.camerasNear(inc.lon, inc.lat, limit, withinM);
  }

  camerasNear(lon: number, lat: number, limit = 6, withinM = 5000): NearbyCamera[] {
    const out: NearbyCamera[] = [];
    for (const s of this.cameras.list()) {
      if (!this.modules.sourceKind(s.sector, s.kind)?.camera) continue;
      const d = haversineM(lon, lat, s.lon, s.lat);
      if (d > withinM) continue;
      const str = (k: string) => (typeof s.attributes?.[k] === 'string' ? (s.attributes[k] as string) : null);
      out.push({ sourceId: s.id, sector: s.sector, name: s.name, lon: s.lon, lat: s.lat, distanceM: Math.round(d), online: s.online ?? null, lastSeen: s.lastSeen ?? null, streamUrl: str('streamUrl'), snapshotUrl: str('snapshotUrl') });
    }
    return out.sort((a, b) => a.distanceM - b.distanceM).slice(0, limit);
  }

  // ---------------------------------------------------------------- SLA (worker role)

  async startWorker(): Promise<void> {
    this.jobs.process<{ incidentId: string; state: IncidentState }>(JOB_SLA, (d) => this.slaCheck(d.incidentId, d.state));
    const rows = await this.db.query<IncidentRow>(`SELECT * FROM incident WHERE sla_due_at IS NOT NULL AND NOT sla_breached AND state NOT IN ('published', 'cancelled')`);
    for (const r of rows) await this.scheduleSla(toIncident(r));
  }

  async slaCheck(id: string, state: IncidentState): Promise<void> {
    const cur = await this.get(id).catch(() => undefined);
    if (!cur || cur.state !== state || cur.slaBreached || !cur.slaDueAt) return;
    const now = this.clock.now();
    if (Date.parse(cur.slaDueAt) > now.getTime() + 1000) return;
    const minutes = Math.round((Date.parse(cur.slaDueAt) - Date.parse(cur.stateSince)) / 60_000);
    const done = await this.change(id, { kind: 'sla-breached', actor: 'system', text: `Quá hạn xử lý bước "${state}" (${minutes} phút)`, data: { state, dueAt: cur.slaDueAt } }, `sla_breached = true`, [], `state = '${state}' AND NOT sla_breached`);
    if (done) {
      this.stats.slaBreaches++;
      this.log.warn('incident SLA breached', { id, code: cur.code, state });
    }
  }
}
