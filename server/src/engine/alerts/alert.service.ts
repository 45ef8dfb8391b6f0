import { DomainError } from '../domain-error.js';
import { ACTIVE_ALERT_STATES, type AlertAction, type AlertDelta, type AlertOrigin, type AlertRecord, type AlertState, type AlertTransition, type LocalizedText, type Severity } from '@ioc/sdk';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { toAlert, toTransition, type AlertRow, type TransitionRow } from './alert-store.js';
import { actionsFrom, allowedFrom, isActive, next } from './lifecycle.js';
import type { PolicyBook } from './policies.js';

/** Bus channel: one alert changed (raised, repeated, acted on, escalated). Never coalesced. */
export const ALERTS_CHANGED = 'alerts.changed';

export const JOB_ESCALATE = 'alert.escalate';
export const JOB_UNSNOOZE = 'alert.unsnooze';

/** What a rule, a KPI risk or a CAP message says when its condition holds. */
export interface AlertSignal {
  key: string;
  origin: AlertOrigin;
  severity: Severity;
  title: LocalizedText;
  at: Date;
  ruleId?: string;
  sector?: string;
  sourceId?: string;
  regionId?: string;
  kpiId?: string;
  metric?: string;
  value?: number;
  policyId?: string;
  incidentType?: string;
  lon?: number;
  lat?: number;
  details?: Record<string, unknown>;
}

export class AlertError extends DomainError {}

/** Sends the notifications of an escalation step (implemented by the notification service). */
export interface AlertNotifier {
  notify(targets: string[], message: { subject: string; text: string; ref: string; severity: Severity }): Promise<void>;
}

/** Opens an incident for an alert (implemented by the incident service). */
export interface AlertIncidentOpener {
  openFromAlert(alert: AlertRecord, actor: string): Promise<{ id: string }>;
}

export interface ActRequest {
  action: AlertAction;
  actor: string;
  comment?: string;
  assignee?: string;
  until?: Date;
}

export interface AlertFilter {
  state?: AlertState[];
  severity?: Severity[];
  sector?: string;
  regionIds?: string[];
  sourceId?: string;
  limit?: number;
}

export interface AlertServiceOptions {
  clock?: Clock;
  log: Logger;
  notifier?: AlertNotifier;
}

const ALERT_COLUMNS = `id, dedup_key, origin, rule_id, sector, source_id, region_id, kpi_id, severity, title, state, snoozed_from, count, first_at, last_at, metric,
  last_value, assignee, snoozed_until, escalation_level, escalate_at, policy_id, incident_type, incident_id, lon, lat, details, updated_at`;

/**
 * Alerts: raised by rules (ingest role), KPI risks (worker) and CAP messages; acted on through
 * the API; escalated by jobs (worker). Every change is one SQL statement that also records the
 * transition, so two processes acting at once cannot lose or double a change, and every change
 * is published on the bus for the live topics.
 */
export class AlertService {
  private readonly clock: Clock;
  private readonly log: Logger;
  notifier?: AlertNotifier;
  incidents?: AlertIncidentOpener;
  readonly stats = { raised: 0, repeated: 0, resolvedBySystem: 0, escalations: 0, notifyFailures: 0 };

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly jobs: JobQueue,
    private readonly policies: PolicyBook,
    options: AlertServiceOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log;
    this.notifier = options.notifier;
  }

  private publish(alert: AlertRecord, transition: AlertTransition): void {
    this.bus.publish<AlertDelta>(ALERTS_CHANGED, { alert, transition });
  }

  /**
   * A condition holds: opens an alert for its key, or counts a repeat on the live one (a resolved
   * alert whose condition comes back is re-opened). Escalation starts at the first raise.
   */
  async raise(s: AlertSignal): Promise<AlertRecord> {
    // `prev` reads the statement's snapshot (before the upsert): it tells a new alert from a
    // repeat or a re-open. (A FOR UPDATE there would skip the row the upsert itself changes.)
    const policyId = s.policyId && this.policies.has(s.policyId) ? s.policyId : 'default';
    const escalateAt = this.policies.nextDue(policyId, 0, s.at);
    const rows = await this.db.query<AlertRow & { prev_state: AlertState | null; prev_id: string | null }>(
      `WITH prev AS MATERIALIZED (SELECT id, state FROM alert WHERE dedup_key = $1 AND state <> 'closed'),
       up AS (
         INSERT INTO alert (dedup_key, origin, rule_id, sector, source_id, region_id, kpi_id, severity, title, state, count, first_at, last_at, metric, last_value,
                            policy_id, incident_type, lon, lat, details, escalate_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', 1, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $10)
         ON CONFLICT (dedup_key) WHERE state <> 'closed' DO UPDATE SET
           count = alert.count + 1,
           last_at = greatest(alert.last_at, excluded.last_at),
           last_value = coalesce(excluded.last_value, alert.last_value),
           severity = excluded.severity,
           details = alert.details || excluded.details,
           state = CASE WHEN alert.state = 'resolved' THEN 'open' ELSE alert.state END,
           escalation_level = CASE WHEN alert.state = 'resolved' THEN 0 ELSE alert.escalation_level END,
           escalate_at = CASE WHEN alert.state = 'resolved' THEN excluded.escalate_at ELSE alert.escalate_at END,
           updated_at = excluded.updated_at
         RETURNING ${ALERT_COLUMNS}
       )
       SELECT up.*, prev.state AS prev_state, prev.id AS prev_id FROM up LEFT JOIN prev ON prev.id = up.id`,
      [
        s.key,
        s.origin,
        s.ruleId ?? null,
        s.sector ?? null,
        s.sourceId ?? null,
        s.regionId ?? null,
        s.kpiId ?? null,
        s.severity,
        JSON.stringify(s.title),
        s.at.toISOString(),
        s.metric ?? null,
        s.value ?? null,
        policyId,
        s.incidentType ?? null,
        s.lon ?? null,
        s.lat ?? null,
        JSON.stringify(s.details ?? {}),
        escalateAt?.toISOString() ?? null,
      ],
    );
    const row = rows[0]!;
    const alert = toAlert(row);
    const fresh = row.prev_id === null;
    const reopened = row.prev_state === 'resolved';
    if (fresh || reopened) {
      const t = await this.record(alert.id, fresh ? 'raise' : 'reopen', row.prev_state, alert.state, 'system', null, { value: s.value ?? null, at: s.at.toISOString() });
      this.stats.raised++;
      if (alert.escalateAt) await this.scheduleEscalation(alert);
      this.publish(alert, t);
    } else {
      this.stats.repeated++;
      this.publish(alert, { alertId: alert.id, at: s.at.toISOString(), action: 'repeat', from: alert.state, to: alert.state, actor: 'system', comment: null, data: { count: alert.count, value: s.value ?? null } });
    }
    return alert;
  }

  /** A condition no longer holds: the live alert of the key is resolved by the system. */
  async clear(key: string, at: Date, comment = 'Điều kiện đã trở lại bình thường / Condition cleared'): Promise<AlertRecord | undefined> {
    const res = await this.transition({ key }, 'resolve', ACTIVE_ALERT_STATES, 'resolved', 'system', comment, at, {});
    if (res) this.stats.resolvedBySystem++;
    return res;
  }

  private async record(alertId: string, action: AlertTransition['action'], from: AlertState | null, to: AlertState, actor: string, comment: string | null, data: Record<string, unknown>, at = this.clock.now()): Promise<AlertTransition> {
    const rows = await this.db.query<TransitionRow>(
      `INSERT INTO alert_transition (alert_id, at, action, from_state, to_state, actor, comment, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING alert_id, at, action, from_state, to_state, actor, comment, data`,
      [alertId, at.toISOString(), action, from, to, actor, comment, JSON.stringify(data)],
    );
    return toTransition(rows[0]!);
  }

  /**
   * Moves one alert (by id or live key) from one of `from` to `to` in one statement that also
   * writes its transition; undefined when no alert matched in such a state.
   */
  private async transition(
    target: { id: string } | { key: string },
    action: AlertTransition['action'],
    from: readonly AlertState[],
    to: AlertState,
    actor: string,
    comment: string | null,
    at: Date,
    set: { assignee?: string; snoozedUntil?: Date | null; escalateAt?: Date | null; level?: number },
  ): Promise<AlertRecord | undefined> {
    const where = 'id' in target ? `id = $1::bigint` : `dedup_key = $1 AND state <> 'closed'`;
    const rows = await this.db.query<AlertRow & { old_state: AlertState }>(
      `WITH old AS (SELECT id, state FROM alert WHERE ${where} FOR UPDATE),
       up AS (
         UPDATE alert a SET state = $3,
           snoozed_from = CASE WHEN $3 = 'snoozed' THEN old.state ELSE NULL END,
           assignee = CASE WHEN $4::text IS NOT NULL THEN $4 ELSE a.assignee END,
           snoozed_until = CASE WHEN $3 = 'snoozed' THEN $5::timestamptz ELSE NULL END,
           escalate_at = CASE WHEN $6::boolean THEN $7::timestamptz ELSE a.escalate_at END,
           escalation_level = coalesce($8::integer, a.escalation_level),
           updated_at = $9
         FROM old WHERE a.id = old.id AND old.state = ANY($2::text[])
         RETURNING a.*, old.state AS old_state
       ),
       tr AS (
         INSERT INTO alert_transition (alert_id, at, action, from_state, to_state, actor, comment, data)
         SELECT id, $9, $10, old_state, $3, $11, $12, $13 FROM up
       )
       SELECT ${ALERT_COLUMNS}, old_state FROM up`,
      [
        'id' in target ? target.id : target.key,
        from,
        to,
        set.assignee ?? null,
        set.snoozedUntil?.toISOString() ?? null,
        set.escalateAt !== undefined,
        set.escalateAt?.toISOString() ?? null,
        set.level ?? null,
        at.toISOString(),
        action,
        actor,
        comment,
        JSON.stringify(set.assignee ? { assignee: set.assignee } : set.snoozedUntil ? { until: set.snoozedUntil.toISOString() } : {}),
      ],
    );
    const row = rows[0];
    if (!row) return undefined;
    const alert = toAlert(row);
    this.publish(alert, { alertId: alert.id, at: at.toISOString(), action, from: row.old_state, to, actor, comment, data: set.assignee ? { assignee: set.assignee } : {} });
    return alert;
  }

  /** An operator's action on an alert; 404 / 409 / 422 as AlertError. */
  async act(id: string, req: ActRequest): Promise<AlertRecord> {
    if (!/^\d{1,18}$/.test(id)) throw new AlertError('not-found', `no alert ${id}`);
    const now = this.clock.now();
    if (req.action === 'acknowledge' && !req.comment?.trim()) throw new AlertError('invalid', 'an acknowledgement needs a comment', 'comment');
    if (req.action === 'assign' && !req.assignee?.trim()) throw new AlertError('invalid', 'assign needs an assignee', 'assignee');
    if (req.action === 'snooze' && (!req.until || req.until.getTime() <= now.getTime())) throw new AlertError('invalid', 'snooze needs a time in the future', 'until');
    const current = await this.get(id);
    const to = next(current.state, req.action);
    if (!to) throw new AlertError('conflict', `cannot ${req.action} an alert that is ${current.state} (possible: ${actionsFrom(current.state).join(', ') || 'none'})`);
    const set: Parameters<AlertService['transition']>[7] = {};
    if (req.action === 'assign') set.assignee = req.assignee!.trim();
    if (req.action === 'snooze') set.snoozedUntil = req.until!;
    // Acknowledged, assigned, resolved and closed alerts stop escalating; a re-opened one starts over.
    if (req.action === 'reopen') {
      set.level = 0;
      set.escalateAt = this.policies.nextDue(current.policyId, 0, now);
    } else if (req.action !== 'snooze') set.escalateAt = null;
    const done = await this.transition({ id }, req.action, allowedFrom(req.action), to, req.actor, req.comment?.trim() || null, now, set);
    if (!done) throw new AlertError('conflict', `the alert changed meanwhile; it is now ${(await this.get(id)).state}`);
    if (req.action === 'snooze') await this.jobs.add(JOB_UNSNOOZE, { alertId: id }, { runAt: req.until!, jobId: `alert-${id}-unsnooze-${req.until!.getTime()}` });
    if (req.action === 'reopen' && done.escalateAt) await this.scheduleEscalation(done);
    return done;
  }

  /** Links an incident to an alert (recorded in its transitions). */
  async linkIncident(id: string, incidentId: string, actor: string): Promise<AlertRecord> {
    const rows = await this.db.query<AlertRow>(`UPDATE alert SET incident_id = $2, escalate_at = CASE WHEN state = 'open' THEN escalate_at ELSE NULL END, updated_at = $3 WHERE id = $1 RETURNING ${ALERT_COLUMNS}`, [id, incidentId, this.clock.now().toISOString()]);
    if (!rows[0]) throw new AlertError('not-found', `no alert ${id}`);
    const alert = toAlert(rows[0]);
    const t = await this.record(id, 'link-incident', alert.state, alert.state, actor, null, { incidentId });
    this.publish(alert, t);
    return alert;
  }

  async get(id: string): Promise<AlertRecord> {
    if (!/^\d{1,18}$/.test(id)) throw new AlertError('not-found', `no alert ${id}`);
    const rows = await this.db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alert WHERE id = $1`, [id]);
    if (!rows[0]) throw new AlertError('not-found', `no alert ${id}`);
    return toAlert(rows[0]);
  }

  async list(f: AlertFilter = {}): Promise<AlertRecord[]> {
    const rows = await this.db.query<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alert
       WHERE ($1::text[] IS NULL OR state = ANY($1)) AND ($2::text[] IS NULL OR severity = ANY($2)) AND ($3::text IS NULL OR sector = $3)
         AND ($4::text[] IS NULL OR region_id = ANY($4)) AND ($5::text IS NULL OR source_id = $5)
       ORDER BY CASE severity WHEN 'critical' THEN 5 WHEN 'major' THEN 4 WHEN 'minor' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END DESC, last_at DESC
       LIMIT $6`,
      [f.state ?? null, f.severity ?? null, f.sector ?? null, f.regionIds ?? null, f.sourceId ?? null, Math.min(f.limit ?? 200, 1000)],
    );
    return rows.map(toAlert);
  }

  async transitions(id: string): Promise<AlertTransition[]> {
    await this.get(id);
    const rows = await this.db.query<TransitionRow>(`SELECT alert_id, at, action, from_state, to_state, actor, comment, data FROM alert_transition WHERE alert_id = $1 ORDER BY id`, [id]);
    return rows.map(toTransition);
  }

  // ------------------------------------------------------------------ escalation (worker role)

  private async scheduleEscalation(a: AlertRecord): Promise<void> {
    if (!a.escalateAt) return;
    await this.jobs.add(JOB_ESCALATE, { alertId: a.id, level: a.escalationLevel }, { runAt: new Date(a.escalateAt), jobId: `alert-${a.id}-escalate-${a.escalationLevel}`, attempts: 5, backoffMs: 2000 });
  }

  /** Registers the job handlers and re-schedules the timers of live alerts (the records are the truth). */
  async startWorker(): Promise<void> {
    this.jobs.process<{ alertId: string; level: number }>(JOB_ESCALATE, (d) => this.escalate(d.alertId, d.level));
    this.jobs.process<{ alertId: string }>(JOB_UNSNOOZE, (d) => this.unsnooze(d.alertId));
    const due = await this.db.query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alert WHERE (state = 'open' AND escalate_at IS NOT NULL) OR state = 'snoozed'`);
    for (const r of due) {
      const a = toAlert(r);
      if (a.state === 'snoozed' && a.snoozedUntil) await this.jobs.add(JOB_UNSNOOZE, { alertId: a.id }, { runAt: new Date(a.snoozedUntil), jobId: `alert-${a.id}-unsnooze-${Date.parse(a.snoozedUntil)}` });
      else await this.scheduleEscalation(a);
    }
    if (due.length) this.log.info('alert timers resumed', { alerts: due.length });
  }

  /** Escalation step `level + 1` of an alert still open (not acknowledged) at that level. */
  async escalate(alertId: string, level: number): Promise<void> {
    const now = this.clock.now();
    const current = await this.get(alertId).catch(() => undefined);
    if (!current || current.state !== 'open' || current.escalationLevel !== level || !current.escalateAt) return;
    // A job woken early (clock skew between processes) waits for the record's time.
    if (Date.parse(current.escalateAt) > now.getTime() + 1000) {
      await this.scheduleEscalation(current);
      return;
    }
    const policy = this.policies.get(current.policyId);
    const step = policy.steps[level];
    if (!step) return;
    const nextAt = this.policies.nextDue(current.policyId, level + 1, now);
    const done = await this.transition({ id: alertId }, 'escalate', ['open'], 'open', 'system', step.label.vi, now, { level: level + 1, escalateAt: nextAt });
    if (!done || done.escalationLevel !== level + 1) return;
    this.stats.escalations++;
    this.log.info('alert escalated', { alertId, level: level + 1, notify: step.notify });
    if (this.notifier && step.notify.length) {
      const subject = `[${current.severity.toUpperCase()}] ${current.title.vi} – chưa xác nhận (cấp ${level + 1})`;
      const text = `${current.title.vi}\n${step.label.vi}\nLần đầu: ${current.firstAt}; số lần: ${current.count}${current.lastValue !== null ? `; giá trị: ${current.lastValue}` : ''}.\nCảnh báo #${current.id}`;
      await this.notifier.notify(step.notify, { subject, text, ref: `alert:${alertId}`, severity: current.severity }).catch((err: Error) => {
        this.stats.notifyFailures++;
        this.log.warn('escalation notification failed', { alertId, error: err.message });
      });
    }
    if (step.openIncident && !done.incidentId && this.incidents) {
      const inc = await this.incidents.openFromAlert(done, 'system');
      await this.linkIncident(alertId, inc.id, 'system');
    }
    if (nextAt) await this.scheduleEscalation(done);
  }

  private async unsnooze(alertId: string): Promise<void> {
    const now = this.clock.now();
    const a = await this.get(alertId).catch(() => undefined);
    if (!a || a.state !== 'snoozed' || !a.snoozedUntil) return;
    if (Date.parse(a.snoozedUntil) > now.getTime() + 1000) return; // re-snoozed later: its own job wakes it
    const rows = await this.db.query<{ snoozed_from: AlertState | null }>(`SELECT snoozed_from FROM alert WHERE id = $1`, [alertId]);
    const back = rows[0]?.snoozed_from && isActive(rows[0].snoozed_from) && rows[0].snoozed_from !== 'snoozed' ? rows[0].snoozed_from : 'open';
    const escalateAt = back === 'open' ? this.policies.nextDue(a.policyId, a.escalationLevel, now) : null;
    const done = await this.transition({ id: alertId }, 'unsnooze', ['snoozed'], back, 'system', null, now, { escalateAt });
    if (done?.escalateAt) await this.scheduleEscalation(done);
  }
}
