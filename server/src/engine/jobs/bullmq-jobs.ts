import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { ComponentHealth } from '@ioc/sdk';
import { redactUrl } from '../../config/env-fields.js';
import { systemClock, type Clock } from '../time/clock.js';
import type { JobFailedListener, JobHandler, JobInfo, JobOptions, JobQueue } from './job-queue.js';

export interface BullMqJobsOptions {
  url: URL;
  /** Key prefix of every queue in Redis (`<prefix>:<kind>:…`); processes sharing it share the jobs. */
  prefix: string;
  /** Jobs of one kind a worker process runs at once. */
  concurrency?: number;
  /** Only converts `runAt` into a delay: BullMQ schedules on Redis' and the processes' real time. */
  clock?: Clock;
  /** Called with errors of the workers' connections (they reconnect by themselves). */
  onError?: (error: Error) => void;
}

/**
 * BullMQ refuses job ids that contain ':' or are integers, and queue names with ':'. Ids are
 * therefore carried escaped ('%' and ':' percent-encoded) behind a letter, which keeps the
 * mapping one-to-one: the caller sees its own ids, `alert:17:step:2` included.
 */
export function bullJobId(id: string): string {
  return `j${id.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

export function callerJobId(bullId: string): string {
  return bullId.slice(1).replace(/%3A/g, ':').replace(/%25/g, '%');
}

function queueName(kind: string): string {
  if (!kind || /[:\s]/.test(kind)) throw new Error(`job kind "${kind}" must be non-empty, without ':' or spaces`);
  return kind;
}

interface JobData<T> {
  /** The caller's payload. */
  d: T;
}

const COUNT_TYPES = ['waiting', 'delayed', 'active', 'prioritized', 'failed'] as const;

/**
 * The job queue on Redis through BullMQ, one BullMQ queue per kind of job. A job added by any
 * process sharing the prefix runs once, on one of the workers that registered its kind (BullMQ
 * locks it while it runs; a worker that dies mid-job leaves it to be picked up again after the
 * lock expires, which is why handlers check their record first). Finished jobs are removed, so an
 * id can be scheduled again once its job ran; while a job with that id is still waiting, delayed
 * for a retry or running, adding it again does nothing.
 */
export class BullMqJobs implements JobQueue {
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Map<string, Worker>();
  private readonly failed: JobFailedListener[] = [];
  private readonly clock: Clock;
  private lastError?: string;
  private closed = false;
  readonly stats = { added: 0, completed: 0, retried: 0, failed: 0 };

  private constructor(
    private readonly redis: Redis,
    private readonly options: BullMqJobsOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    redis.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    redis.on('ready', () => {
      this.lastError = undefined;
    });
  }

  /** Connects once (a Redis that cannot be reached stops the boot naming REDIS_URL). */
  static async connect(options: BullMqJobsOptions): Promise<BullMqJobs> {
    // BullMQ's workers need maxRetriesPerRequest null (they block on Redis and must not give up).
    const redis = new Redis(options.url.toString(), { lazyConnect: true, maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      throw new Error(`REDIS_URL: cannot connect to ${redactUrl(options.url.toString())} for the job queue: ${(err as Error).message}`);
    }
    return new BullMqJobs(redis, options);
  }

  private queue(kind: string): Queue {
    let q = this.queues.get(kind);
    if (!q) {
      q = new Queue(queueName(kind), { connection: this.redis, prefix: this.options.prefix });
      q.on('error', (err: Error) => {
        this.lastError = err.message;
      });
      this.queues.set(kind, q);
    }
    return q;
  }

  process<T>(kind: string, handler: JobHandler<T>): void {
    if (this.closed) throw new Error('the job queue is closed');
    if (this.workers.has(kind)) throw new Error(`job kind "${kind}" already has a handler`);
    this.queue(kind); // so that health counts it
    const worker = new Worker<JobData<T>>(
      queueName(kind),
      async (job: Job<JobData<T>>) => {
        const info: JobInfo = { id: callerJobId(String(job.id)), kind, attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 };
        await handler(job.data.d, info);
      },
      { connection: this.redis, prefix: this.options.prefix, concurrency: this.options.concurrency ?? 4 },
    );
    worker.on('completed', () => {
      this.stats.completed++;
    });
    worker.on('failed', (job: Job<JobData<T>> | undefined, err: Error) => {
      if (!job) return;
      // attemptsMade counts this try too once the job has been moved.
      if (job.attemptsMade < (job.opts.attempts ?? 1)) {
        this.stats.retried++;
        return;
      }
      this.stats.failed++;
      const info: JobInfo = { id: callerJobId(String(job.id)), kind, attempt: job.attemptsMade, attempts: job.opts.attempts ?? 1 };
      for (const l of this.failed) l(kind, job.data?.d, info, err);
    });
    worker.on('error', (err: Error) => {
      this.lastError = err.message;
      this.options.onError?.(err);
    });
    this.workers.set(kind, worker);
  }

  async add<T>(kind: string, data: T, options: JobOptions = {}): Promise<string> {
    if (this.closed) throw new Error('the job queue is closed');
    const id = options.jobId ?? randomUUID();
    const delay = options.runAt ? options.runAt.getTime() - this.clock.now().getTime() : (options.delayMs ?? 0);
    const attempts = Math.max(1, options.attempts ?? 1);
    await this.queue(kind).add(kind, { d: data } satisfies JobData<T>, {
      jobId: bullJobId(id),
      delay: Math.max(0, Math.round(delay)),
      attempts,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: true,
      removeOnFail: true,
    });
    this.stats.added++;
    return id;
  }

  async cancel(kind: string, jobId: string): Promise<boolean> {
    const q = this.queue(kind);
    const bullId = bullJobId(jobId);
    const state = await q.getJobState(bullId);
    // A running job cannot be taken back (it holds its lock); it is not waiting any more.
    if (state === 'unknown' || state === 'active' || state === 'completed' || state === 'failed') return false;
    return (await q.remove(bullId)) === 1;
  }

  onFailed(listener: JobFailedListener): void {
    this.failed.push(listener);
  }

  async health(): Promise<ComponentHealth> {
    const base = { kind: 'bullmq', location: redactUrl(this.options.url.toString()), prefix: this.options.prefix, workers: [...this.workers.keys()], ...this.stats };
    if (this.redis.status !== 'ready') return { state: 'degraded', ...base, detail: this.lastError ?? this.redis.status };
    try {
      const entries = await Promise.all(
        [...this.queues.entries()].map(async ([kind, q]) => {
          const counts = await withTimeout(q.getJobCounts(...COUNT_TYPES), 2000);
          return [kind, counts] as const;
        }),
      );
      const queues = Object.fromEntries(entries);
      const waiting = entries.reduce((n, [, c]) => n + (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), 0);
      return { state: 'up', ...base, waiting, queues };
    } catch (err) {
      return { state: 'degraded', ...base, detail: (err as Error).message };
    }
  }

  /** Stops taking jobs, lets the running ones finish, then disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.workers.values()].map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.workers.clear();
    this.queues.clear();
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
