import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DatabaseConfigError, type Database } from './database.js';
import { splitSqlStatements } from './sql-script.js';

const NO_TRANSACTION_MARKER = /^--\s*ioc:no-transaction/;

export interface MigrationFile {
  version: string;
  name: string;
  checksum: string;
  sql: string;
  transactional: boolean;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function readMigrations(dir: string): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8');
      return {
        version: name.slice(0, 3),
        name,
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
        transactional: !NO_TRANSACTION_MARKER.test(sql),
      };
    });
}

/** Stops the boot with a clear message when the server cannot give us TimescaleDB. */
export async function ensureTimescale(db: Database): Promise<string> {
  const available = await db.query<{ default_version: string; installed_version: string | null }>(
    `SELECT default_version, installed_version FROM pg_available_extensions WHERE name = 'timescaledb'`,
  );
  if (available.length === 0) {
    throw new DatabaseConfigError(
      'DATABASE_URL',
      `the PostgreSQL server at ${db.location} has no timescaledb extension. The IOC stores readings in TimescaleDB hypertables; ` +
        `install TimescaleDB (e.g. the timescale/timescaledb-ha image) or unset DATABASE_URL to use the embedded engine.`,
    );
  }
  const row = available[0]!;
  if (!row.installed_version) {
    try {
      await db.exec('CREATE EXTENSION IF NOT EXISTS timescaledb');
    } catch (err) {
      throw new DatabaseConfigError(
        'DATABASE_URL',
        `timescaledb is available on ${db.location} but could not be enabled (${(err as Error).message}). ` +
          `Ask the DBA to run CREATE EXTENSION timescaledb, or check shared_preload_libraries.`,
      );
    }
  }
  return row.installed_version ?? row.default_version;
}

/**
 * Applies `db/migrations/NNN_name.sql` in order, once each, recording a checksum. A migration
 * that changed after it was applied stops the boot: the fix is a new migration, never an edit.
 */
export async function migrate(db: Database, dir: string): Promise<{ applied: string[]; timescaledb: string }> {
  const timescaledb = await ensureTimescale(db);
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const done = new Map(
    (await db.query<{ version: string; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_migration')).map((r) => [r.version, r]),
  );
  const files = readMigrations(dir);
  const applied: string[] = [];
  for (const file of files) {
    const prior = done.get(file.version);
    if (prior) {
      if (prior.checksum !== file.checksum) {
        throw new MigrationError(
          `migration ${file.name} was changed after it was applied (recorded checksum ${prior.checksum.slice(0, 12)}…, file ${file.checksum.slice(0, 12)}…). ` +
            `Restore the original and add a new migration instead.`,
        );
      }
      continue;
    }
    const record = { sql: 'INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', params: [file.version, file.name, file.checksum] };
    try {
      if (file.transactional) {
        await db.transaction([...splitSqlStatements(file.sql).map((sql) => ({ sql })), record]);
      } else {
        for (const sql of splitSqlStatements(file.sql)) await db.query(sql);
        await db.query(record.sql, record.params);
      }
    } catch (err) {
      throw new MigrationError(`migration ${file.name} failed: ${(err as Error).message}`);
    }
    applied.push(file.name);
  }
  return { applied, timescaledb };
}
