import {
  ACTIVE_ASSIGNMENT_STATES,
  UNIT_STATUSES,
  type Assignment,
  type AssignmentState,
  type DispatchMessage,
  type DispatchUnit,
  type IncidentRecord,
  type UnitPosition,
  type UnitStatus,
  type UnitSuggestion,
  type UnitsDelta,
  type UnitType,
} from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import { DomainError } from '../domain-error.js';
import type { Classified, IngestCommitted } from '../ingest/ingest.types.js';
import type { IncidentService } from '../incidents/incident.service.js';
import { canMove, isFinal } from '../incidents/lifecycle.js';
import type { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { haversineM } from '../registry/region-locator.js';
import type { SourceRecord, SourceRegistry } from '../registry/source-registry.js';
import { systemClock, type Clock } from '../time/clock.js';
import { ARRIVAL_RADIUS_M, DEFAULT_CRUISE_KMH, estimate } from './eta.js';
import { iso } from '../db/row-time.js';

/** Bus channel: every dispatch change (`UnitsDelta`), for every process's view and the `units` topic. */
export const DISPATCH_CHANGED = 'dispatch.changed';

export class DispatchError extends DomainError {}

/** What a unit's state row holds (no row = available since registration). */
interface UnitState {
  status: UnitStatus;
  statusAt: string;
  assignmentId: string | null;
  incidentId: string | null;
}

interface AssignmentRow {
  id: string | number;
  incident_id: string | number;
  unit_id: string;
  state: AssignmentState;
  assigned_by: string;
  assigned_at: Date | string;
  acknowledged_at: Date | string | null;
  arrived_at: Date | string | null;
  released_at: Date | string | null;
  distance_m: number;
  eta_at: Date | string | null;
  note: string | null;
}

interface MessageRow {
  id: string | number;
  incident_id: string | number | null;
  to_unit: string | null;
  sender: string;
  text: string;
  at: Date | string;
}


const toAssignment = (r: AssignmentRow): Assignment => ({
  id: String(r.id),
  incidentId: String(r.incident_id),
  unitId: r.unit_id,
  state: r.state,
  assignedBy: r.assigned_by,
  assignedAt: iso(r.assigned_at)!,
  acknowledgedAt: iso(r.acknowledged_at),
  arrivedAt: iso(r.arrived_at),
  releasedAt: iso(r.released_at),
  distanceM: Math.round(Number(r.distance_m)),
  etaAt: iso(r.eta_at),
  note: r.note,
});

const toMessage = (r: MessageRow): DispatchMessage => ({ id: String(r.id), incidentId: r.incident_id === null ? null : String(r.incident_id), toUnit: r.to_unit, from: r.sender, text: r.text, at: iso(r.at)! });

const isActiveAssignment = (s: AssignmentState) => (ACTIVE_ASSIGNMENT_STATES as readonly string[]).includes(s);

/** Statuses an operator (or the crew's terminal) may set by hand; the others follow assignments. */
const MANUAL_STATUSES: readonly UnitStatus[] = ['available', 'off_duty', 'returning'];

const UNIQUE_VIOLATION = '23505';

export interface SuggestQuery {
  incidentId?: string;
  lon?: number;
  lat?: number;
  /** Kinds of unit wanted (default: what the incident type asks for; none = any). */
  unitTypes?: UnitType[];
  limit?: number;
}

/**
 * Response units and their work: duty status, positions, assignments to incidents (pending →
 * acknowledged by the crew → arrived → released), ETAs and messages.
 *
 * Every process keeps the same view — unit status, active assignments and newest positions —
 * from the bus (`dispatch.changed`, and the positions each committed ingest batch carries), so
 * the `units` topic and suggestions read memory. Decisions that must happen once (an
 * acknowledgement or arrival a unit reports over MQTT, arrival detected from its position)
 * happen in the ingest process that committed the message (`handleMessages`), and the database
 * guards races: one active assignment per unit is a unique index.
 */
export class DispatchService {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly positions = new Map<string, UnitPosition>();
  private readonly states = new Map<string, UnitState>();
  private readonly active = new Map<string, Assignment>();
  /** Serialises the ingest-side handling of unit reports, batch after batch. */
  private chain: Promise<void> = Promise.resolve();
  readonly stats = { assignments: 0, acknowledged: 0, arrivals: 0, autoArrivals: 0, messages: 0 };

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly sources: SourceRegistry,
    private readonly modules: ModuleRegistry,
    private readonly incidents: IncidentService,
    options: { clock?: Clock; log: Logger },
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
  }

  /** Loads the view from the database and follows the bus from then on. */
  async start(): Promise<void> {
    this.bus.subscribe<UnitsDelta>(DISPATCH_CHANGED, (d) => this.apply(d));
    const positions = await this.db.query<{ source_id: string; ts: Date | string; lon: number; lat: number; speed_kmh: number | null; heading_deg: number | null }>(
      `SELECT DISTINCT ON (source_id) source_id, ts, lon, lat, speed_kmh, heading_deg FROM unit_position
        WHERE ts > $1::timestamptz - interval '7 days' ORDER BY source_id, ts DESC`,
      [this.clock.now().toISOString()],
    );
    for (const p of positions) this.positions.set(p.source_id, { ts: iso(p.ts)!, lon: p.lon, lat: p.lat, speedKmh: p.speed_kmh, headingDeg: p.heading_deg });
    const states = await this.db.query<{ unit_id: string; status: UnitStatus; status_at: Date | string; assignment_id: string | number | null }>(`SELECT unit_id, status, status_at, assignment_id FROM dispatch_unit_state`);
    const active = await this.db.query<AssignmentRow>(`SELECT * FROM dispatch_assignment WHERE state = ANY($1::text[])`, [ACTIVE_ASSIGNMENT_STATES]);
    for (const r of active) this.active.set(String(r.id), toAssignment(r));
    for (const s of states) {
      const assignmentId = s.assignment_id === null ? null : String(s.assignment_id);
      this.states.set(s.unit_id, { status: s.status, statusAt: iso(s.status_at)!, assignmentId, incidentId: (assignmentId && this.active.get(assignmentId)?.incidentId) || null });
    }
  }

  /** Applies a change another process (or this one) announced. */
  private apply(d: UnitsDelta): void {
    if (d.kind === 'units') {
      for (const u of d.units) this.states.set(u.id, { status: u.status, statusAt: u.statusAt, assignmentId: u.assignmentId, incidentId: u.incidentId });
    } else if (d.kind === 'assignment') {
      if (isActiveAssignment(d.assignment.state)) this.active.set(d.assignment.id, d.assignment);
      else this.active.delete(d.assignment.id);
    }
  }

  /** Newest positions of a committed batch (every process hears them over the bus); returns those that moved a unit. */
  observePositions(positions: IngestCommitted['positions']): Array<UnitPosition & { unitId: string }> {
    const changed: Array<UnitPosition & { unitId: string }> = [];
    for (const p of positions) {
      const prev = this.positions.get(p.sourceId);
      if (prev && prev.ts > p.ts) continue;
      const position = { ts: p.ts, lon: p.lon, lat: p.lat, speedKmh: p.speedKmh, headingDeg: p.headingDeg };
      this.positions.set(p.sourceId, position);
      changed.push({ unitId: p.sourceId, ...position });
    }
    return changed;
  }

  // ---------------------------------------------------------------- reads

  isUnit(s: Pick<SourceRecord, 'sector' | 'kind'>): boolean {
    return this.modules.sourceKind(s.sector, s.kind)?.position !== undefined;
  }

  private toUnit(s: SourceRecord): DispatchUnit {
    const unitType = s.attributes?.unitType as UnitType;
    const cruise = Number(s.attributes?.cruiseKmh);
    const st = this.states.get(s.id);
    return {
      id: s.id,
      name: s.name,
      unitType,
      callSign: typeof s.attributes?.callSign === 'string' ? s.attributes.callSign : s.id,
      regionId: s.regionId,
      base: { lon: s.lon, lat: s.lat },
      cruiseKmh: cruise > 0 ? cruise : DEFAULT_CRUISE_KMH[unitType] ?? 40,
      status: st?.status ?? 'available',
      statusAt: st?.statusAt ?? s.statusAt ?? new Date(0).toISOString(),
      incidentId: st?.incidentId ?? null,
      assignmentId: st?.assignmentId ?? null,
      position: this.positions.get(s.id) ?? null,
    };
  }

  units(filter: { status?: UnitStatus[]; unitType?: UnitType[]; regionId?: (id: string) => boolean } = {}): DispatchUnit[] {
    return this.sources
      .list()
      .filter((s) => this.isUnit(s))
      .map((s) => this.toUnit(s))
      .filter((u) => (!filter.status || filter.status.includes(u.status)) && (!filter.unitType || filter.unitType.includes(u.unitType)) && (!filter.regionId || filter.regionId(u.regionId)))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  unit(id: string): DispatchUnit {
    const s = this.sources.get(id);
    if (!s || !this.isUnit(s)) throw new DispatchError('not-found', `no response unit ${id}`, 'unitId');
    return this.toUnit(s);
  }

  /** Active assignments from memory (the `units` topic's snapshot). */
  activeAssignments(): Assignment[] {
    return [...this.active.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  async assignments(f: { incidentId?: string; unitId?: string; active?: boolean; limit?: number } = {}): Promise<Assignment[]> {
    const rows = await this.db.query<AssignmentRow>(
      `SELECT * FROM dispatch_assignment WHERE ($1::bigint IS NULL OR incident_id = $1) AND ($2::text IS NULL OR unit_id = $2)
         AND (NOT $3::boolean OR state = ANY($4::text[])) ORDER BY id DESC LIMIT $5`,
      [f.incidentId ?? null, f.unitId ?? null, f.active ?? false, ACTIVE_ASSIGNMENT_STATES, Math.min(f.limit ?? 200, 1000)],
    );
    return rows.map(toAssignment);
  }

  async assignment(id: string): Promise<Assignment> {
    if (!/^\d{1,18}$/.test(id)) throw new DispatchError('not-found', `no assignment ${id}`, 'id');
    const rows = await this.db.query<AssignmentRow>(`SELECT * FROM dispatch_assignment WHERE id = $1`, [id]);
    if (!rows[0]) throw new DispatchError('not-found', `no assignment ${id}`, 'id');
    return toAssignment(rows[0]);
  }

  /** Where a unit was between two times (newest last), from the `unit_position` hypertable. */
  async track(unitId: string, from: Date, to: Date, limit = 5000): Promise<UnitPosition[]> {
    this.unit(unitId);
    const rows = await this.db.query<{ ts: Date | string; lon: number; lat: number; speed_kmh: number | null; heading_deg: number | null }>(
      `SELECT ts, lon, lat, speed_kmh, heading_deg FROM unit_position WHERE source_id = $1 AND ts >= $2 AND ts <= $3 ORDER BY ts DESC LIMIT $4`,
      [unitId, from.toISOString(), to.toISOString(), limit],
    );
    return rows.reverse().map((r) => ({ ts: iso(r.ts)!, lon: r.lon, lat: r.lat, speedKmh: r.speed_kmh, headingDeg: r.heading_deg }));
  }

  private async incident(id: string, field = 'incidentId'): Promise<IncidentRecord> {
    try {
      return await this.incidents.get(id);
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'not-found') throw new DispatchError('not-found', `no incident ${id}`, field);
      throw err;
    }
  }

  /**
   * Available units nearest to an incident (or a point), by estimated travel time: the kinds the
   * incident type asks for first, then the others.
   */
  async suggest(q: SuggestQuery): Promise<UnitSuggestion[]> {
    let lon = q.lon;
    let lat = q.lat;
    let wanted = q.unitTypes;
    if (q.incidentId !== undefined) {
      const inc = await this.incident(q.incidentId);
      if (inc.lon === null || inc.lat === null) throw new DispatchError('invalid', `incident ${inc.code} has no location to dispatch to`, 'incidentId');
      lon = inc.lon;
      lat = inc.lat;
      wanted ??= this.incidents.typeOf(inc.type)?.unitTypes as UnitType[] | undefined;
    }
    if (lon === undefined || lat === undefined) throw new DispatchError('invalid', 'needs an incident or a point (lon, lat)', 'incidentId');
    const busy = new Set([...this.active.values()].map((a) => a.unitId));
    const out: UnitSuggestion[] = [];
    for (const unit of this.units({ status: ['available'] })) {
      if (busy.has(unit.id)) continue;
      const at = unit.position ?? unit.base;
      const distanceM = Math.round(haversineM(at.lon, at.lat, lon, lat));
      const { routeM, etaS } = estimate(distanceM, unit.cruiseKmh);
      out.push({ unit, distanceM, routeM, etaS, matchesType: !wanted?.length || wanted.includes(unit.unitType) });
    }
    out.sort((a, b) => Number(b.matchesType) - Number(a.matchesType) || a.etaS - b.etaS);
    return out.slice(0, Math.min(q.limit ?? 10, 100));
  }

  // ---------------------------------------------------------------- changes

  private publish(d: UnitsDelta): void {
    this.bus.publish<UnitsDelta>(DISPATCH_CHANGED, d);
  }

  /** Writes a unit's status (and what it works on), announces the unit. */
  private async setState(unitId: string, status: UnitStatus, assignment: Assignment | null, actor: string): Promise<DispatchUnit> {
    const at = this.clock.now().toISOString();
    await this.db.query(
      `INSERT INTO dispatch_unit_state (unit_id, status, status_at, assignment_id, updated_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unit_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at, assignment_id = EXCLUDED.assignment_id, updated_by = EXCLUDED.updated_by`,
      [unitId, status, at, assignment?.id ?? null, actor],
    );
    const st: UnitState = { status, statusAt: at, assignmentId: assignment?.id ?? null, incidentId: assignment?.incidentId ?? null };
    const s = this.sources.get(unitId)!;
    const unit = { ...this.toUnit(s), status: st.status, statusAt: st.statusAt, assignmentId: st.assignmentId, incidentId: st.incidentId };
    this.publish({ kind: 'units', units: [unit] });
    return unit;
  }

  /** Sends a unit to an incident; the crew acknowledges on its terminal (or by radio, REST). */
  async assign(req: { incidentId: string; unitId: string; actor: string; note?: string }): Promise<Assignment> {
    const inc = await this.incident(req.incidentId);
    if (isFinal(inc.state) || inc.state === 'resolved') throw new DispatchError('conflict', `incident ${inc.code} is ${inc.state}; units go to incidents still being handled`, 'incidentId');
    if (inc.lon === null || inc.lat === null) throw new DispatchError('invalid', `incident ${inc.code} has no location to dispatch to`, 'incidentId');
    const unit = this.unit(req.unitId);
    if (unit.status !== 'available') throw new DispatchError('conflict', `unit ${unit.callSign} is ${unit.status}`, 'unitId');
    const at = unit.position ?? unit.base;
    const distanceM = haversineM(at.lon, at.lat, inc.lon, inc.lat);
    const now = this.clock.now();
    const { etaS } = estimate(distanceM, unit.cruiseKmh);
    let row: AssignmentRow | undefined;
    try {
      [row] = await this.db.query<AssignmentRow>(
        `INSERT INTO dispatch_assignment (incident_id, unit_id, state, assigned_by, assigned_at, distance_m, eta_at, note)
         VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7) RETURNING *`,
        [inc.id, unit.id, req.actor, now.toISOString(), distanceM, new Date(now.getTime() + etaS * 1000).toISOString(), req.note?.trim() || null],
      );
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new DispatchError('conflict', `unit ${unit.callSign} already has an assignment`, 'unitId');
      throw err;
    }
    const assignment = toAssignment(row!);
    this.stats.assignments++;
    this.publish({ kind: 'assignment', assignment });
    await this.setState(unit.id, 'available', assignment, req.actor);
    await this.incidents.link(inc.id, 'unit', unit.id, req.actor, { assignmentId: assignment.id, callSign: unit.callSign, unitType: unit.unitType, distanceM: assignment.distanceM, etaAt: assignment.etaAt });
    // Immediate and command incidents are "dispatched" once a first unit is sent.
    if (canMove(inc.class, inc.state, 'dispatched')) {
      await this.incidents.move(inc.id, 'dispatched', { actor: req.actor, comment: `Điều động ${unit.callSign} (${unit.name})` }).catch((err: Error) => this.log.warn('could not mark the incident dispatched', { incident: inc.id, error: err.message }));
    }
    return assignment;
  }

  /** One step of an assignment: the row changes only if it is in one of `from` (a guard against races). */
  private async step(id: string, from: AssignmentState[], to: AssignmentState, stampCol: 'acknowledged_at' | 'arrived_at' | 'released_at', etaAt?: Date): Promise<Assignment> {
    const cur = await this.assignment(id);
    if (!from.includes(cur.state)) throw new DispatchError('conflict', `assignment ${id} is ${cur.state}; it cannot become ${to}`, 'action');
    const now = this.clock.now().toISOString();
    const rows = await this.db.query<AssignmentRow>(
      `UPDATE dispatch_assignment SET state = $2, ${stampCol} = $3, eta_at = COALESCE($5::timestamptz, eta_at)
        WHERE id = $1 AND state = ANY($4::text[]) RETURNING *`,
      [id, to, now, from, etaAt?.toISOString() ?? null],
    );
    if (!rows[0]) throw new DispatchError('conflict', `assignment ${id} changed meanwhile`, 'action');
    const a = toAssignment(rows[0]);
    this.publish({ kind: 'assignment', assignment: a });
    return a;
  }

  async acknowledge(id: string, actor: string): Promise<Assignment> {
    const cur = await this.assignment(id);
    const unit = this.unit(cur.unitId);
    const inc = await this.incident(cur.incidentId);
    const at = unit.position ?? unit.base;
    const eta = inc.lon !== null && inc.lat !== null ? estimate(haversineM(at.lon, at.lat, inc.lon, inc.lat), unit.cruiseKmh, unit.position?.speedKmh ?? null) : undefined;
    const a = await this.step(id, ['pending'], 'acknowledged', 'acknowledged_at', eta ? new Date(this.clock.now().getTime() + eta.etaS * 1000) : undefined);
    this.stats.acknowledged++;
    await this.setState(a.unitId, 'en_route', a, actor);
    await this.incidents.record(a.incidentId, 'unit-acknowledged', actor, `${unit.callSign} nhận lệnh, đang di chuyển`, { assignmentId: a.id, unitId: a.unitId, etaAt: a.etaAt });
    return a;
  }

  async arrive(id: string, actor: string, how: 'reported' | 'position' = 'reported'): Promise<Assignment> {
    const a = await this.step(id, ['pending', 'acknowledged'], 'arrived', 'arrived_at');
    const unit = this.unit(a.unitId);
    this.stats.arrivals++;
    if (how === 'position') this.stats.autoArrivals++;
    await this.setState(a.unitId, 'on_scene', a, actor);
    await this.incidents.record(a.incidentId, 'unit-arrived', actor, `${unit.callSign} đã đến hiện trường`, { assignmentId: a.id, unitId: a.unitId, detectedBy: how });
    const inc = await this.incident(a.incidentId);
    if (inc.state === 'dispatched' && canMove(inc.class, inc.state, 'handling')) {
      await this.incidents.move(inc.id, 'handling', { actor, comment: `${unit.callSign} bắt đầu xử lý tại hiện trường` }).catch((err: Error) => this.log.warn('could not mark the incident handling', { incident: inc.id, error: err.message }));
    }
    return a;
  }

  /** Stands a unit down: it returns to its base (a pending assignment is simply cancelled). */
  async release(id: string, actor: string, note?: string): Promise<Assignment> {
    const cur = await this.assignment(id);
    const pending = cur.state === 'pending';
    const a = await this.step(id, pending ? ['pending'] : ['acknowledged', 'arrived'], pending ? 'cancelled' : 'released', 'released_at');
    await this.setState(a.unitId, pending ? 'available' : 'returning', null, actor);
    await this.incidents.record(a.incidentId, pending ? 'unit-cancelled' : 'unit-released', actor, note?.trim() || null, { assignmentId: a.id, unitId: a.unitId });
    return a;
  }

  /** When an incident is resolved or closed, its units are released. */
  async releaseIncident(incidentId: string, actor: string): Promise<number> {
    const open = await this.assignments({ incidentId, active: true });
    for (const a of open) await this.release(a.id, actor, 'Sự cố đã xử lý xong').catch((err: Error) => this.log.warn('releasing a unit failed', { assignment: a.id, error: err.message }));
    return open.length;
  }

  /** Duty status set by hand (off duty, back available, returning); en route / on scene follow assignments. */
  async setStatus(unitId: string, status: UnitStatus, actor: string): Promise<DispatchUnit> {
    const unit = this.unit(unitId);
    if (!MANUAL_STATUSES.includes(status)) throw new DispatchError('invalid', `${status} follows from an assignment; set one of ${MANUAL_STATUSES.join(', ')}`, 'status');
    if (unit.assignmentId) throw new DispatchError('conflict', `unit ${unit.callSign} works on assignment ${unit.assignmentId}; release it first`, 'status');
    return this.setState(unitId, status, null, actor);
  }

  async sendMessage(req: { incidentId?: string; toUnit?: string; from: string; text: string }): Promise<DispatchMessage> {
    if (!req.incidentId && !req.toUnit) throw new DispatchError('invalid', 'a message goes to an incident’s group (incidentId) or to one unit (toUnit)', 'incidentId');
    if (req.incidentId) await this.incident(req.incidentId);
    if (req.toUnit) this.unit(req.toUnit);
    const text = req.text.trim();
    if (!text) throw new DispatchError('invalid', 'must not be empty', 'text');
    const [row] = await this.db.query<MessageRow>(`INSERT INTO dispatch_message (incident_id, to_unit, sender, text, at) VALUES ($1, $2, $3, $4, $5) RETURNING *`, [req.incidentId ?? null, req.toUnit ?? null, req.from, text, this.clock.now().toISOString()]);
    const message = toMessage(row!);
    this.stats.messages++;
    this.publish({ kind: 'message', message });
    return message;
  }

  /** An incident's group channel, or what one unit sent and received (newest last). */
  async messages(f: { incidentId?: string; unitId?: string; limit?: number }): Promise<DispatchMessage[]> {
    if (!f.incidentId && !f.unitId) throw new DispatchError('invalid', 'name an incident or a unit', 'incidentId');
    const rows = await this.db.query<MessageRow>(
      `SELECT * FROM dispatch_message WHERE ($1::bigint IS NULL OR incident_id = $1) AND ($2::text IS NULL OR to_unit = $2 OR sender = $2)
        ORDER BY id DESC LIMIT $3`,
      [f.incidentId ?? null, f.unitId ?? null, Math.min(f.limit ?? 200, 1000)],
    );
    return rows.reverse().map(toMessage);
  }

  // ---------------------------------------------------------------- unit reports (ingest role)

  /**
   * What units said in a committed batch: acknowledgements, arrivals and duty changes from their
   * terminals, and positions that put an en-route unit at its scene or a returning one at its base.
   */
  handleMessages(messages: readonly Classified[]): void {
    const events: Array<{ unitId: string; type: string; payload: Record<string, unknown> }> = [];
    const moved = new Map<string, { lon: number; lat: number }>();
    for (const m of messages) {
      if (m.kind === 'telemetry' && m.position) moved.set(m.sourceId, m.position);
      else if (m.kind === 'event' && (m.type.startsWith('assignment.') || m.type === 'duty.change')) {
        const s = this.sources.get(m.sourceId);
        if (s && this.isUnit(s)) events.push({ unitId: m.sourceId, type: m.type, payload: JSON.parse(m.payloadJson) as Record<string, unknown> });
      }
    }
    if (!events.length && !moved.size) return;
    this.chain = this.chain
      .then(() => this.handleReports(events, moved))
      .catch((err: Error) => this.log.warn('handling unit reports failed', { error: err.message }));
  }

  private async handleReports(events: Array<{ unitId: string; type: string; payload: Record<string, unknown> }>, moved: Map<string, { lon: number; lat: number }>): Promise<void> {
    for (const e of events) {
      try {
        if (e.type === 'duty.change') {
          if ((UNIT_STATUSES as readonly string[]).includes(e.payload.status as string)) await this.setStatus(e.unitId, e.payload.status as UnitStatus, e.unitId);
          continue;
        }
        const a = await this.assignment(String(e.payload.assignment));
        if (a.unitId !== e.unitId) {
          this.log.warn('a unit reported on another unit’s assignment; ignored', { unit: e.unitId, assignment: a.id, owner: a.unitId });
          continue;
        }
        if (e.type === 'assignment.ack' && a.state === 'pending') await this.acknowledge(a.id, e.unitId);
        else if (e.type === 'assignment.arrived' && (a.state === 'pending' || a.state === 'acknowledged')) await this.arrive(a.id, e.unitId, 'reported');
      } catch (err) {
        this.log.warn('a unit report could not be applied', { unit: e.unitId, type: e.type, error: (err as Error).message });
      }
    }
    if (!moved.size) return;
    const ids = [...moved.keys()];
    const enRoute = await this.db.query<{ id: string | number; unit_id: string; lon: number | null; lat: number | null }>(
      `SELECT a.id, a.unit_id, i.lon, i.lat FROM dispatch_assignment a JOIN incident i ON i.id = a.incident_id WHERE a.state = 'acknowledged' AND a.unit_id = ANY($1::text[])`,
      [ids],
    );
    for (const r of enRoute) {
      const p = moved.get(r.unit_id)!;
      if (r.lon !== null && r.lat !== null && haversineM(p.lon, p.lat, r.lon, r.lat) <= ARRIVAL_RADIUS_M) {
        await this.arrive(String(r.id), r.unit_id, 'position').catch((err: Error) => this.log.warn('arrival not recorded', { assignment: r.id, error: err.message }));
      }
    }
    const returning = await this.db.query<{ unit_id: string }>(`SELECT unit_id FROM dispatch_unit_state WHERE status = 'returning' AND unit_id = ANY($1::text[])`, [ids]);
    for (const r of returning) {
      const s = this.sources.get(r.unit_id);
      const p = moved.get(r.unit_id)!;
      if (s && haversineM(p.lon, p.lat, s.lon, s.lat) <= ARRIVAL_RADIUS_M) await this.setState(r.unit_id, 'available', null, r.unit_id);
    }
  }

  /** Waits for the unit reports taken so far to be applied (shutdown, tests). */
  async settle(): Promise<void> {
    await this.chain;
  }
}
