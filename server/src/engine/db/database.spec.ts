import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@ioc/db';
import { EmbeddedDatabase } from './embedded-database.js';
import { ServerDatabase } from './server-database.js';
import { migrate } from './migrator.js';
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
    expect(caggs.map((c) => c.view_name)).toEqual(['reading_1d', 'reading_1h', 'reading_1m']);
    expect((await migrate(db, migrationsDir)).applied).toEqual([]);
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
