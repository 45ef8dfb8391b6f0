import type { SqlStatement } from './database.js';

/** Messages between the main thread and the PGlite worker thread. */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  | { id: number; op: 'transaction'; statements: SqlStatement[] }
  | { id: number; op: 'close' };

export type WorkerResponse =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; results?: Record<string, unknown>[][] }
  | { id: number; ok: false; error: { message: string; code?: string; detail?: string } };

export interface WorkerInit {
  dataDir: string;
}

/** A request before the client assigns its id. */
export type WorkerCall = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
