import type { Config } from '../../config/config.js';
import type { Clock } from '../time/clock.js';
import type { JobQueue } from './job-queue.js';
import { InProcessJobs } from './in-process-jobs.js';

export * from './job-queue.js';
export { InProcessJobs } from './in-process-jobs.js';

/**
 * The job queue chosen from the config: in-process without REDIS_URL. (The BullMQ adapter for
 * REDIS_URL plugs in here.)
 */
export async function openJobs(_config: Config, clock: Clock): Promise<JobQueue> {
  return new InProcessJobs({ clock });
}
