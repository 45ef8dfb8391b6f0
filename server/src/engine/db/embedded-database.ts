import { Worker } from 'node:worker_threads';
import path from 'node:path';
import fs from 'node:fs';
import type { ComponentHealth } from '@ioc/sdk';
import { DataDirLock } from './data-dir-lock.js';
import type { Database, SqlStatement } from './database.js';
import type { WorkerCall, WorkerRequest, WorkerResponse } from './pglite-protocol.js';
import { compiledSibling } from '../../util/compiled-path.js';

type Pending = { resolve: (r: WorkerResponse & { ok: true }) => void; reject: (e: Error) => void };

export class EmbeddedDatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}

/** PGlite + TimescaleDB persisted under DATA_DIR, driven from a worker thread. */
export class EmbeddedDatabase implements Database {
  readonly kind = 'embedded' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  private lastError?: string;

  private constructor(
    private readonly worker: Worker,
    private readonly lock: DataDirLock,
    readonly location: string,
  ) {
    worker.on('message', (res: WorkerResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res);
      else p.reject(new EmbeddedDatabaseError(res.error.message, res.error.code, res.error.detail));
    });
    worker.on('error', (err) => {
      this.lastError = err.message;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    const pgDir = path.join(dataDir, 'pgdata');
    const lock = DataDirLock.acquire(dataDir);
    fs.mkdirSync(pgDir, { recursive: true });
    const worker = new Worker(compiledSibling(import.meta.url, 'pglite.worker.js'), { workerData: { dataDir: pgDir } });
    try {
      await new Promise<void>((resolve, reject) => {
        const onMessage = (res: WorkerResponse) => {
          if (res.id !== 0) return;
          worker.off('message', onMessage);
          if (res.ok) resolve();
          else reject(new EmbeddedDatabaseError(`DATA_DIR: cannot open the embedded database in ${pgDir}: ${res.error.message}`));
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
      });
    } catch (err) {
      await worker.terminate();
      lock.release();
      throw err;
    }
    return new EmbeddedDatabase(worker, lock, pgDir);
  }

  private call(req: WorkerCall): Promise<WorkerResponse & { ok: true }> {
    if (this.closed) return Promise.reject(new EmbeddedDatabaseError('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return ((await this.call({ op: 'query', sql, params })).rows ?? []) as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  async transaction(statements: SqlStatement[]): Promise<Record<string, unknown>[][]> {
    return (await this.call({ op: 'transaction', statements })).results ?? [];
  }

  async health(): Promise<ComponentHealth> {
    if (this.closed) return { state: 'down', detail: 'closed' };
    const t0 = performance.now();
    try {
      await this.query('SELECT 1');
      return { state: 'up', kind: this.kind, location: this.location, latencyMs: Math.round(performance.now() - t0) };
    } catch (err) {
      return { state: 'down', kind: this.kind, detail: (err as Error).message ?? this.lastError };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
      this.lock.release();
    }
  }
}
