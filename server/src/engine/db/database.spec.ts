import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@ioc/db';
import { EmbeddedDatabase } from './embedded-database.js';
import { ServerDatabase } from './server-database.js';
import { migrate } from './migrator.js';
import { EmbeddedPolicyRunner } from '../maintenance/embedded-policy-runner.js';
import { Logger } from '../logging/logger.js';
import { serviceAvailable } from '../../../../tests/support/services.js';

describe('embedded database + migrations', () => {
  let dir: string;
  let db: EmbeddedDatabase;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-db-'));
    db = await EmbeddedDatabase.open(dir);
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the TimescaleDB schema once, then applies nothing', async () => {
    const first = await migrate(db, migrationsDir);
    expect(first.applied.length).toBeGreaterThanOrEqual(2);
    const hypertables = await db.query<{ hypertable_name: string }>('SELECT hypertable_name FROM timescaledb_information.hypertables ORDER BY 1');
    expect(hypertables.map((h) => h.hypertable_name)).toEqual(expect.arrayContaining(['event', 'reading']));
    const caggs = await db.query<{ view_name: string }>('SELECT view_name FROM timescaledb_information.continuous_aggregates ORDER BY 1');
    expect(caggs.map((c) => c.view_name)).toEqual(['reading_1d', 'reading_1h', 'reading_1m', 'reading_district_1d', 'reading_district_1h', 'reading_district_1m']);
    expect((await migrate(db, migrationsDir)).applied).toEqual([]);
  });

  it('runs the Timescale policies itself: the 1-minute aggregate fills, old chunks are dropped', async () => {
    await db.query(
      `INSERT INTO reading (ts, source_id, metric, value)
       SELECT now() - make_interval(mins => i), 'aq-1', 'pm25', i FROM generate_series(2, 30) i
       UNION ALL SELECT now() - interval '200 days', 'aq-1', 'pm25', 1`,
    );
    const runner = new EmbeddedPolicyRunner(db, 60, new Logger('error'));
    await runner.runDue();
    expect(runner.stats.failures).toBe(0);
    expect(runner.stats.runs).toBeGreaterThanOrEqual(9);
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM _timescaledb_catalog.hypertable h
      JOIN _timescaledb_catalog.continuous_agg c ON c.mat_hypertable_id = h.id
      JOIN _timescaledb_catalog.chunk ch ON ch.hypertable_id = h.id WHERE c.user_view_name = 'reading_1m'`);
    expect(n).toBeGreaterThan(0); // the aggregate was materialised, not only computed on the fly
    const [{ old }] = await db.query<{ old: number }>(`SELECT count(*)::int AS old FROM reading WHERE ts < now() - interval '90 days'`);
    expect(old).toBe(0); // retention (90 days) dropped the old chunk
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-mig-'));
    for (const f of fs.readdirSync(migrationsDir)) fs.copyFileSync(path.join(migrationsDir, f), path.join(copy, f));
    fs.appendFileSync(path.join(copy, '001_core.sql'), '\n-- edited\n');
    await expect(migrate(db, copy)).rejects.toThrow(/001_core\.sql was changed after it was applied/);
  });

  it('takes a lock on DATA_DIR so a second process cannot open it', async () => {
    // Simulate another live process holding the lock: our parent's pid is alive.
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-lock-'));
    fs.writeFileSync(path.join(other, 'ioc.lock'), String(process.ppid));
    await expect(EmbeddedDatabase.open(other)).rejects.toThrow(/^DATA_DIR: .* is in use by process/);
  });
});

describe('DATABASE_URL pointing at PostgreSQL without timescaledb', () => {
  it('stops with a message naming the variable and the missing extension', async (ctx) => {
    if (!(await serviceAvailable('PostgreSQL', '127.0.0.1', 5432, 'timescaledb-missing check'))) return ctx.skip();
    const db = await ServerDatabase.connect(new URL('postgres://postgres@127.0.0.1:5432/postgres'), 1);
    try {
      await expect(migrate(db, migrationsDir)).rejects.toThrow(/^DATABASE_URL: the PostgreSQL server at .* has no timescaledb extension/);
    } finally {
      await db.close();
    }
  });

  it('names DATABASE_URL when the server cannot be reached', async () => {
    await expect(ServerDatabase.connect(new URL('postgres://postgres@127.0.0.1:1/postgres'), 1)).rejects.toThrow(/^DATABASE_URL: cannot connect to/);
  });
});
