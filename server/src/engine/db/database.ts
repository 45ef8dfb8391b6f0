import type { ComponentHealth } from '@ioc/sdk';

export interface SqlStatement {
  sql: string;
  params?: unknown[];
}

/**
 * The one database port of the server. Two adapters: the embedded PGlite+TimescaleDB engine
 * (in a worker thread) and a TimescaleDB server through `pg`. Services never know which one.
 */
export interface Database {
  readonly kind: 'embedded' | 'server';
  /** Where the data lives, safe to print (no credentials). */
  readonly location: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs the statements in one transaction; returns the rows of each. */
  transaction(statements: SqlStatement[]): Promise<Record<string, unknown>[][]>;
  health(): Promise<ComponentHealth>;
  close(): Promise<void>;
}

export class DatabaseConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'DatabaseConfigError';
  }
}
