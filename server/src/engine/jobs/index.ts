import type { Config } from '../../config/config.js';
import type { Clock } from '../time/clock.js';
import type { JobQueue } from './job-queue.js';
import { InProcessJobs } from './in-process-jobs.js';
import { BullMqJobs } from './bullmq-jobs.js';

export * from './job-queue.js';
export { InProcessJobs } from './in-process-jobs.js';
export { BullMqJobs } from './bullmq-jobs.js';

/**
 * The job queue chosen from the config: BullMQ on REDIS_URL (keys under JOBS_PREFIX), so any
 * process may add a job and one worker runs it; in-process without REDIS_URL.
 */
export async function openJobs(config: Config, clock: Clock, options: { onError?: (error: Error) => void } = {}): Promise<JobQueue> {
  if (config.redisUrl) return BullMqJobs.connect({ url: config.redisUrl, prefix: config.jobs.prefix, concurrency: config.jobs.concurrency, clock, onError: options.onError });
  return new InProcessJobs({ clock });
}
