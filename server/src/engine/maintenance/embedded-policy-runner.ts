import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';

interface JobRow {
  job_id: number;
  proc_name: string;
  hypertable_name: string | null;
  schedule_ms: number;
}

/**
 * Timescale's background workers never run inside PGlite, so in embedded mode the app runs the
 * policies the migrations declared (aggregate refresh, compression, retention) itself, each at
 * its own schedule_interval, with `CALL run_job(id)`. A TimescaleDB server runs them on its own.
 */
export class EmbeddedPolicyRunner {
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly lastRun = new Map<number, number>();
  private running?: Promise<void>;
  readonly stats = { runs: 0, failures: 0, lastRunAt: null as string | null, lastError: null as string | null };

  constructor(
    private readonly db: Database,
    private readonly intervalS: number,
    private readonly log: Logger,
  ) {}

  /** Runs due policies every interval; call `runDue()` once first to catch up at boot. */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running ??= this.runDue()
        .catch((err: Error) => {
          this.stats.failures++;
          this.stats.lastError = err.message;
        })
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.intervalS * 1000);
    this.timer.unref();
  }

  async runDue(now = Date.now()): Promise<void> {
    const jobs = await this.db.query<JobRow>(
      `SELECT job_id, proc_name, hypertable_name, (extract(epoch FROM schedule_interval) * 1000)::float8 AS schedule_ms
       FROM timescaledb_information.jobs WHERE proc_schema = '_timescaledb_functions' AND job_id >= 1000 ORDER BY job_id`,
    );
    for (const job of jobs) {
      const last = this.lastRun.get(job.job_id);
      // Aggregate refreshes run every tick, whatever their schedule: the work is proportional to
      // the data since the last refresh, and PGlite does it on the thread that also commits
      // ingest batches, so many small refreshes keep each pause short.
      const every = job.proc_name === 'policy_refresh_continuous_aggregate' ? Math.min(job.schedule_ms, this.intervalS * 1000) : job.schedule_ms;
      if (last !== undefined && now - last < every - 500) continue;
      this.lastRun.set(job.job_id, now);
      const t0 = performance.now();
      try {
        await this.db.exec(`CALL run_job(${Math.trunc(Number(job.job_id))})`);
        this.stats.runs++;
        this.log.debug('ran timescale policy', { job: job.job_id, proc: job.proc_name, table: job.hypertable_name, ms: Math.round(performance.now() - t0) });
      } catch (err) {
        this.stats.failures++;
        this.stats.lastError = `${job.proc_name} on ${job.hypertable_name}: ${(err as Error).message}`;
        this.log.warn('timescale policy failed', { job: job.job_id, proc: job.proc_name, table: job.hypertable_name, error: (err as Error).message });
      }
    }
    this.stats.lastRunAt = new Date(now).toISOString();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
