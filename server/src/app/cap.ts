import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import type { Logger } from '../engine/logging/logger.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import { RegionLocator } from '../engine/registry/region-locator.js';
import { CapService, type CapServiceOptions } from '../engine/cap/cap.service.js';
import type { Alerting } from './alerting.js';

/**
 * CAP 1.2 for every role: the api role serves the feed and takes messages in; `publish` (the
 * worker role only, so separate api and worker processes do not both publish a change) listens
 * to alert and incident changes and issues the warnings.
 */
export async function openCap(deps: { db: Database; bus: Bus; modules: ModuleRegistry; alerting: Alerting; log: Logger; publish: boolean; options?: CapServiceOptions }): Promise<CapService> {
  const locator = await RegionLocator.load(deps.db);
  const cap = await CapService.open(deps.db, deps.alerting.alerts, deps.alerting.incidents, deps.log.child('cap'), {
    sectors: deps.modules.sectors().map((m) => m.id),
    locate: (lon, lat) => locator.locate(lon, lat),
    ...deps.options,
  });
  if (deps.publish) cap.startPublisher(deps.bus);
  return cap;
}
