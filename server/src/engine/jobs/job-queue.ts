import type { ComponentHealth } from '@ioc/sdk';

/** When and how often a job runs. */
export interface JobOptions {
  /** Run no earlier than this (default: now). Measured on the queue's clock. */
  runAt?: Date;
  /** Same as runAt = now + delayMs. */
  delayMs?: number;
  /**
   * Identity of the job: adding a job whose id is already waiting does nothing, so timers
   * (escalation step 2 of alert 17) can be scheduled again safely after a restart.
   */
  jobId?: string;
  /** Tries in all, first included (default 1). */
  attempts?: number;
  /** Delay before the second try; doubles every further try (default 1000 ms). */
  backoffMs?: number;
}

export interface JobInfo {
  id: string;
  kind: string;
  /** 1 for the first try. */
  attempt: number;
  /** Tries in all (from JobOptions.attempts). */
  attempts: number;
}

/** Runs one job. Throwing makes it retry with backoff until its attempts are used up. */
export type JobHandler<T> = (data: T, info: JobInfo) => Promise<void>;

/** What the queue does with a job whose last try failed. */
export type JobFailedListener = (kind: string, data: unknown, info: JobInfo, error: Error) => void;

/**
 * Delayed and retried work shared by the roles: escalation timers, SLA timers, notification
 * deliveries. In one process it is an in-process scheduler on the runtime's clock; with Redis it
 * is BullMQ, so a job added by any process runs exactly once on one worker. State that matters
 * lives in the database: a job only says "look at record X at time T", and its handler checks the
 * record before it acts, so a late, repeated or orphaned job is harmless.
 */
export interface JobQueue {
  /** Registers the handler of a kind of job; only processes that run the worker role call it. */
  process<T>(kind: string, handler: JobHandler<T>): void;
  /** Enqueues a job; resolves with its id. */
  add<T>(kind: string, data: T, options?: JobOptions): Promise<string>;
  /** Removes a waiting job; false when there was none (already run or never added). */
  cancel(kind: string, jobId: string): Promise<boolean>;
  /** Called when a job failed for the last time. */
  onFailed(listener: JobFailedListener): void;
  health(): ComponentHealth | Promise<ComponentHealth>;
  close(): Promise<void>;
}
