import { describe, expect, it } from 'vitest';
import type { ComponentHealth } from '@ioc/sdk';
import type { Database, SqlStatement } from '../db/database.js';
import { InProcessBus } from '../bus/in-process-bus.js';
import { Logger } from '../logging/logger.js';
import { IngestService, INGEST_COMMITTED } from './ingest.service.js';
import type { Classified, IngestCommitted } from './ingest.types.js';
import type { MessageValidator } from './message-validator.js';

/** A database whose transactions the test controls; records what was committed. */
class ScriptedDatabase implements Database {
  readonly kind = 'embedded' as const;
  readonly location = 'test';
  readonly committed: SqlStatement[][] = [];
  /** Decides each transaction: undefined = commit, otherwise the error to throw. */
  verdict: (statements: SqlStatement[]) => Error | undefined = () => undefined;
  gate: Promise<void> = Promise.resolve();

  async query<T>(): Promise<T[]> {
    return [];
  }
  async exec(): Promise<void> {}
  async transaction(statements: SqlStatement[]): Promise<Record<string, unknown>[][]> {
    await this.gate;
    const err = this.verdict(statements);
    if (err) throw err;
    this.committed.push(statements);
    return [];
  }
  async health(): Promise<ComponentHealth> {
    return { state: 'up' };
  }
  async close(): Promise<void> {}
}

const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code });
const telemetry = (value: number): Classified => ({ kind: 'telemetry', sector: 'environment', sourceId: 'aq-1', ts: new Date(1_700_000_000_000 + value).toISOString(), metrics: [['pm25', value]] });
/** A validator that reads the classification straight from the payload (the test writes it). */
const passThrough = { classify: (_t: string, payload: Uint8Array) => JSON.parse(new TextDecoder().decode(payload)) as Classified } as unknown as MessageValidator;

function setup() {
  const db = new ScriptedDatabase();
  const bus = new InProcessBus();
  const ingest = new IngestService(db, bus, passThrough, { batchRows: 1000, flushMs: 5, deadLetterMaxBytes: 1024 }, new Logger('error', 'test', () => undefined));
  const acked: number[] = [];
  const send = (value: number, classified: Classified = telemetry(value)) =>
    ingest.handle({ topic: 'ioc/v1/environment/air-station/aq-1/telemetry', payload: new TextEncoder().encode(JSON.stringify(classified)), receivedAt: Date.now() }, () => acked.push(value));
  return { db, bus, ingest, acked, send };
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('IngestService', () => {
  it('acknowledges a message only after the transaction holding it commits', async () => {
    const { db, ingest, acked, send } = setup();
    let open!: () => void;
    db.gate = new Promise((r) => (open = r));
    send(1);
    send(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(acked).toEqual([]);
    expect(ingest.pending).toBe(2);
    open();
    await until(() => acked.length === 2);
    expect(db.committed).toHaveLength(1);
    expect(db.committed[0]![0]!.params![3]).toEqual([1, 2]);
    await ingest.stop();
  });

  it('holds messages unacknowledged while the database is down, then commits them all', async () => {
    const { db, ingest, acked, send } = setup();
    let down = true;
    db.verdict = () => (down ? sqlError('ECONNREFUSED', 'connection refused') : undefined);
    for (let i = 0; i < 5; i++) send(i);
    await until(() => ingest.stats.retries >= 2);
    expect(acked).toEqual([]);
    expect(ingest.health().state).toBe('degraded');
    down = false;
    await until(() => acked.length === 5, 10_000);
    expect(ingest.health().state).toBe('up');
    await ingest.stop();
  });

  it('isolates a message the database refuses: it goes to dead_letter, the rest commit', async () => {
    const { db, ingest, acked, send, bus } = setup();
    // The database refuses any batch that contains the value 13.
    db.verdict = (st) => (st.some((s) => s.sql.includes('INSERT INTO reading') && (s.params![3] as number[]).includes(13)) ? sqlError('22P02', 'invalid input syntax') : undefined);
    const summaries: IngestCommitted[] = [];
    bus.subscribe<IngestCommitted>(INGEST_COMMITTED, (m) => summaries.push(m));
    for (const v of [11, 12, 13, 14, 15]) send(v);
    await until(() => acked.length === 5);
    const readings = db.committed.flatMap((t) => t.filter((s) => s.sql.includes('INSERT INTO reading')).flatMap((s) => s.params![3] as number[]));
    expect(readings.sort()).toEqual([11, 12, 14, 15]);
    const dead = db.committed.flatMap((t) => t.filter((s) => s.sql.includes('INSERT INTO dead_letter')));
    expect(dead).toHaveLength(1);
    expect(dead[0]!.params![6]).toEqual(['db-rejected']);
    expect(String((dead[0]!.params![7] as string[])[0])).toContain('invalid input syntax');
    expect(summaries.reduce((n, s) => n + s.deadLetters, 0)).toBe(1);
    await ingest.stop();
  });

  it('commits dead letters and duplicates like any message, so their publishers are acknowledged', async () => {
    const { db, ingest, acked, send } = setup();
    send(1, { kind: 'dead', code: 'json-invalid', reason: 'payload is not JSON' });
    send(2, { kind: 'duplicate', sourceId: 'aq-1', messageId: 'm' });
    await until(() => acked.length === 2);
    expect(db.committed.flat().map((s) => s.sql.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual(['INSERT INTO dead_letter']);
    expect(ingest.stats.duplicates).toBe(1);
    await ingest.stop();
  });

  it('stops within its deadline when the database stays down, leaving the messages unacknowledged', async () => {
    const { db, ingest, acked, send } = setup();
    db.verdict = () => sqlError('57P01', 'terminating connection due to administrator command');
    send(1);
    await until(() => ingest.stats.retries >= 1);
    const t0 = Date.now();
    await ingest.stop(300);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(acked).toEqual([]);
  });
});
