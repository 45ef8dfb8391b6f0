import type { ComponentHealth } from '@ioc/sdk';
import { systemClock, type Clock } from '../time/clock.js';
import type { JobFailedListener, JobHandler, JobInfo, JobOptions, JobQueue } from './job-queue.js';

interface Waiting {
  id: string;
  kind: string;
  data: unknown;
  dueAt: number;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

export interface InProcessJobsOptions {
  clock?: Clock;
  /** How often due jobs are looked for (ms). A ManualClock moved forward takes effect at the next look. */
  pollMs?: number;
}

/**
 * The job queue of one process. Due times are read off the runtime's clock, polled every
 * `pollMs`, so tests that move a ManualClock see timers fire without waiting; `runDue()` runs
 * what is due now. Jobs live in memory: services re-schedule their timers from the database at
 * boot (the records are the truth, the jobs only wake them).
 */
export class InProcessJobs implements JobQueue {
  private readonly clock: Clock;
  private readonly waiting = new Map<string, Waiting>();
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly failed: JobFailedListener[] = [];
  private readonly running = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private seq = 0;
  private closed = false;
  readonly stats = { added: 0, completed: 0, retried: 0, failed: 0 };

  constructor(options: InProcessJobsOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.timer = setInterval(() => void this.runDue(), options.pollMs ?? 200);
    this.timer.unref();
  }

  process<T>(kind: string, handler: JobHandler<T>): void {
    this.handlers.set(kind, handler as JobHandler<unknown>);
  }

  async add<T>(kind: string, data: T, options: JobOptions = {}): Promise<string> {
    const id = options.jobId ?? `${kind}:${++this.seq}`;
    const key = `${kind}\u0000${id}`;
    if (this.waiting.has(key)) return id;
    const now = this.clock.now().getTime();
    const dueAt = options.runAt ? options.runAt.getTime() : now + (options.delayMs ?? 0);
    this.waiting.set(key, { id, kind, data, dueAt, attempt: 1, attempts: Math.max(1, options.attempts ?? 1), backoffMs: options.backoffMs ?? 1000 });
    this.stats.added++;
    if (dueAt <= now) queueMicrotask(() => void this.runDue());
    return id;
  }

  async cancel(kind: string, jobId: string): Promise<boolean> {
    return this.waiting.delete(`${kind}\u0000${jobId}`);
  }

  onFailed(listener: JobFailedListener): void {
    this.failed.push(listener);
  }

  /** Jobs waiting (due or not), for tests and health. */
  get size(): number {
    return this.waiting.size;
  }

  /**
   * Runs every job that is due on the clock and has a handler; resolves when they, and any job
   * already running (e.g. one started by `add` for now), finished.
   */
  async runDue(): Promise<void> {
    if (this.closed) return;
    const inFlight = [...this.running];
    const now = this.clock.now().getTime();
    const due = [...this.waiting.entries()].filter(([, j]) => j.dueAt <= now && this.handlers.has(j.kind)).sort((a, b) => a[1].dueAt - b[1].dueAt);
    const runs: Promise<void>[] = [];
    for (const [key, job] of due) {
      this.waiting.delete(key);
      const run = this.runOne(key, job).finally(() => this.running.delete(run));
      this.running.add(run);
      runs.push(run);
    }
    await Promise.all([...inFlight, ...runs]);
  }

  private async runOne(key: string, job: Waiting): Promise<void> {
    const info: JobInfo = { id: job.id, kind: job.kind, attempt: job.attempt, attempts: job.attempts };
    try {
      await this.handlers.get(job.kind)!(job.data, info);
      this.stats.completed++;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      if (job.attempt < job.attempts && !this.closed) {
        this.stats.retried++;
        const delay = job.backoffMs * 2 ** (job.attempt - 1);
        // A job re-added under the same id meanwhile wins; the retry is dropped.
        if (!this.waiting.has(key)) this.waiting.set(key, { ...job, attempt: job.attempt + 1, dueAt: this.clock.now().getTime() + delay });
      } else {
        this.stats.failed++;
        for (const l of this.failed) l(job.kind, job.data, info, error);
      }
    }
  }

  health(): ComponentHealth {
    return { state: 'up', kind: 'in-process', waiting: this.waiting.size, ...this.stats };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
    this.waiting.clear();
  }
}
