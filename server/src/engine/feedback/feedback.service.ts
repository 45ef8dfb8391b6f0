import { createHash } from 'node:crypto';
import type { FeedbackCategory, FeedbackDelta, FeedbackDepartment, FeedbackEvent, FeedbackPhotoInfo, FeedbackPublic, FeedbackRecord, FeedbackState, FeedbackStatsRow, Severity } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { IncidentService } from '../incidents/incident.service.js';
import type { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { RegionLocator } from '../registry/region-locator.js';
import type { RegionTree } from '../registry/region-tree.js';
import { systemClock, type Clock } from '../time/clock.js';
import { deadlineFlags, dueAt, localDay } from './deadline.js';
import { canMoveFeedback, nextFeedbackStates } from './lifecycle.js';
import { checkPhotos, type IncomingPhoto, type PhotoLimits } from './photos.js';
import { normalizeCode, trackingCode } from './tracking-code.js';
import { iso } from '../db/row-time.js';

/** Bus channel: a field report changed (one delta per history entry, never coalesced). */
export const FEEDBACK_CHANGED = 'feedback.changed';

/** Incident type a report becomes when its category suggests none (declared by the citizen module). */
export const GENERIC_INCIDENT_TYPE = 'field-report';

export class FeedbackError extends Error {
  constructor(
    readonly kind: 'not-found' | 'conflict' | 'invalid' | 'too-large' | 'unsupported-type',
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FeedbackError';
  }
}

export interface SubmitFeedback {
  category: string;
  text: string;
  lon?: number;
  lat?: number;
  regionId?: string;
  channel?: string;
  contact?: { name?: string; phone?: string; email?: string };
  photos?: IncomingPhoto[];
}

export interface FeedbackFilter {
  state?: FeedbackState[];
  category?: string;
  department?: string;
  /** The region and everything in it. */
  regionId?: string;
  overdue?: boolean;
  /** Local days (YYYY-MM-DD, Asia/Ho_Chi_Minh) of receipt, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

export type StatsBy = 'ward' | 'day' | 'department' | 'category';
export const STATS_BY: readonly StatsBy[] = ['ward', 'day', 'department', 'category'];

export interface FeedbackStats {
  by: StatsBy;
  from: string | null;
  to: string | null;
  rows: Array<FeedbackStatsRow & { name?: string }>;
  total: Omit<FeedbackStatsRow, 'key'>;
}

interface ReportRow {
  id: string | number;
  code: string;
  category: string;
  department: string;
  channel: string;
  text: string;
  lon: number | null;
  lat: number | null;
  region_id: string | null;
  contact: FeedbackRecord['contact'];
  state: FeedbackState;
  received_at: Date | string;
  due_at: Date | string;
  processed_at: Date | string | null;
  done_at: Date | string | null;
  result: string | null;
  incident_id: string | number | null;
  updated_at: Date | string;
}

interface EventRow {
  report_id: string | number;
  at: Date | string;
  kind: string;
  actor: string;
  text: string | null;
  data: Record<string, unknown>;
}

const isId = (id: string) => /^\d{1,18}$/.test(id);
/** SQL of "overdue at $1": done late, or not done and past the deadline. */
const OVERDUE_SQL = `((state = 'done' AND done_at > due_at) OR (state <> 'done' AND due_at < $1))`;
const LOCAL_DAY_SQL = `to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`;

/**
 * Citizen field reports: intake with photos (checked by size and content, stored in the database
 * with the report), a tracking code, routing by category to a department, a deadline per category,
 * received → processing → done with a published result, the District 7 panel statistics, and a
 * report becoming an incident. Every change appends a history entry in the same statement and
 * publishes `feedback.changed`.
 */
export class FeedbackService {
  private readonly clock: Clock;
  readonly stats = { submitted: 0, transitions: 0, incidents: 0, refusedPhotos: 0 };

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly modules: ModuleRegistry,
    private readonly locator: RegionLocator,
    private readonly tree: RegionTree,
    private readonly incidents: IncidentService,
    private readonly log: Logger,
    private readonly options: { clock?: Clock; photos: PhotoLimits },
  ) {
    this.clock = options.clock ?? systemClock;
  }

  get photoLimits(): PhotoLimits {
    return this.options.photos;
  }

  /** Every category the loaded modules declare. */
  categories(): Array<FeedbackCategory & { id: string; sector: string }> {
    return this.modules.sectors().flatMap((m) => Object.entries(m.feedbackCategories ?? {}).map(([id, c]) => ({ id, sector: m.id, ...c })));
  }

  category(id: string): FeedbackCategory | undefined {
    for (const m of this.modules.sectors()) if (m.feedbackCategories?.[id]) return m.feedbackCategories[id];
    return undefined;
  }

  /** Departments reports can be routed to: those the categories name. */
  departments(): FeedbackDepartment[] {
    const out = new Map<string, FeedbackDepartment>();
    for (const c of this.categories()) out.set(c.department.id, c.department);
    return [...out.values()];
  }

  private toRecord(r: ReportRow, photos: FeedbackPhotoInfo[], now = this.clock.now()): FeedbackRecord {
    const flags = deadlineFlags({ state: r.state, dueAt: new Date(r.due_at), doneAt: r.done_at === null ? null : new Date(r.done_at) }, now);
    return {
      id: String(r.id),
      code: r.code,
      category: r.category,
      department: r.department,
      state: r.state,
      regionId: r.region_id,
      receivedAt: iso(r.received_at)!,
      dueAt: iso(r.due_at)!,
      doneAt: iso(r.done_at),
      result: r.result,
      ...flags,
      text: r.text,
      lon: r.lon === null ? null : Number(r.lon),
      lat: r.lat === null ? null : Number(r.lat),
      channel: r.channel,
      contact: r.contact ?? null,
      processedAt: iso(r.processed_at),
      incidentId: r.incident_id === null ? null : String(r.incident_id),
      photos,
      updatedAt: iso(r.updated_at)!,
    };
  }

  /** What the reporter sees by code: state, deadline, result; never the contact or the history. */
  static publicView(r: FeedbackRecord): FeedbackPublic {
    return { code: r.code, category: r.category, department: r.department, state: r.state, regionId: r.regionId, receivedAt: r.receivedAt, dueAt: r.dueAt, doneAt: r.doneAt, result: r.result, withinDeadline: r.withinDeadline, overdue: r.overdue };
  }

  private async photosOf(ids: string[]): Promise<Map<string, FeedbackPhotoInfo[]>> {
    const out = new Map<string, FeedbackPhotoInfo[]>();
    if (!ids.length) return out;
    const rows = await this.db.query<{ report_id: string; id: string; content_type: string; bytes: number; sha256: string }>(
      `SELECT report_id::text, id::text, content_type, bytes, sha256 FROM feedback_photo WHERE report_id = ANY($1::bigint[]) ORDER BY report_id, position`,
      [ids],
    );
    for (const p of rows) {
      const list = out.get(p.report_id) ?? [];
      list.push({ id: p.id, contentType: p.content_type, bytes: Number(p.bytes), sha256: p.sha256 });
      out.set(p.report_id, list);
    }
    return out;
  }

  private async records(rows: ReportRow[]): Promise<FeedbackRecord[]> {
    const photos = await this.photosOf(rows.map((r) => String(r.id)));
    const now = this.clock.now();
    return rows.map((r) => this.toRecord(r, photos.get(String(r.id)) ?? [], now));
  }

  private publish(report: FeedbackRecord, event: FeedbackEvent): void {
    this.bus.publish<FeedbackDelta>(FEEDBACK_CHANGED, { report, event });
  }

  async submit(req: SubmitFeedback, actor = 'citizen'): Promise<FeedbackRecord> {
    const category = this.category(req.category);
    if (!category) throw new FeedbackError('invalid', `is not a field-report category of the loaded modules (${this.categories().map((c) => c.id).join(', ')})`, 'category');
    if ((req.lon === undefined) !== (req.lat === undefined)) throw new FeedbackError('invalid', 'lon and lat come together', req.lon === undefined ? 'lon' : 'lat');
    if (req.regionId !== undefined && !this.tree.get(req.regionId)) throw new FeedbackError('invalid', `is not a region of the seed geography`, 'regionId');
    const checked = checkPhotos(req.photos ?? [], this.options.photos);
    if (!checked.ok) {
      this.stats.refusedPhotos++;
      const p = checked.problem;
      throw new FeedbackError(p.status === 413 ? 'too-large' : p.status === 415 ? 'unsupported-type' : 'invalid', p.problem, p.field);
    }
    const hasPoint = req.lon !== undefined && req.lat !== undefined;
    const regionId = req.regionId ?? (hasPoint ? this.locator.locate(req.lon!, req.lat!) : undefined) ?? null;
    const now = this.clock.now();
    const due = dueAt(now, category.deadlineHours);
    const photos = checked.photos.map((p, i) => ({ pos: i, ct: p.contentType, n: p.data.byteLength, sha: createHash('sha256').update(p.data).digest('hex'), b64: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('base64') }));
    const eventData = { category: req.category, department: category.department.id, photos: photos.length, channel: req.channel ?? 'app' };
    // Report, photos and the first history entry in one statement: a report is never seen without
    // its photos. The random code may collide with an earlier one this month; then draw again.
    for (let attempt = 1; ; attempt++) {
      const code = trackingCode(now);
      try {
        const rows = await this.db.query<ReportRow>(
          `WITH ins AS (
             INSERT INTO feedback_report (code, category, department, channel, text, lon, lat, region_id, contact, state, received_at, due_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'received', $10, $11, $10)
             RETURNING *
           ),
           ph AS (
             INSERT INTO feedback_photo (report_id, position, content_type, bytes, sha256, data)
             SELECT ins.id, p.pos, p.ct, p.n, p.sha, decode(p.b64, 'base64') FROM ins, unnest($12::int[], $13::text[], $14::int[], $15::text[], $16::text[]) AS p(pos, ct, n, sha, b64)
           ),
           ev AS (INSERT INTO feedback_event (report_id, at, kind, actor, text, data) SELECT id, $10, 'received', $17, NULL, $18::jsonb FROM ins)
           SELECT * FROM ins`,
          [
            code,
            req.category,
            category.department.id,
            req.channel ?? 'app',
            req.text,
            req.lon ?? null,
            req.lat ?? null,
            regionId,
            req.contact && Object.keys(req.contact).length ? JSON.stringify(req.contact) : null,
            now.toISOString(),
            due.toISOString(),
            photos.map((p) => p.pos),
            photos.map((p) => p.ct),
            photos.map((p) => p.n),
            photos.map((p) => p.sha),
            photos.map((p) => p.b64),
            actor,
            JSON.stringify(eventData),
          ],
        );
        const row = rows[0]!;
        const report = this.toRecord(row, [], now);
        // Photo ids are assigned by the database; read them back (cheap: metadata only).
        report.photos = (await this.photosOf([report.id])).get(report.id) ?? [];
        this.stats.submitted++;
        this.publish(report, { reportId: report.id, at: now.toISOString(), kind: 'received', actor, text: null, data: eventData });
        this.log.info('field report received', { id: report.id, code, category: req.category, department: category.department.id, regionId, photos: photos.length });
        return report;
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (attempt < 5 && e.code === '23505' && /code/.test(e.message ?? '')) continue;
        throw err;
      }
    }
  }

  private async row(id: string): Promise<ReportRow> {
    if (!isId(id)) throw new FeedbackError('not-found', `no field report ${id}`);
    const rows = await this.db.query<ReportRow>(`SELECT * FROM feedback_report WHERE id = $1`, [id]);
    if (!rows[0]) throw new FeedbackError('not-found', `no field report ${id}`);
    return rows[0];
  }

  async get(id: string): Promise<FeedbackRecord & { nextStates: FeedbackState[] }> {
    const [r] = await this.records([await this.row(id)]);
    return { ...r!, nextStates: nextFeedbackStates(r!.state) };
  }

  async history(id: string): Promise<FeedbackEvent[]> {
    await this.row(id);
    const rows = await this.db.query<EventRow>(`SELECT report_id, at, kind, actor, text, data FROM feedback_event WHERE report_id = $1 ORDER BY id`, [id]);
    return rows.map((e) => ({ reportId: String(e.report_id), at: iso(e.at)!, kind: e.kind, actor: e.actor, text: e.text, data: e.data ?? {} }));
  }

  /** The reporter's view by tracking code. */
  async track(rawCode: string): Promise<FeedbackPublic> {
    const rows = await this.db.query<ReportRow>(`SELECT * FROM feedback_report WHERE code = $1`, [normalizeCode(rawCode)]);
    if (!rows[0]) throw new FeedbackError('not-found', `no field report with code ${rawCode}`, 'code');
    return FeedbackService.publicView(this.toRecord(rows[0], []));
  }

  async photo(id: string, photoId: string): Promise<{ contentType: string; sha256: string; data: Buffer }> {
    if (!isId(id) || !isId(photoId)) throw new FeedbackError('not-found', `no photo ${photoId} of field report ${id}`);
    const rows = await this.db.query<{ content_type: string; sha256: string; b64: string }>(
      `SELECT content_type, sha256, encode(data, 'base64') AS b64 FROM feedback_photo WHERE report_id = $1 AND id = $2`,
      [id, photoId],
    );
    if (!rows[0]) throw new FeedbackError('not-found', `no photo ${photoId} of field report ${id}`);
    return { contentType: rows[0].content_type, sha256: rows[0].sha256, data: Buffer.from(rows[0].b64, 'base64') };
  }

  async list(f: FeedbackFilter = {}): Promise<FeedbackRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [this.clock.now().toISOString()];
    const add = (sql: (n: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    if (f.state?.length) add((n) => `state = ANY(${n}::text[])`, f.state);
    if (f.category) add((n) => `category = ${n}`, f.category);
    if (f.department) add((n) => `department = ${n}`, f.department);
    if (f.regionId) add((n) => `region_id = ANY(${n}::text[])`, this.subtree(f.regionId));
    if (f.overdue !== undefined) where.push(f.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    if (f.from) add((n) => `${LOCAL_DAY_SQL} >= ${n}`, f.from);
    if (f.to) add((n) => `${LOCAL_DAY_SQL} <= ${n}`, f.to);
    params.push(f.limit ?? 200);
    const rows = await this.db.query<ReportRow>(
      // $1 (now) is always bound; `$1::timestamptz IS NOT NULL` keeps it typed when no filter uses it.
      `SELECT * FROM feedback_report WHERE $1::timestamptz IS NOT NULL${where.map((w) => ` AND ${w}`).join('')} ORDER BY (state = 'done'), due_at, id LIMIT $${params.length}`,
      params,
    );
    return this.records(rows);
  }

  /** A region id and every region inside it. */
  private subtree(regionId: string): string[] {
    return this.tree.all().filter((r) => this.tree.within(r.id, regionId)).map((r) => r.id);
  }

  /**
   * One change: the update and its history entry in one statement, guarded by the state read
   * before (a concurrent change makes it a conflict rather than a lost update).
   */
  private async change(r: ReportRow, event: { kind: string; actor: string; text?: string | null; data?: Record<string, unknown> }, setSql: string, setParams: unknown[], guardSql = 'true'): Promise<FeedbackRecord> {
    const now = this.clock.now();
    const rows = await this.db.query<ReportRow>(
      `WITH up AS (UPDATE feedback_report SET ${setSql}, updated_at = $2 WHERE id = $1 AND state = $7 AND ${guardSql} RETURNING *),
       ev AS (INSERT INTO feedback_event (report_id, at, kind, actor, text, data) SELECT id, $2, $3, $4, $5, $6::jsonb FROM up)
       SELECT * FROM up`,
      [String(r.id), now.toISOString(), event.kind, event.actor, event.text ?? null, JSON.stringify(event.data ?? {}), r.state, ...setParams],
    );
    if (!rows[0]) throw new FeedbackError('conflict', `field report ${r.id} changed meanwhile; read it again`);
    const [report] = await this.records(rows);
    this.publish(report!, { reportId: report!.id, at: now.toISOString(), kind: event.kind, actor: event.actor, text: event.text ?? null, data: event.data ?? {} });
    return report!;
  }

  /** received → processing → done; done needs the result text the reporter will read. */
  async move(id: string, to: FeedbackState, req: { actor: string; result?: string; comment?: string }): Promise<FeedbackRecord> {
    const r = await this.row(id);
    if (!canMoveFeedback(r.state, to)) throw new FeedbackError('conflict', `cannot move from ${r.state} to ${to} (possible: ${nextFeedbackStates(r.state).join(', ') || 'none, it is done'})`, 'to');
    const result = req.result?.trim();
    if (to === 'done' && !result) throw new FeedbackError('invalid', 'is required to finish a report: the result the reporter reads', 'result');
    // $8 = target state, $9 = result (done only).
    const set = to === 'done' ? `state = $8, processed_at = COALESCE(processed_at, $2), done_at = $2, result = $9` : `state = $8, processed_at = $2`;
    const report = await this.change(r, { kind: to, actor: req.actor, text: req.comment ?? (to === 'done' ? result! : null), data: { from: r.state, to } }, set, to === 'done' ? [to, result] : [to]);
    this.stats.transitions++;
    return report;
  }

  /** Re-routes a report to another department (the category's one is the default). */
  async assign(id: string, department: string, req: { actor: string; comment?: string }): Promise<FeedbackRecord> {
    const known = this.departments();
    if (!known.some((d) => d.id === department)) throw new FeedbackError('invalid', `is not a department of the categories (${known.map((d) => d.id).join(', ')})`, 'department');
    const r = await this.row(id);
    if (r.state === 'done') throw new FeedbackError('conflict', 'is done; it can no longer be re-routed', 'department');
    if (r.department === department) return (await this.records([r]))[0]!;
    return this.change(r, { kind: 'assigned', actor: req.actor, text: req.comment ?? null, data: { from: r.department, to: department } }, `department = $8`, [department]);
  }

  /**
   * Opens an incident from the report (origin `feedback`), linked both ways: the incident links
   * the report, the report holds the incident id, and both histories record it.
   */
  async toIncident(id: string, req: { actor: string; type?: string; title?: string; severity?: Severity }): Promise<{ report: FeedbackRecord; incidentId: string; incidentCode: string }> {
    const r = await this.row(id);
    if (r.incident_id !== null) throw new FeedbackError('conflict', `already became incident ${r.incident_id}`, 'incidentId');
    const category = this.category(r.category);
    const suggested = category?.incidentType && this.incidents.typeOf(category.incidentType) ? category.incidentType : GENERIC_INCIDENT_TYPE;
    const incident = await this.incidents.create({
      type: req.type ?? suggested,
      title: req.title ?? `Phản ánh ${r.code}: ${category?.name.vi ?? r.category}`,
      description: r.text,
      ...(req.severity ? { severity: req.severity } : {}),
      origin: 'feedback',
      ...(r.lon !== null && r.lat !== null ? { lon: Number(r.lon), lat: Number(r.lat) } : {}),
      ...(r.region_id ? { regionId: r.region_id } : {}),
      actor: req.actor,
      links: [{ kind: 'feedback', refId: String(r.id) }],
    });
    await this.incidents.record(incident.id, 'from-feedback', req.actor, r.code, { reportId: String(r.id), code: r.code });
    const report = await this.change(r, { kind: 'incident', actor: req.actor, text: incident.code, data: { incidentId: incident.id, incidentCode: incident.code } }, `incident_id = $8`, [incident.id], 'incident_id IS NULL');
    this.stats.incidents++;
    return { report, incidentId: incident.id, incidentCode: incident.code };
  }

  /**
   * The District 7 panel: received, processed (done), processed in time, overdue (done late, or
   * open past the deadline at the runtime's now), grouped by ward, local day, department or
   * category, over local days [from, to] of receipt.
   */
  async statistics(by: StatsBy, range: { from?: string; to?: string } = {}): Promise<FeedbackStats> {
    const key = { ward: `COALESCE(region_id, '')`, day: LOCAL_DAY_SQL, department: 'department', category: 'category' }[by];
    const params: unknown[] = [this.clock.now().toISOString()];
    const where: string[] = [];
    if (range.from) {
      params.push(range.from);
      where.push(`${LOCAL_DAY_SQL} >= $${params.length}`);
    }
    if (range.to) {
      params.push(range.to);
      where.push(`${LOCAL_DAY_SQL} <= $${params.length}`);
    }
    const rows = await this.db.query<{ key: string; received: number; processed: number; in_time: number; overdue: number }>(
      `SELECT ${key} AS key, count(*)::int AS received,
              count(*) FILTER (WHERE state = 'done')::int AS processed,
              count(*) FILTER (WHERE state = 'done' AND done_at <= due_at)::int AS in_time,
              count(*) FILTER (WHERE ${OVERDUE_SQL})::int AS overdue
         FROM feedback_report WHERE $1::timestamptz IS NOT NULL${where.map((w) => ` AND ${w}`).join('')}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const total = { received: 0, processed: 0, inTime: 0, overdue: 0 };
    const out = rows.map((r) => {
      const row = { key: r.key, received: Number(r.received), processed: Number(r.processed), inTime: Number(r.in_time), overdue: Number(r.overdue) };
      total.received += row.received;
      total.processed += row.processed;
      total.inTime += row.inTime;
      total.overdue += row.overdue;
      const name = by === 'ward' ? this.tree.get(r.key)?.name : by === 'department' ? this.departments().find((d) => d.id === r.key)?.name.vi : by === 'category' ? this.category(r.key)?.name.vi : undefined;
      return name ? { ...row, name } : row;
    });
    return { by, from: range.from ?? null, to: range.to ?? null, rows: out, total };
  }

  /** Today's totals (Vietnam's calendar day). */
  async today(): Promise<{ day: string } & Omit<FeedbackStatsRow, 'key'>> {
    const day = localDay(this.clock.now());
    return { day, ...(await this.statistics('day', { from: day, to: day })).total };
  }
}
