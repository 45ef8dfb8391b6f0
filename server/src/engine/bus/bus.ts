import type { ComponentHealth } from '@ioc/sdk';

export type BusHandler<T> = (message: T) => void;

/**
 * Publish/subscribe between the roles (ingest → api, api → ingest). In one process it is a
 * plain emitter; across processes it is Redis pub/sub. Messages are JSON-serialisable.
 */
export interface Bus {
  publish<T>(channel: string, message: T): void;
  subscribe<T>(channel: string, handler: BusHandler<T>): () => void;
  health(): ComponentHealth;
  close(): Promise<void>;
}
