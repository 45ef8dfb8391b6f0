/**
 * Notifications ([alerts] #4 item 2): messages to named targets or direct addresses on the
 * webhook, e-mail and SMS channels. `send()` records one delivery per recipient and puts a job
 * on the job queue; the worker role's handler makes each try, records it, and lets the queue
 * retry with exponential backoff until the delivery is sent or out of tries. The delivery rows
 * are the truth: a handler checks its delivery before it acts, and the worker re-enqueues at boot
 * (and every minute) whatever is still queued or retrying, so a lost job only delays a message.
 *
 * Secrets (webhook keys, the SMTP password, SMS gateway credentials) never leave this module:
 * API answers carry `hasSecret` and masked addresses, and error texts are scrubbed of them.
 */
import { performance } from 'node:perf_hooks';
import type { ComponentHealth } from '@ioc/sdk';
import type { NotifyConfig } from '../../config/config.js';
import type { Bus } from '../bus/bus.js';
import type { Database, SqlStatement } from '../db/database.js';
import type { JobInfo, JobQueue } from '../jobs/job-queue.js';
import { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { addressProblem, maskAddress, normalizePhone } from './address.js';
import { DeliveryError, type ChannelSender } from './channels.js';
import { EmailChannel } from './email-channel.js';
import { SmsChannel } from './sms-channel.js';
import { WebhookChannel } from './webhook-channel.js';
import {
  CHANNELS,
  NotifyError,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryQuery,
  type DeliveryState,
  type NotificationTarget,
  type NotifyChannel,
  type SendRequest,
  type TargetInput,
} from './notify.types.js';

/** Kind of the delivery jobs on the job queue. */
export const NOTIFY_DELIVERY_JOB = 'notify.delivery';
/** Bus channel: a delivery changed state (queued, each try's outcome). */
export const NOTIFY_DELIVERY = 'notify.delivery';

export interface DeliveryEvent {
  id: string;
  ref: string | null;
  channel: NotifyChannel;
  targetId: string | null;
  state: DeliveryState;
  attempt: number;
  error: string | null;
  at: string;
}

interface DeliveryJob {
  deliveryId: string;
  /** Delay after this job's first failed try; doubles after each further one. */
  backoffMs: number;
}

export interface NotifierOptions {
  clock?: Clock;
  log?: Logger;
  bus?: Bus;
  /** Channel senders by channel (tests); default from the config. */
  channels?: Partial<Record<NotifyChannel, ChannelSender>>;
  /** How often the worker re-enqueues deliveries left behind (ms). */
  sweepMs?: number;
}

interface TargetRow {
  id: string;
  name_vi: string;
  name_en: string;
  channel: NotifyChannel;
  address: string;
  secret: string | null;
  enabled: boolean;
  description: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

interface DeliveryRow {
  id: string;
  channel: NotifyChannel;
  target_id: string | null;
  recipient: string;
  subject: string | null;
  body: string;
  ref: string | null;
  state: DeliveryState;
  attempts: number;
  max_attempts: number;
  backoff_ms: number;
  last_error: string | null;
  response_code: number | null;
  created_at: Date | string;
  updated_at: Date | string;
  sent_at: Date | string | null;
  next_attempt_at: Date | string | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  state: DeliveryAttempt['state'];
  started_at: Date | string;
  finished_at: Date | string | null;
  duration_ms: number | null;
  response_code: number | null;
  error: string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const TARGET_ID = /^[a-z0-9][a-z0-9._-]{0,79}$/;
const DELIVERY_COLUMNS = `id::text AS id, channel, target_id, recipient, subject, body, ref, state, attempts, max_attempts, backoff_ms, last_error,
  response_code, created_at, updated_at, sent_at, next_attempt_at`;
/** A delivery untouched this long while queued or retrying has lost its job (a restart, Redis away). */
const STALE_MS = 2 * 60_000;
const LIMITS = { text: 10_000, subject: 500, ref: 200, recipients: 100 } as const;

export class Notifier {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly channels: Partial<Record<NotifyChannel, ChannelSender>>;
  private readonly secrets: string[];
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private working = false;
  readonly stats = { queued: 0, tries: 0, sent: 0, retried: 0, failed: 0 };

  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly config: NotifyConfig,
    private readonly options: NotifierOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? new Logger('warn', 'notify');
    this.channels = options.channels ?? {
      webhook: new WebhookChannel(config.timeoutMs, this.clock),
      ...(config.smtp ? { email: new EmailChannel({ url: config.smtp.url, from: config.smtp.from, timeoutMs: config.timeoutMs }) } : {}),
      ...(config.sms ? { sms: new SmsChannel(config.sms, config.timeoutMs) } : {}),
    };
    const smsQuery = config.sms ? (/\?(.*)$/.exec(config.sms.url)?.[1] ?? '') : '';
    this.secrets = [config.webhookSecret, config.smtp?.url.password, config.smtp?.url.password ? decodeURIComponent(config.smtp.url.password) : undefined, config.sms?.auth, smsQuery, ...smsQuery.split('&').map((kv) => kv.split('=')[1])]
      .filter((s): s is string => typeof s === 'string' && s.length >= 4)
      .sort((a, b) => b.length - a.length);
  }

  // ── sending ────────────────────────────────────────────────────────────────

  /**
   * Records one delivery per recipient and enqueues its first try; resolves with the deliveries
   * (state `queued`, or `failed` at once when the channel is not configured or the target is
   * switched off). Refuses, naming the field, a request that cannot be sent as given: an unknown
   * channel, a `to` that is neither a target of that channel nor an address, an empty text.
   */
  async send(req: SendRequest): Promise<Delivery[]> {
    const recipients = this.checkRequest(req);
    const targets = await this.targetRows(recipients);
    const problems: Array<{ field: string; problem: string }> = [];
    const planned = recipients.map((to, i) => {
      const field = Array.isArray(req.to) ? `to[${i}]` : 'to';
      const target = targets.get(to);
      if (target) {
        if (target.channel !== req.channel) problems.push({ field, problem: `names the ${target.channel} target "${to}", not a ${req.channel} one` });
        return { target, address: target.address, failure: target.enabled ? undefined : `target "${target.id}" is switched off / người nhận đã tắt` };
      }
      const problem = addressProblem(req.channel, to);
      if (problem) problems.push({ field, problem: `is neither a notification target nor a valid address (${problem})` });
      return { target: undefined, address: req.channel === 'sms' ? (normalizePhone(to) ?? to) : to.trim(), failure: undefined as string | undefined };
    });
    if (problems.length) throw new NotifyError('invalid', 'the notification cannot be sent as given', problems);

    const unconfigured = this.channels[req.channel] ? undefined : `the ${req.channel} channel is not configured (${req.channel === 'email' ? 'SMTP_URL' : 'SMS_GATEWAY_URL'} is unset)`;
    const now = this.clock.now();
    const rows = planned.map((p) => ({
      channel: req.channel,
      target_id: p.target?.id ?? null,
      recipient: p.address,
      subject: req.subject?.trim() || null,
      body: req.text,
      ref: req.ref?.trim() || null,
      state: unconfigured || p.failure ? 'failed' : 'queued',
      max_attempts: this.config.attempts,
      backoff_ms: this.config.backoffMs,
      last_error: unconfigured ?? p.failure ?? null,
    }));
    const inserted = await this.db.query<DeliveryRow>(
      `INSERT INTO notification_delivery (channel, target_id, recipient, subject, body, ref, state, max_attempts, backoff_ms, last_error, created_at, updated_at, next_attempt_at)
       SELECT x.channel, x.target_id, x.recipient, x.subject, x.body, x.ref, x.state, x.max_attempts, x.backoff_ms, x.last_error, $2, $2,
              CASE WHEN x.state = 'queued' THEN $2::timestamptz END
         FROM jsonb_to_recordset($1::jsonb) AS x(channel text, target_id text, recipient text, subject text, body text, ref text, state text,
              max_attempts int, backoff_ms int, last_error text)
       RETURNING ${DELIVERY_COLUMNS}`,
      [JSON.stringify(rows), now],
    );
    inserted.sort((a, b) => Number(a.id) - Number(b.id));
    for (const d of inserted) {
      this.publish(d, 0, d.last_error);
      if (d.state === 'queued') {
        this.stats.queued++;
        await this.enqueue(d);
      } else {
        this.stats.failed++;
        this.log.warn('notification not sent', { delivery: d.id, channel: d.channel, ref: d.ref, error: d.last_error });
      }
    }
    return inserted.map((d) => this.toDelivery(d, []));
  }

  private checkRequest(req: SendRequest): string[] {
    const problems: Array<{ field: string; problem: string }> = [];
    if (!CHANNELS.includes(req?.channel)) problems.push({ field: 'channel', problem: `must be one of ${CHANNELS.join(', ')}` });
    const list = Array.isArray(req?.to) ? req.to : [req?.to];
    if (!list.length) problems.push({ field: 'to', problem: 'must name at least one recipient' });
    if (list.length > LIMITS.recipients) problems.push({ field: 'to', problem: `must name at most ${LIMITS.recipients} recipients` });
    list.forEach((to, i) => {
      if (typeof to !== 'string' || !to.trim()) problems.push({ field: Array.isArray(req.to) ? `to[${i}]` : 'to', problem: 'must be a target id or an address' });
    });
    if (typeof req?.text !== 'string' || !req.text.trim()) problems.push({ field: 'text', problem: 'must not be empty' });
    else if (req.text.length > LIMITS.text) problems.push({ field: 'text', problem: `must be at most ${LIMITS.text} characters` });
    if (req?.subject !== undefined && (typeof req.subject !== 'string' || req.subject.length > LIMITS.subject)) problems.push({ field: 'subject', problem: `must be text of at most ${LIMITS.subject} characters` });
    if (req?.ref !== undefined && (typeof req.ref !== 'string' || req.ref.length > LIMITS.ref)) problems.push({ field: 'ref', problem: `must be text of at most ${LIMITS.ref} characters` });
    if (problems.length) throw new NotifyError('invalid', 'invalid notification', problems);
    return [...new Set(list.map((t) => t.trim()))];
  }

  /** Puts the next try of a delivery on the queue; its tries and backoff continue where they are. */
  private async enqueue(d: DeliveryRow): Promise<void> {
    const remaining = d.max_attempts - d.attempts;
    const backoffMs = d.backoff_ms * 2 ** d.attempts;
    const runAt = d.next_attempt_at ? new Date(d.next_attempt_at) : undefined;
    try {
      await this.jobs.add<DeliveryJob>(NOTIFY_DELIVERY_JOB, { deliveryId: d.id, backoffMs }, { jobId: `delivery-${d.id}`, attempts: Math.max(1, remaining), backoffMs, runAt });
    } catch (err) {
      // The record stays queued; the worker's sweep enqueues it again.
      this.log.warn('could not enqueue a notification; it will be retried', { delivery: d.id, error: (err as Error).message });
    }
  }

  // ── the worker ─────────────────────────────────────────────────────────────

  /** Worker role: runs the delivery jobs, re-enqueues what was left behind now and every minute. */
  async startWorker(): Promise<void> {
    if (this.working) return;
    this.working = true;
    this.jobs.process<DeliveryJob>(NOTIFY_DELIVERY_JOB, (job, info) => this.deliver(job, info));
    await this.resume(true);
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.resume(false)
        .then(() => undefined)
        .catch((err: Error) => this.log.warn('notification sweep failed', { error: err.message }))
        .finally(() => (this.sweeping = undefined));
    }, this.options.sweepMs ?? 60_000);
    this.sweepTimer.unref();
  }

  /** Enqueues deliveries still queued or retrying (at boot: all; later: those idle for a while). */
  async resume(all: boolean): Promise<number> {
    const before = new Date(this.clock.now().getTime() - (all ? 0 : Math.max(STALE_MS, 2 * this.config.timeoutMs)));
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_delivery WHERE state IN ('queued', 'retrying') AND updated_at <= $1 ORDER BY id LIMIT 1000`,
      [before],
    );
    for (const d of rows) {
      if (d.attempts >= d.max_attempts) await this.finish(d, d.attempts, 'failed', { error: d.last_error ?? 'no tries left' });
      else await this.enqueue(d);
    }
    if (rows.length) this.log.info('notifications re-enqueued', { count: rows.length });
    return rows.length;
  }

  /** One try of one delivery (the job handler). Throws to have the queue try again later. */
  private async deliver(job: DeliveryJob, info: JobInfo): Promise<void> {
    const [d] = await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM notification_delivery WHERE id = $1`, [job.deliveryId]);
    if (!d) {
      // Jobs are shared by everyone on JOBS_PREFIX; one of another IOC's database ends here.
      this.log.warn('delivery job for an unknown delivery dropped (is JOBS_PREFIX shared with another installation?)', { delivery: job.deliveryId });
      return;
    }
    if (d.state === 'sent' || d.state === 'failed') return;
    const attempt = d.attempts + 1;
    const startedAt = this.clock.now();
    await this.db.transaction([
      {
        sql: `INSERT INTO notification_attempt (delivery_id, attempt, state, started_at) VALUES ($1, $2, 'sending', $3)
              ON CONFLICT (delivery_id, attempt) DO UPDATE SET state = 'sending', started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL, response_code = NULL`,
        params: [d.id, attempt, startedAt],
      },
      { sql: `UPDATE notification_delivery SET attempts = $2, updated_at = $3 WHERE id = $1`, params: [d.id, attempt, startedAt] },
      // A try cut off by a stopped worker never finished; say so instead of leaving it "sending".
      {
        sql: `UPDATE notification_attempt SET state = 'failed', finished_at = $3, error = 'interrupted: the worker stopped during this try'
               WHERE delivery_id = $1 AND attempt < $2 AND state = 'sending'`,
        params: [d.id, attempt, startedAt],
      },
    ]);
    this.stats.tries++;
    const sender = this.channels[d.channel];
    const t0 = performance.now();
    let responseCode: number | undefined;
    let failure: DeliveryError | undefined;
    if (!sender) {
      failure = new DeliveryError(`the ${d.channel} channel is not configured`, { permanent: true });
    } else {
      try {
        const secret = d.channel === 'webhook' ? ((await this.targetSecret(d.target_id)) ?? this.config.webhookSecret) : undefined;
        const r = await sender.send({ deliveryId: d.id, to: d.recipient, subject: d.subject, text: d.body, ref: d.ref, attempt, secret }, AbortSignal.timeout(this.config.timeoutMs));
        responseCode = r.responseCode;
      } catch (err) {
        failure = err instanceof DeliveryError ? err : new DeliveryError((err as Error)?.message ?? String(err));
      }
    }
    const durationMs = Math.round(performance.now() - t0);
    if (!failure) {
      this.stats.sent++;
      await this.finish(d, attempt, 'sent', { responseCode, durationMs });
      return;
    }
    const error = this.scrub(failure.message);
    const final = failure.permanent || info.attempt >= info.attempts || attempt >= d.max_attempts;
    if (final) {
      this.stats.failed++;
      await this.finish(d, attempt, 'failed', { responseCode: failure.responseCode, durationMs, error });
      this.log.warn('notification failed', { delivery: d.id, channel: d.channel, ref: d.ref, attempt, error });
      return;
    }
    this.stats.retried++;
    const next = new Date(this.clock.now().getTime() + job.backoffMs * 2 ** (info.attempt - 1));
    await this.finish(d, attempt, 'retrying', { responseCode: failure.responseCode, durationMs, error, next });
    this.log.info('notification try failed; retrying', { delivery: d.id, channel: d.channel, attempt, next: next.toISOString(), error });
    throw new DeliveryError(error);
  }

  /** Records the outcome of try `attempt` and the delivery's new state. */
  private async finish(d: DeliveryRow, attempt: number, state: 'sent' | 'failed' | 'retrying', o: { responseCode?: number; durationMs?: number; error?: string; next?: Date }): Promise<void> {
    const now = this.clock.now();
    const statements: SqlStatement[] = [
      {
        sql: `UPDATE notification_delivery SET state = $2, updated_at = $3, response_code = coalesce($4, response_code), last_error = $5,
                sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz END, next_attempt_at = $6 WHERE id = $1`,
        params: [d.id, state, now, o.responseCode ?? null, state === 'sent' ? null : (o.error ?? null), o.next ?? null],
      },
    ];
    if (attempt > 0) {
      statements.push({
        sql: `UPDATE notification_attempt SET state = $3, finished_at = $4, duration_ms = $5, response_code = $6, error = $7 WHERE delivery_id = $1 AND attempt = $2 AND state = 'sending'`,
        params: [d.id, attempt, state === 'sent' ? 'sent' : 'failed', now, o.durationMs ?? null, o.responseCode ?? null, o.error ?? null],
      });
    }
    await this.db.transaction(statements);
    this.publish({ ...d, state }, attempt, o.error ?? null);
  }

  private publish(d: Pick<DeliveryRow, 'id' | 'ref' | 'channel' | 'target_id' | 'state'>, attempt: number, error: string | null): void {
    this.options.bus?.publish<DeliveryEvent>(NOTIFY_DELIVERY, { id: d.id, ref: d.ref, channel: d.channel, targetId: d.target_id, state: d.state, attempt, error, at: this.clock.now().toISOString() });
  }

  /** The text with every configured secret replaced by ***. */
  private scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }

  // ── the delivery log ───────────────────────────────────────────────────────

  async deliveries(q: DeliveryQuery = {}): Promise<Delivery[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.ref !== undefined) add('ref = ?', q.ref);
    if (q.state !== undefined) add('state = ?', q.state);
    if (q.channel !== undefined) add('channel = ?', q.channel);
    if (q.targetId !== undefined) add('target_id = ?', q.targetId);
    params.push(Math.min(Math.max(q.limit ?? 100, 1), 1000));
    const rows = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_delivery ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return this.withTries(rows);
  }

  async delivery(id: string): Promise<Delivery> {
    const rows = /^\d{1,18}$/.test(id) ? await this.db.query<DeliveryRow>(`SELECT ${DELIVERY_COLUMNS} FROM notification_delivery WHERE id = $1`, [id]) : [];
    if (!rows.length) throw new NotifyError('not-found', `no delivery ${id}`);
    return (await this.withTries(rows))[0]!;
  }

  private async withTries(rows: DeliveryRow[]): Promise<Delivery[]> {
    if (!rows.length) return [];
    const tries = await this.db.query<AttemptRow>(
      `SELECT delivery_id::text AS delivery_id, attempt, state, started_at, finished_at, duration_ms, response_code, error
         FROM notification_attempt WHERE delivery_id = ANY($1::bigint[]) ORDER BY delivery_id, attempt`,
      [rows.map((r) => r.id)],
    );
    const by = new Map<string, DeliveryAttempt[]>();
    for (const t of tries) {
      const list = by.get(t.delivery_id) ?? [];
      list.push({ attempt: t.attempt, state: t.state, startedAt: iso(t.started_at), finishedAt: isoOrNull(t.finished_at), durationMs: t.duration_ms, responseCode: t.response_code, error: t.error });
      by.set(t.delivery_id, list);
    }
    return rows.map((r) => this.toDelivery(r, by.get(r.id) ?? []));
  }

  private toDelivery(r: DeliveryRow, tries: DeliveryAttempt[]): Delivery {
    return {
      id: r.id,
      channel: r.channel,
      targetId: r.target_id,
      recipient: maskAddress(r.channel, r.recipient),
      subject: r.subject,
      text: r.body,
      ref: r.ref,
      state: r.state,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      lastError: r.last_error,
      responseCode: r.response_code,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      sentAt: isoOrNull(r.sent_at),
      nextAttemptAt: isoOrNull(r.next_attempt_at),
      tries,
    };
  }

  // ── targets ────────────────────────────────────────────────────────────────

  async targets(channel?: NotifyChannel): Promise<NotificationTarget[]> {
    const rows = await this.db.query<TargetRow>(`SELECT * FROM notification_target ${channel ? 'WHERE channel = $1' : ''} ORDER BY id`, channel ? [channel] : []);
    return rows.map(toTarget);
  }

  async target(id: string): Promise<NotificationTarget> {
    return toTarget(await this.targetRow(id));
  }

  async createTarget(input: TargetInput): Promise<NotificationTarget> {
    this.checkTarget(input);
    const now = this.clock.now();
    const rows = await this.db.query<TargetRow>(
      `INSERT INTO notification_target (id, name_vi, name_en, channel, address, secret, enabled, description, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (id) DO NOTHING RETURNING *`,
      [input.id, input.name.vi.trim(), input.name.en.trim(), input.channel, this.address(input), input.secret || null, input.enabled ?? true, input.description ?? null, now],
    );
    if (!rows.length) throw new NotifyError('conflict', `a target "${input.id}" exists already`, [{ field: 'id', problem: `"${input.id}" exists already` }]);
    return toTarget(rows[0]!);
  }

  /**
   * Replaces a target. An omitted `secret` keeps the stored one (answers never show it), null
   * removes it; an address sent back exactly as an answer masked it keeps the stored address.
   */
  async updateTarget(id: string, input: TargetInput): Promise<NotificationTarget> {
    const current = await this.targetRow(id);
    if (input.id !== undefined && input.id !== id) throw new NotifyError('invalid', 'the id cannot change', [{ field: 'id', problem: `must be "${id}" (a target cannot be renamed; create a new one)` }]);
    const address = input.address === maskAddress(current.channel, current.address) && input.channel === current.channel ? current.address : input.address;
    const merged: TargetInput = { ...input, id, address };
    this.checkTarget(merged);
    const secret = input.channel !== 'webhook' ? null : input.secret === undefined ? current.secret : input.secret || null;
    const rows = await this.db.query<TargetRow>(
      `UPDATE notification_target SET name_vi = $2, name_en = $3, channel = $4, address = $5, secret = $6, enabled = $7, description = $8, updated_at = $9
        WHERE id = $1 RETURNING *`,
      [id, input.name.vi.trim(), input.name.en.trim(), input.channel, this.address(merged), secret, input.enabled ?? true, input.description ?? null, this.clock.now()],
    );
    if (!rows.length) throw new NotifyError('not-found', `no notification target ${id}`);
    return toTarget(rows[0]!);
  }

  /** Removes a target; its past deliveries stay in the log (without the link). */
  async deleteTarget(id: string): Promise<void> {
    const rows = await this.db.query(`DELETE FROM notification_target WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw new NotifyError('not-found', `no notification target ${id}`);
  }

  private checkTarget(t: TargetInput): void {
    const problems: Array<{ field: string; problem: string }> = [];
    if (!TARGET_ID.test(t.id ?? '')) problems.push({ field: 'id', problem: "must be 1–80 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit" });
    const channelOk = CHANNELS.includes(t.channel);
    if (!channelOk) problems.push({ field: 'channel', problem: `must be one of ${CHANNELS.join(', ')}` });
    const p = channelOk ? addressProblem(t.channel, t.address?.trim() ?? '') : undefined;
    if (p) problems.push({ field: 'address', problem: p });
    if (t.secret && t.channel !== 'webhook') problems.push({ field: 'secret', problem: 'applies to webhook targets only' });
    if (problems.length) throw new NotifyError('invalid', 'invalid notification target', problems);
  }

  private address(t: TargetInput): string {
    const a = t.address.trim();
    return t.channel === 'sms' ? (normalizePhone(a) ?? a) : a;
  }

  private async targetRow(id: string): Promise<TargetRow> {
    const [row] = await this.db.query<TargetRow>(`SELECT * FROM notification_target WHERE id = $1`, [id]);
    if (!row) throw new NotifyError('not-found', `no notification target ${id}`);
    return row;
  }

  private async targetRows(ids: string[]): Promise<Map<string, TargetRow>> {
    const candidates = ids.filter((id) => TARGET_ID.test(id));
    if (!candidates.length) return new Map();
    const rows = await this.db.query<TargetRow>(`SELECT * FROM notification_target WHERE id = ANY($1::text[])`, [candidates]);
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async targetSecret(id: string | null): Promise<string | undefined> {
    if (!id) return undefined;
    const [row] = await this.db.query<{ secret: string | null }>(`SELECT secret FROM notification_target WHERE id = $1`, [id]);
    return row?.secret ?? undefined;
  }

  // ── health and shutdown ────────────────────────────────────────────────────

  health(): ComponentHealth {
    const channels = Object.fromEntries(CHANNELS.map((c) => [c, this.channels[c]?.describe() ?? { configured: false }]));
    return { state: 'up', worker: this.working, channels, ...this.stats };
  }

  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    await Promise.allSettled(Object.values(this.channels).map((c) => c?.close?.()));
  }
}

function toTarget(r: TargetRow): NotificationTarget {
  return {
    id: r.id,
    name: { vi: r.name_vi, en: r.name_en },
    channel: r.channel,
    address: maskAddress(r.channel, r.address),
    hasSecret: !!r.secret,
    enabled: r.enabled,
    description: r.description,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
