import type { Config } from '../../config/config.js';
import type { Bus } from './bus.js';
import { InProcessBus } from './in-process-bus.js';
import { RedisBus } from './redis-bus.js';

export * from './bus.js';
export { InProcessBus } from './in-process-bus.js';
export { RedisBus } from './redis-bus.js';

/** Channels of the bus and their messages. */
export const BusChannel = {
  ingestCommitted: 'ingest.committed',
  sourcesChanged: 'sources.changed',
} as const;

export async function openBus(config: Config): Promise<Bus> {
  return config.redisUrl ? RedisBus.connect(config.redisUrl, config.busPrefix) : new InProcessBus();
}
