import type { AlertDelta, AlertRecord, IncidentDelta, IncidentRecord, LocalizedText, Severity } from '@ioc/sdk';
import type { AlertService, AlertSignal } from '../alerts/alert.service.js';
import { ALERTS_CHANGED } from '../alerts/alert.service.js';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import { INCIDENTS_CHANGED, type IncidentService } from '../incidents/incident.service.js';
import type { Logger } from '../logging/logger.js';
import { CAP_TO_SEVERITY, CapBuilder, capTime, toXml, type CapBuilderOptions, type CapMessage, type CapMsgType, type CapRegion, type Ring } from './cap-builder.js';
import { parseCap, type ParsedCap } from './cap-parser.js';

/** One stored CAP message (without its XML). */
export interface CapMessageRecord {
  identifier: string;
  sender: string;
  sent: string;
  msgType: string;
  status: string;
  subjectKind: 'alert' | 'incident' | 'external';
  subjectId: string;
  headline: string | null;
  references: string | null;
  direction: 'out' | 'in';
  createdAt: string;
}

export class CapError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'CapError';
  }
}

interface Row {
  identifier: string;
  sender: string;
  sent: Date | string;
  msg_type: string;
  status: string;
  subject_kind: CapMessageRecord['subjectKind'];
  subject_id: string;
  headline: string | null;
  references: string | null;
  direction: 'out' | 'in';
  created_at: Date | string;
  xml?: string;
}

const COLUMNS = `identifier, sender, sent, msg_type, status, subject_kind, subject_id, headline, "references", direction, created_at`;
const toRecord = (r: Row): CapMessageRecord => ({
  identifier: r.identifier,
  sender: r.sender,
  sent: new Date(r.sent).toISOString(),
  msgType: r.msg_type,
  status: r.status,
  subjectKind: r.subject_kind,
  subjectId: r.subject_id,
  headline: r.headline,
  references: r.references,
  direction: r.direction,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * What publishes (kept small on purpose: the public feed is for warnings, not for every change):
 * - incidents of class immediate or command (timed ones are routine handling forwarded to an
 *   agency): Alert when created; Update when they are dispatched, forwarded or handled; Cancel
 *   when resolved, published or cancelled (once: resolved → published adds nothing). A change
 *   after a Cancel (a resolved incident flaring up) starts a new Alert.
 * - alerts of severity critical or major (not those that came in as CAP, which would echo back to
 *   their sender): Alert when raised, Update when acknowledged, Cancel when resolved or closed; a
 *   re-opened alert gets a new Alert after its Cancel.
 * Update and Cancel reference every message of the subject since its last Alert.
 */
const INCIDENT_CLASSES = new Set(['immediate', 'command']);
const INCIDENT_UPDATE = new Set(['dispatched', 'forwarded', 'handling']);
const INCIDENT_END = new Set(['resolved', 'published', 'cancelled']);
const ALERT_SEVERITIES = new Set<Severity>(['critical', 'major']);

/** CAP category of a received message → the sector module its alert belongs to. */
const CATEGORY_SECTOR: Record<string, string> = { Geo: 'environment', Met: 'environment', Env: 'environment', Health: 'health', Security: 'security', Fire: 'security', Rescue: 'security', Safety: 'security', Transport: 'traffic' };
const SEVERITY_RANK: Severity[] = ['info', 'warning', 'minor', 'major', 'critical'];

export interface CapServiceOptions extends CapBuilderOptions {
  /** Sector ids of the loaded modules (a received message's alert gets one when its category maps to it). */
  sectors?: string[];
  /** Region of a point (the most local one). */
  locate?: (lon: number, lat: number) => string | undefined;
}

/**
 * CAP 1.2 messages: publishes our alerts' and incidents' warnings (worker role, from the bus),
 * stores every message sent and received, serves the feed, and turns received messages into
 * alerts operators see (raise with key `cap:<identifier>`; an Update repeats it, a Cancel clears it).
 */
export class CapService {
  readonly builder: CapBuilder;
  readonly stats = { published: 0, received: 0, failures: 0 };
  private readonly queues = new Map<string, Promise<void>>();
  private readonly unsubscribe: Array<() => void> = [];

  private constructor(
    private readonly db: Database,
    private readonly alerts: AlertService,
    private readonly incidents: IncidentService,
    private readonly log: Logger,
    private readonly regions: Map<string, CapRegion>,
    private readonly options: CapServiceOptions,
    province: { name: string; nameEn: string | null } | undefined,
  ) {
    this.builder = new CapBuilder({ ...(province ? { province } : {}), ...options });
  }

  static async open(db: Database, alerts: AlertService, incidents: IncidentService, log: Logger, options: CapServiceOptions = {}): Promise<CapService> {
    const rows = await db.query<{ id: string; level: string; name: string; name_en: string | null; boundary: { type: string; coordinates: unknown } | null }>(`SELECT id, level, name, name_en, boundary FROM region`);
    const regions = new Map<string, CapRegion>();
    let province: { name: string; nameEn: string | null } | undefined;
    for (const r of rows) {
      const g = r.boundary;
      // Outer rings only: CAP has no holes, and a hole would only shrink the warned area.
      const polys = (g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : []) as Ring[][];
      regions.set(r.id, { id: r.id, name: r.name, nameEn: r.name_en, rings: polys.map((p) => p[0]!).filter(Boolean) });
      if (r.level === 'province' && !province) province = { name: r.name, nameEn: r.name_en };
    }
    return new CapService(db, alerts, incidents, log, regions, options, province);
  }

  // ------------------------------------------------------------------ publishing (worker role)

  /**
   * Listens to alert and incident changes. Called in the worker role only: the bus delivers each
   * change to every process, and one role publishing means one message per change. Identifiers
   * are derived from the change, so even two workers store it once.
   */
  startPublisher(bus: Bus): void {
    this.unsubscribe.push(bus.subscribe<IncidentDelta>(INCIDENTS_CHANGED, (d) => this.serially(`incident:${d.incident.id}`, () => this.onIncident(d))));
    this.unsubscribe.push(bus.subscribe<AlertDelta>(ALERTS_CHANGED, (d) => this.serially(`alert:${d.alert.id}`, () => this.onAlert(d))));
  }

  async stop(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await Promise.all([...this.queues.values()]);
  }

  /** Changes of one subject are handled in order (an Update must find the Alert it references). */
  private serially(key: string, fn: () => Promise<void>): void {
    const run = (this.queues.get(key) ?? Promise.resolve()).then(fn).catch((err: Error) => {
      this.stats.failures++;
      this.log.warn('CAP publishing failed', { subject: key, error: err.message });
    });
    this.queues.set(key, run);
    void run.then(() => {
      if (this.queues.get(key) === run) this.queues.delete(key);
    });
  }

  /** The messages of a subject since (and with) its last Alert; empty when it has none open. */
  private async openChain(kind: 'alert' | 'incident', id: string): Promise<Row[]> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM cap_message WHERE direction = 'out' AND subject_kind = $1 AND subject_id = $2 ORDER BY sent, created_at`, [kind, id]);
    const start = rows.map((r) => r.msg_type).lastIndexOf('Alert');
    const chain = start < 0 ? [] : rows.slice(start);
    return chain.at(-1)?.msg_type === 'Cancel' ? [] : chain;
  }

  private decide(chain: Row[], wanted: 'start' | 'update' | 'end'): CapMsgType | undefined {
    if (wanted === 'end') return chain.length ? 'Cancel' : undefined;
    return chain.length ? 'Update' : 'Alert';
  }

  private async onIncident(d: IncidentDelta): Promise<void> {
    const inc = d.incident;
    if (!INCIDENT_CLASSES.has(inc.class)) return;
    const to = d.entry.kind === 'state' ? String(d.entry.data.to ?? '') : '';
    const wanted = d.entry.kind === 'created' ? 'start' : INCIDENT_UPDATE.has(to) ? 'update' : INCIDENT_END.has(to) ? 'end' : undefined;
    if (!wanted) return;
    const chain = await this.openChain('incident', inc.id);
    const msgType = wanted === 'start' && chain.length ? undefined : this.decide(chain, wanted);
    if (!msgType) return;
    const t = this.incidents.types().find((x) => x.id === inc.type);
    const message = this.builder.incidentMessage(inc, t ? { name: t.type.name, sector: t.sector, ...(t.type.capCategory ? { capCategory: t.type.capCategory } : {}) } : undefined, {
      msgType,
      at: new Date(d.entry.at),
      references: chain.map((r) => this.builder.reference(r.identifier, new Date(r.sent))),
      ...this.regionOf(inc),
    });
    await this.store(message, 'incident', inc.id);
  }

  private async onAlert(d: AlertDelta): Promise<void> {
    const a = d.alert;
    if (a.origin === 'cap' || !ALERT_SEVERITIES.has(a.severity)) return;
    const action = d.transition.action;
    const wanted = action === 'raise' || action === 'reopen' ? 'start' : action === 'acknowledge' ? 'update' : action === 'resolve' || action === 'close' ? 'end' : undefined;
    if (!wanted) return;
    const chain = await this.openChain('alert', a.id);
    // A re-open with its Alert still live is an Update; a raise with one live is a duplicate.
    const msgType = action === 'raise' && chain.length ? undefined : this.decide(chain, wanted === 'start' && action === 'reopen' ? 'update' : wanted);
    if (!msgType) return;
    const message = this.builder.alertMessage(a, { msgType, at: new Date(d.transition.at), references: chain.map((r) => this.builder.reference(r.identifier, new Date(r.sent))), ...this.regionOf(a) });
    await this.store(message, 'alert', a.id);
  }

  private regionOf(x: AlertRecord | IncidentRecord): { region?: CapRegion } {
    const r = x.regionId ? this.regions.get(x.regionId) : undefined;
    return r ? { region: r } : {};
  }

  private async store(m: CapMessage, kind: 'alert' | 'incident', id: string): Promise<void> {
    const refs = m.references.length ? m.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ') : null;
    const rows = await this.db.query(
      `INSERT INTO cap_message (identifier, sender, sent, msg_type, status, subject_kind, subject_id, headline, xml, "references", direction)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'out') ON CONFLICT (identifier) DO NOTHING RETURNING identifier`,
      [m.identifier, m.sender, capTime(m.sent), m.msgType, m.status, kind, id, m.headline.vi, toXml(m), refs],
    );
    if (rows.length) {
      this.stats.published++;
      this.log.info('CAP message published', { identifier: m.identifier, msgType: m.msgType, subject: `${kind}:${id}` });
    }
  }

  // ------------------------------------------------------------------ reading

  /** Our messages, newest first (the public feed). */
  async feed(limit = 50): Promise<CapMessageRecord[]> {
    const rows = await this.db.query<Row>(`SELECT ${COLUMNS} FROM cap_message WHERE direction = 'out' ORDER BY sent DESC, created_at DESC LIMIT $1`, [Math.min(Math.max(limit, 1), 500)]);
    return rows.map(toRecord);
  }

  /**
   * One message of ours with its XML: by identifier, or `incident:<id>` / `alert:<id>` for the
   * latest one about that subject. Received messages are not served here (they may be Restricted).
   */
  async get(id: string): Promise<CapMessageRecord & { xml: string }> {
    const subject = /^(incident|alert):(\d{1,18})$/.exec(id);
    const rows = subject
      ? await this.db.query<Row>(`SELECT ${COLUMNS}, xml FROM cap_message WHERE direction = 'out' AND subject_kind = $1 AND subject_id = $2 ORDER BY sent DESC, created_at DESC LIMIT 1`, [subject[1], subject[2]])
      : await this.db.query<Row>(`SELECT ${COLUMNS}, xml FROM cap_message WHERE direction = 'out' AND identifier = $1`, [id]);
    if (!rows[0]) throw new CapError('not-found', `no CAP message ${id}`);
    return { ...toRecord(rows[0]), xml: rows[0].xml! };
  }

  /** Messages sent and received, newest first; `subject` like `incident:42` or `external:cap:…`. */
  async messages(f: { subject?: { kind: string; id: string }; direction?: 'out' | 'in'; limit?: number } = {}): Promise<CapMessageRecord[]> {
    const rows = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM cap_message WHERE ($1::text IS NULL OR subject_kind = $1) AND ($2::text IS NULL OR subject_id = $2) AND ($3::text IS NULL OR direction = $3)
       ORDER BY sent DESC, created_at DESC LIMIT $4`,
      [f.subject?.kind ?? null, f.subject?.id ?? null, f.direction ?? null, Math.min(f.limit ?? 100, 1000)],
    );
    return rows.map(toRecord);
  }

  // ------------------------------------------------------------------ receiving (api role)

  /**
   * Takes a CAP message from another sender: checks it (CapParseError names the element), stores
   * it, and raises, repeats or clears the alert it is about. Actual and Exercise messages act on
   * alerts; Test, System and Draft ones and Ack/Error are stored only. A message already stored
   * is answered as a duplicate and changes nothing.
   */
  async receive(xml: string): Promise<{ message: CapMessageRecord; alert: AlertRecord | null; duplicate: boolean }> {
    const cap = parseCap(xml);
    const existing = await this.db.query<Row>(`SELECT ${COLUMNS} FROM cap_message WHERE identifier = $1`, [cap.identifier]);
    if (existing[0]?.direction === 'out') throw new CapError('conflict', `${cap.identifier} is the identifier of a message this IOC sent`);
    if (existing[0]) return { message: toRecord(existing[0]), alert: null, duplicate: true };
    // An Update or Cancel acts on the alert of the earliest message it references that we hold.
    let key = `cap:${cap.identifier}`;
    if (cap.references.length) {
      const ref = await this.db.query<{ subject_id: string }>(`SELECT subject_id FROM cap_message WHERE direction = 'in' AND identifier = ANY($1::text[]) ORDER BY sent LIMIT 1`, [cap.references.map((r) => r.identifier)]);
      if (ref[0]) key = ref[0].subject_id;
    }
    const vi = cap.infos.find((i) => i.language.toLowerCase().startsWith('vi')) ?? cap.infos[0];
    const rows = await this.db.query<Row>(
      `INSERT INTO cap_message (identifier, sender, sent, msg_type, status, subject_kind, subject_id, headline, xml, "references", direction)
       VALUES ($1, $2, $3, $4, $5, 'external', $6, $7, $8, $9, 'in') ON CONFLICT (identifier) DO NOTHING RETURNING ${COLUMNS}`,
      [cap.identifier, cap.sender, cap.sentAt.toISOString(), cap.msgType, cap.status, key, vi?.headline ?? vi?.event ?? null, xml, cap.references.length ? cap.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ') : null],
    );
    if (!rows[0]) {
      const again = await this.db.query<Row>(`SELECT ${COLUMNS} FROM cap_message WHERE identifier = $1`, [cap.identifier]);
      return { message: toRecord(again[0]!), alert: null, duplicate: true };
    }
    this.stats.received++;
    try {
      const alert = await this.act(cap, key);
      return { message: toRecord(rows[0]), alert, duplicate: false };
    } catch (err) {
      // Not half-taken: without its alert the message may be sent again.
      await this.db.query(`DELETE FROM cap_message WHERE identifier = $1`, [cap.identifier]);
      throw err;
    }
  }

  private async act(cap: ParsedCap, key: string): Promise<AlertRecord | null> {
    if (cap.status !== 'Actual' && cap.status !== 'Exercise') return null;
    if (cap.msgType === 'Cancel') return (await this.alerts.clear(key, cap.sentAt, `Bản tin CAP huỷ ${cap.identifier} / CAP Cancel from ${cap.sender}`)) ?? null;
    if (cap.msgType !== 'Alert' && cap.msgType !== 'Update') return null;
    return this.alerts.raise(this.signal(cap, key));
  }

  private signal(cap: ParsedCap, key: string): AlertSignal {
    const vi = cap.infos.find((i) => i.language.toLowerCase().startsWith('vi'));
    const en = cap.infos.find((i) => i.language.toLowerCase().startsWith('en'));
    const any = vi ?? en ?? cap.infos[0];
    const drill = cap.status === 'Exercise' ? { vi: '[Diễn tập] ', en: '[Exercise] ' } : { vi: '', en: '' };
    const viText = vi?.headline ?? vi?.event ?? en?.headline ?? en?.event ?? any?.headline ?? any?.event ?? `Bản tin CAP từ ${cap.sender}`;
    const enText = en?.headline ?? en?.event ?? any?.headline ?? any?.event ?? `CAP message from ${cap.sender}`;
    const title: LocalizedText = { vi: `${drill.vi}${viText}`.slice(0, 300), en: `${drill.en}${enText}`.slice(0, 300) };
    const severity = cap.infos.map((i) => CAP_TO_SEVERITY[i.severity] ?? 'info').reduce<Severity>((a, b) => (SEVERITY_RANK.indexOf(b) > SEVERITY_RANK.indexOf(a) ? b : a), 'info');
    const category = any?.categories[0];
    const sector = category ? CATEGORY_SECTOR[category] : undefined;
    const areas = cap.infos.flatMap((i) => i.areas);
    const circle = areas.flatMap((a) => a.circles)[0];
    const polygon = areas.flatMap((a) => a.polygons)[0];
    // A point for the map: the first circle's centre, else the first polygon's vertex mean.
    const point = circle ? { lat: circle.lat, lon: circle.lon } : polygon ? { lat: polygon.slice(1).reduce((s, p) => s + p[0], 0) / (polygon.length - 1), lon: polygon.slice(1).reduce((s, p) => s + p[1], 0) / (polygon.length - 1) } : undefined;
    const regionId = (point && this.options.locate?.(point.lon, point.lat)) || areas.flatMap((a) => a.geocodes).find(([k, v]) => k === 'ioc:region' && this.regions.has(v))?.[1];
    return {
      key,
      origin: 'cap',
      severity,
      title,
      at: cap.sentAt,
      ...(sector && (this.options.sectors ?? []).includes(sector) ? { sector } : {}),
      ...(regionId ? { regionId } : {}),
      ...(point ? { lon: point.lon, lat: point.lat } : {}),
      details: {
        cap: { identifier: cap.identifier, sender: cap.sender, sent: cap.sent, msgType: cap.msgType, status: cap.status, scope: cap.scope, event: any?.event ?? null, category: category ?? null, urgency: any?.urgency ?? null, certainty: any?.certainty ?? null, areaDesc: areas.map((a) => a.desc).join('; ') || null, instruction: any?.instruction ?? null },
      },
    };
  }
}
