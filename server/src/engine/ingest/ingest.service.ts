import type { ComponentHealth } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logging/logger.js';
import type { MessageValidator } from './message-validator.js';
import { WriteBatch } from './write-batch.js';
import type { Classified, IngestCommitted } from './ingest.types.js';

/** Told what each committed batch stored, in the ingest process (the rule engine listens here). */
export type CommitListener = (messages: readonly Classified[]) => void;

export interface IngestOptions {
  batchRows: number;
  flushMs: number;
  deadLetterMaxBytes: number;
}

export const INGEST_COMMITTED = 'ingest.committed';

/** Errors that say the data is wrong (retrying cannot help), by SQLSTATE class. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|42|54)/.test(code);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The ingest pipeline: classify each message, batch, commit, then acknowledge. A message's
 * `done` (its PUBACK) is called only after the transaction holding it commits, so a crash at any
 * point loses nothing: the broker redelivers, and the database's unique keys ignore repeats.
 */
export class IngestService {
  private current = new WriteBatch();
  private readonly sealed: WriteBatch[] = [];
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<void>;
  /** Messages of the batch being committed right now. */
  private committing = 0;
  private stopped = false;
  /** Set when stop() gave up waiting: the pump ends, and the broker redelivers what was not acknowledged. */
  private abandoned = false;
  private lastError?: string;
  private readonly lastSeen = new Map<string, string>();
  private lastSeenTimer?: NodeJS.Timeout;
  private readonly commitListeners: CommitListener[] = [];
  readonly stats = { received: 0, committed: 0, rows: 0, deadLettered: 0, duplicates: 0, batches: 0, lastBatchMs: 0, retries: 0, commitMs: 0 };

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly validator: MessageValidator,
    private readonly options: IngestOptions,
    private readonly log: Logger,
  ) {
    // last_seen is a hint for operators; writing it per message would rewrite the source table
    // thousands of times a second, so it is flushed every few seconds.
    this.lastSeenTimer = setInterval(() => void this.flushLastSeen(), 5000);
    this.lastSeenTimer.unref();
  }

  /** Adds a listener for what each batch committed (called synchronously after the commit). */
  onCommitted(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  /** The MQTT sink. */
  readonly handle = (msg: { topic: string; payload: Uint8Array; receivedAt: number }, done: () => void): void => {
    this.stats.received++;
    const classified = this.validator.classify(msg.topic, msg.payload, msg.receivedAt);
    this.current.add({ topic: msg.topic, payload: msg.payload, receivedAt: msg.receivedAt, classified, done });
    if (this.current.rows >= this.options.batchRows) this.seal();
    else if (!this.timer) this.timer = setTimeout(() => this.seal(), this.options.flushMs);
  };

  /** Messages taken and not yet committed (waiting, sealed or in the commit running now). */
  get pending(): number {
    return this.current.size + this.committing + this.sealed.reduce((n, b) => n + b.size, 0);
  }

  private seal(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current.size === 0) return;
    this.sealed.push(this.current);
    this.current = new WriteBatch();
    this.ensurePump();
  }

  private ensurePump(): void {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = undefined;
      if (this.sealed.length) this.ensurePump();
    });
  }

  private async pump(): Promise<void> {
    let backoff = 100;
    while (this.sealed.length && !this.abandoned) {
      // Batches that queued while the database was slow are merged: fewer, larger commits.
      const batch = this.sealed.shift()!;
      while (this.sealed.length && batch.rows + this.sealed[0]!.rows <= this.options.batchRows * 2) {
        for (const it of this.sealed.shift()!.items) batch.add(it);
      }
      this.committing = batch.size;
      try {
        await this.commit(batch);
        backoff = 100;
        this.lastError = undefined;
        this.committing = 0;
      } catch (err) {
        this.lastError = (err as Error).message;
        this.stats.retries++;
        this.log.warn('write batch failed; holding its messages unacknowledged and retrying', { error: this.lastError, messages: batch.size, retryInMs: backoff });
        this.sealed.unshift(batch);
        this.committing = 0;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private async commit(batch: WriteBatch): Promise<void> {
    const t0 = performance.now();
    try {
      await this.db.transaction(batch.statements(this.options.deadLetterMaxBytes));
    } catch (err) {
      if (!isDataError(err)) throw err;
      await this.isolate(batch, err as Error);
      return;
    }
    this.stats.lastBatchMs = Math.round(performance.now() - t0);
    this.stats.commitMs += this.stats.lastBatchMs;
    this.acknowledge(batch);
  }

  /** The database refused the batch for its data: bisect until the refused message is alone, then dead-letter it. */
  private async isolate(batch: WriteBatch, err: Error): Promise<void> {
    if (batch.size === 1) {
      const it = batch.items[0]!;
      const single = new WriteBatch();
      single.add({ ...it, classified: { kind: 'dead', code: 'db-rejected', reason: `database refused the message: ${err.message}` } });
      await this.db.transaction(single.statements(this.options.deadLetterMaxBytes));
      this.acknowledge(single);
      return;
    }
    for (const half of batch.split()) {
      try {
        await this.db.transaction(half.statements(this.options.deadLetterMaxBytes));
        this.acknowledge(half);
      } catch (e) {
        if (!isDataError(e)) throw e;
        await this.isolate(half, e as Error);
      }
    }
  }

  private acknowledge(batch: WriteBatch): void {
    const summary: IngestCommitted = batch.summary();
    for (const it of batch.items) {
      if (it.classified.kind === 'duplicate') this.stats.duplicates++;
      it.done();
    }
    this.stats.batches++;
    this.stats.committed += batch.size;
    this.stats.rows += batch.rows;
    this.stats.deadLettered += summary.deadLetters;
    for (const [id, ts] of summary.seen) {
      const prev = this.lastSeen.get(id);
      if (!prev || prev < ts) this.lastSeen.set(id, ts);
    }
    this.bus.publish(INGEST_COMMITTED, summary);
    if (this.commitListeners.length) {
      const messages = batch.items.map((it) => it.classified);
      for (const l of this.commitListeners) {
        try {
          l(messages);
        } catch (err) {
          this.log.warn('commit listener failed', { error: (err as Error).message });
        }
      }
    }
  }

  private async flushLastSeen(): Promise<void> {
    if (this.lastSeen.size === 0) return;
    const entries = [...this.lastSeen.entries()];
    this.lastSeen.clear();
    try {
      await this.db.query(
        `UPDATE source s SET last_seen = x.ts FROM unnest($1::text[], $2::timestamptz[]) AS x(id, ts)
         WHERE s.id = x.id AND (s.last_seen IS NULL OR s.last_seen < x.ts)`,
        [entries.map((e) => e[0]), entries.map((e) => e[1])],
      );
    } catch {
      for (const [id, ts] of entries) if (!this.lastSeen.has(id)) this.lastSeen.set(id, ts);
    }
  }

  health(): ComponentHealth {
    return {
      state: this.lastError ? 'degraded' : 'up',
      detail: this.lastError,
      pending: this.pending,
      ...this.stats,
    };
  }

  /** Commits what was taken so far (bounded wait), then stops. */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.seal();
    const deadline = Date.now() + timeoutMs;
    while (this.pumping && Date.now() < deadline) await Promise.race([this.pumping, sleep(100)]);
    if (this.pumping) {
      this.abandoned = true;
      this.log.warn('stopped with messages not committed; they were not acknowledged, so the broker will redeliver them', { pending: this.pending });
    }
    if (this.lastSeenTimer) clearInterval(this.lastSeenTimer);
    await this.flushLastSeen();
  }
}
