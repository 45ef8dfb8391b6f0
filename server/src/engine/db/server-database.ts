import pg from 'pg';
import type { ComponentHealth } from '@ioc/sdk';
import { redactUrl } from '../../config/env-fields.js';
import { DatabaseConfigError, type Database, type SqlStatement } from './database.js';

/** A TimescaleDB server (or a pglite-socket endpoint) reached through `pg`. */
export class ServerDatabase implements Database {
  readonly kind = 'server' as const;
  readonly location: string;

  private constructor(
    private readonly pool: pg.Pool,
    url: URL,
  ) {
    this.location = redactUrl(url.toString());
  }

  static async connect(url: URL, poolMax: number): Promise<ServerDatabase> {
    const pool = new pg.Pool({ connectionString: url.toString(), max: poolMax, connectionTimeoutMillis: 10_000 });
    // An idle client that loses its server emits 'error' on the pool; without a listener that
    // would crash the process. Queries that follow fail and are retried by their callers.
    pool.on('error', () => undefined);
    const db = new ServerDatabase(pool, url);
    try {
      await db.query('SELECT 1');
    } catch (err) {
      await pool.end().catch(() => undefined);
      const e = err as NodeJS.ErrnoException;
      throw new DatabaseConfigError('DATABASE_URL', `cannot connect to ${db.location}: ${e.code ? `${e.code} ` : ''}${e.message}`);
    }
    return db;
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction(statements: SqlStatement[]): Promise<Record<string, unknown>[][]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out: Record<string, unknown>[][] = [];
      for (const s of statements) out.push((await client.query(s.sql, s.params)).rows);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async health(): Promise<ComponentHealth> {
    const t0 = performance.now();
    try {
      await this.query('SELECT 1');
      return { state: 'up', kind: this.kind, location: this.location, latencyMs: Math.round(performance.now() - t0), poolTotal: this.pool.totalCount, poolWaiting: this.pool.waitingCount };
    } catch (err) {
      return { state: 'down', kind: this.kind, location: this.location, detail: (err as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
