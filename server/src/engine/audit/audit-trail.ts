import { createHash } from 'node:crypto';
import type { AuditEntry, AuditSink } from '../auth/audit-sink.js';
import type { Database, SqlStatement } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';

export const GENESIS_HASH = '0'.repeat(64);

/** One stored row of the audit trail, as exported and verified. */
export interface AuditRow {
  seq: number;
  ts: string;
  actor_kind: string;
  actor_id: string;
  actor_name: string;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The JSON the stored detail will read back as (jsonb drops undefined, refuses \u0000). */
function normaliseDetail(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!detail) return {};
  return JSON.parse(JSON.stringify(detail, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\u0000/g, '') : typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}

/** The hashed fields of a row, keys in canonical (sorted) order, with the seq left out. */
function hashedParts(r: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>): { before: string; after: string } {
  const pre = { action: r.action, actor_id: r.actor_id, actor_kind: r.actor_kind, actor_name: r.actor_name, detail: r.detail };
  const before = canonicalJson(pre).slice(0, -1) + ',"seq":';
  const after = `,"target":${JSON.stringify(r.target)},"ts":${JSON.stringify(r.ts)}}`;
  return { before, after };
}

/** sha256 hex of prev_hash + canonical JSON of (seq, ts, actor_kind, actor_id, actor_name, action, target, detail). */
export function rowHash(r: Omit<AuditRow, 'hash'>): string {
  const { before, after } = hashedParts(r);
  return createHash('sha256').update(r.prev_hash + before + String(r.seq) + after, 'utf8').digest('hex');
}

export type VerifyResult =
  | { ok: true; rows: number; lastSeq: number; lastHash: string }
  | { ok: false; rows: number; firstBroken: number; reason: string };

/**
 * Checks a stream of rows in seq order: consecutive seqs from 1, each prev_hash the previous
 * row's hash (64 zeros for the first), each hash recomputed. Names the first broken row.
 */
export async function verifyRows(rows: AsyncIterable<AuditRow> | Iterable<AuditRow>, expectHead?: { seq: number; hash: string }): Promise<VerifyResult> {
  let prev: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  let n = 0;
  for await (const r of rows) {
    if (r.seq !== prev.seq + 1) return { ok: false, rows: n, firstBroken: prev.seq + 1, reason: `gap after seq ${prev.seq}` };
    if (r.prev_hash !== prev.hash) return { ok: false, rows: n, firstBroken: r.seq, reason: prev.seq === 0 ? 'prev_hash does not match row 0 (the genesis hash)' : `prev_hash does not match row ${prev.seq}` };
    if (rowHash(r) !== r.hash) return { ok: false, rows: n, firstBroken: r.seq, reason: 'hash mismatch' };
    prev = { seq: r.seq, hash: r.hash };
    n++;
  }
  if (expectHead && expectHead.seq > prev.seq) return { ok: false, rows: n, firstBroken: prev.seq + 1, reason: `gap after seq ${prev.seq}` };
  if (expectHead && expectHead.seq === prev.seq && expectHead.hash !== prev.hash) return { ok: false, rows: n, firstBroken: prev.seq, reason: 'hash mismatch' };
  return { ok: true, rows: n, lastSeq: prev.seq, lastHash: prev.hash };
}

const COLUMNS = 'seq, ts, actor_kind, actor_id, actor_name, action, target, detail, prev_hash, hash';

export function toRow(r: Record<string, unknown>): AuditRow {
  return {
    seq: Number(r.seq),
    ts: new Date(r.ts as string | Date).toISOString(),
    actor_kind: String(r.actor_kind),
    actor_id: String(r.actor_id),
    actor_name: String(r.actor_name),
    action: String(r.action),
    target: String(r.target),
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : (r.detail ?? {})) as Record<string, unknown>,
    prev_hash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  /** Rows with seq greater than this (paging). */
  after?: number;
  /** Rows with seq smaller than this (paging newest first). */
  before?: number;
  limit?: number;
  order?: 'asc' | 'desc';
}

/** Streams rows in seq order, a page at a time (the table gets big). */
export async function* streamRows(db: Database, q: Omit<AuditQuery, 'limit' | 'order' | 'before'> & { upTo?: number } = {}, pageSize = 2000): AsyncGenerator<AuditRow> {
  let after = q.after ?? 0;
  for (;;) {
    const page = await queryRows(db, { ...q, after, limit: pageSize, order: 'asc' }, q.upTo);
    for (const r of page) yield r;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.seq;
  }
}

export async function queryRows(db: Database, q: AuditQuery, upTo?: number): Promise<AuditRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (cond: (p: string) => string, v: unknown) => {
    params.push(v);
    where.push(cond(`$${params.length}`));
  };
  if (q.after !== undefined) add((p) => `seq > ${p}`, q.after);
  if (q.before !== undefined) add((p) => `seq < ${p}`, q.before);
  if (upTo !== undefined) add((p) => `seq <= ${p}`, upTo);
  if (q.from) add((p) => `ts >= ${p}`, q.from.toISOString());
  if (q.to) add((p) => `ts < ${p}`, q.to.toISOString());
  if (q.actor) add((p) => `(actor_id = ${p} OR actor_name = ${p})`, q.actor);
  if (q.action) add((p) => (q.action!.endsWith('*') ? `action LIKE ${p}` : `action = ${p}`), q.action.endsWith('*') ? q.action.slice(0, -1).replace(/[%_\\]/g, '\\$&') + '%' : q.action);
  params.push(Math.min(q.limit ?? 100, 10_000));
  const rows = await db.query(`SELECT ${COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${q.order === 'desc' ? 'DESC' : 'ASC'} LIMIT $${params.length}`, params);
  return rows.map(toRow);
}

/** Verifies the whole chain in the database, page by page, up to the head read at the start. */
export async function verifyChain(db: Database, pageSize = 2000): Promise<VerifyResult> {
  const [head] = await db.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const h = head ? { seq: Number(head.seq), hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  return verifyRows(streamRows(db, { upTo: h.seq }, pageSize), h);
}

interface Pending {
  row: Omit<AuditRow, 'seq' | 'prev_hash' | 'hash'>;
  resolve: () => void;
  reject: (e: Error) => void;
}

export interface AuditTrailOptions {
  clock?: Clock;
  log?: Logger;
  /** Entries waiting for the database at most; beyond that record() refuses (and logs). */
  maxQueue?: number;
  /** Entries per transaction at most. */
  batch?: number;
}

/** A database error that a retry will not fix (bad data, schema): the entry is logged and dropped. */
function permanent(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return typeof code === 'string' && /^(22|23|42)/.test(code);
}

/**
 * The append-only, hash-chained audit trail. record() queues the entry; a single writer per
 * process appends queued entries in one transaction that first locks the one-row `audit_head`,
 * so several processes writing to one PostgreSQL make one unbroken chain. The hash is computed
 * by the database from the locked head (sha256 of prev_hash + canonical JSON, the same text
 * verifyRows recomputes). A transient error is retried with backoff; nothing queued is lost.
 */
export class AuditTrail implements AuditSink {
  private readonly queue: Pending[] = [];
  private running?: Promise<void>;
  private closed = false;
  private readonly clock: Clock;
  private readonly maxQueue: number;
  private readonly batch: number;
  readonly stats = { appended: 0, retries: 0, refused: 0, dropped: 0, lastError: undefined as string | undefined };
  private wake?: () => void;

  constructor(
    private readonly db: Database,
    private readonly options: AuditTrailOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxQueue = options.maxQueue ?? 100_000;
    this.batch = options.batch ?? 200;
  }

  get queued(): number {
    return this.queue.length;
  }

  record(entry: AuditEntry): Promise<void> {
    const a = entry.actor;
    const row = {
      ts: this.clock.now().toISOString(),
      actor_kind: typeof a === 'string' ? 'system' : a.kind,
      actor_id: typeof a === 'string' ? a : a.id,
      actor_name: typeof a === 'string' ? a : a.name,
      action: entry.action,
      target: entry.target,
      detail: normaliseDetail(entry.detail),
    };
    if (this.closed) return Promise.reject(new Error('the audit trail is closed'));
    if (this.queue.length >= this.maxQueue) {
      this.stats.refused++;
      this.options.log?.error('audit queue full: entry refused', { action: row.action, target: row.target, queued: this.queue.length });
      return Promise.reject(new Error(`audit queue full (${this.maxQueue} entries waiting for the database)`));
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.kick();
    });
  }

  private kick(force = false): void {
    if (force && this.wake) {
      const w = this.wake;
      this.wake = undefined;
      w();
    }
    this.running ??= this.drain().catch((err: Error) => {
      // drain() retries by itself; this is only a safety net (never an unhandled rejection).
      this.options.log?.error('audit writer stopped unexpectedly; restarting', { error: err.message });
    }).finally(() => {
      this.running = undefined;
      if (this.queue.length) setTimeout(() => this.kick(), this.stats.lastError ? 200 : 0).unref();
    });
  }

  private statements(items: Pending[]): SqlStatement[] {
    const out: SqlStatement[] = [{ sql: 'SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE' }];
    for (const { row } of items) {
      const { before, after } = hashedParts(row);
      out.push({
        sql: `WITH h AS (SELECT seq + 1 AS seq, hash FROM audit_head WHERE id = 1),
          ins AS (
            INSERT INTO audit (seq, ts, actor_kind, actor_id, actor_name, action, target, detail, prev_hash, hash)
            SELECT h.seq, $1::timestamptz, $2, $3, $4, $5, $6, $7::jsonb, h.hash,
                   encode(sha256(convert_to(h.hash || $8 || h.seq::text || $9, 'UTF8')), 'hex')
            FROM h RETURNING seq, hash)
          UPDATE audit_head SET seq = ins.seq, hash = ins.hash FROM ins WHERE audit_head.id = 1 RETURNING audit_head.seq`,
        params: [row.ts, row.actor_kind, row.actor_id, row.actor_name, row.action, row.target, JSON.stringify(row.detail), before, after],
      });
    }
    return out;
  }

  private async drain(): Promise<void> {
    let delay = 100;
    while (this.queue.length) {
      const items = this.queue.slice(0, this.batch);
      try {
        await this.db.transaction(this.statements(items));
        this.queue.splice(0, items.length);
        this.stats.appended += items.length;
        delay = 100;
        for (const i of items) i.resolve();
      } catch (err) {
        this.stats.lastError = (err as Error).message;
        if (permanent(err)) {
          if (items.length > 1) {
            // Find the bad entry: append one at a time.
            let transient = false;
            for (const one of items.splice(0)) {
              try {
                await this.db.transaction(this.statements([one]));
                this.stats.appended++;
                one.resolve();
              } catch (e) {
                if (!permanent(e)) {
                  transient = true; // the rest stays queued and is retried after a pause
                  break;
                }
                this.stats.dropped++;
                this.options.log?.error('audit entry could not be stored', { error: (e as Error).message, entry: one.row });
                one.reject(e as Error);
              }
              this.queue.splice(this.queue.indexOf(one), 1);
            }
            if (transient) await new Promise((r) => setTimeout(r, delay));
          } else {
            this.queue.splice(0, 1);
            this.stats.dropped++;
            this.options.log?.error('audit entry could not be stored', { error: (err as Error).message, entry: items[0]!.row });
            items[0]!.reject(err as Error);
          }
          continue;
        }
        this.stats.retries++;
        this.options.log?.warn('audit append failed; retrying', { error: (err as Error).message, queued: this.queue.length, retryInMs: delay });
        if (this.closed && this.closing && Date.now() > this.closing) {
          for (const i of this.queue.splice(0)) i.reject(new Error(`audit trail closed before the database took the entry: ${(err as Error).message}`));
          return;
        }
        await new Promise<void>((r) => {
          const t = setTimeout(r, delay);
          this.wake = () => {
            clearTimeout(t);
            r();
          };
        });
        delay = Math.min(delay * 2, 5000);
      }
    }
  }

  private closing?: number;

  /** Waits for queued entries to be appended (at most `timeoutMs` of retries). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    this.closing = Date.now() + timeoutMs;
    this.kick(true);
    await this.flush();
    if (this.queue.length) this.options.log?.error('audit trail closed with entries not stored', { lost: this.queue.length });
  }
}
