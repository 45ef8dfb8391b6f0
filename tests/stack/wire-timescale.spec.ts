/**
 * The wire-served TimescaleDB engine (tests/support/wire-timescale.mjs) that stands in for a
 * TimescaleDB server on the production path: several clients at once — as several IOC processes
 * with their pools are — each get their own answers and their own transactions.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireTimescale } from '../support/stack.js';

describe('wire-served TimescaleDB engine, several clients at once', () => {
  let wire: Awaited<ReturnType<typeof startWireTimescale>>;
  const pools: pg.Pool[] = [];

  beforeAll(async () => {
    wire = await startWireTimescale();
    for (let i = 0; i < 4; i++) pools.push(new pg.Pool({ connectionString: wire.url, max: 2, connectionTimeoutMillis: 10_000 }));
    await pools[0]!.query('CREATE TABLE t (client int, n int)');
  }, 60_000);
  afterAll(async () => {
    for (const p of pools) await p.end();
    await wire?.stop();
  });

  it('answers each parameterised query with its own parameters (no interleaved Parse/Bind)', async () => {
    const asks = [];
    for (let i = 0; i < 400; i++) {
      const pool = pools[i % pools.length]!;
      asks.push(pool.query<{ x: number; s: string }>('SELECT $1::int * 2 AS x, $2::text AS s', [i, `q${i}`]).then((r) => [i, r.rows[0]!] as const));
    }
    for (const [i, row] of await Promise.all(asks)) expect(row).toEqual({ x: i * 2, s: `q${i}` });
  });

  it('keeps a transaction to its client: others wait, a rollback undoes only its own rows', async () => {
    const work = pools.map(async (pool, client) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        for (let n = 0; n < 20; n++) await c.query('INSERT INTO t VALUES ($1, $2)', [client, n]);
        // Another client's statements while this one is open see none of its rows.
        await c.query(client % 2 ? 'ROLLBACK' : 'COMMIT');
      } finally {
        c.release();
      }
    });
    const readers = Array.from({ length: 20 }, () => pools[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM t'));
    await Promise.all([...work, ...readers]);
    for (const r of await Promise.all(readers)) expect(r.rows[0]!.n % 20).toBe(0);
    const rows = await pools[1]!.query<{ client: number; n: number }>('SELECT client, count(*)::int AS n FROM t GROUP BY client ORDER BY client');
    expect(rows.rows).toEqual([{ client: 0, n: 20 }, { client: 2, n: 20 }]);
  });

  it('rolls back the open transaction of a client that goes away, and serves the others on', async () => {
    const c = new pg.Client({ connectionString: wire.url });
    c.on('error', () => undefined);
    await c.connect();
    await c.query('BEGIN');
    await c.query('INSERT INTO t VALUES (99, 0)');
    const waiting = pools[2]!.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE client = 99');
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0]!.n).toBe(0);
  });

  it('reports an error to its client only, and the engine goes on', async () => {
    const bad = pools[0]!.query('SELECT * FROM no_such_table').then(() => 'ok', (e: Error) => e.message);
    const good = pools[1]!.query<{ x: number }>('SELECT 1 AS x');
    expect(await bad).toMatch(/no_such_table/);
    expect((await good).rows[0]!.x).toBe(1);
  });
});
