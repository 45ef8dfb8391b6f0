import type { Provider, Type } from '@nestjs/common';
import type { FeedbackDelta } from '@ioc/sdk';
import type { Config } from '../config/config.js';
import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import { FEEDBACK_CHANGED, FeedbackService } from '../engine/feedback/feedback.service.js';
import type { IncidentService } from '../engine/incidents/incident.service.js';
import type { Logger } from '../engine/logging/logger.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import { RegionLocator } from '../engine/registry/region-locator.js';
import type { RegionTree } from '../engine/registry/region-tree.js';
import { FeedbackFamily } from '../engine/realtime/feedback-family.js';
import type { TopicHub } from '../engine/realtime/topic-hub.js';
import type { Clock } from '../engine/time/clock.js';
import { FeedbackCategoriesController, FeedbackController } from '../api/feedback.controller.js';

/**
 * Citizen field reports in the api role: the service, the `feedback` topic fed from the bus (so a
 * report taken by another api process reaches this one's sockets), and the REST controllers.
 * Kept out of runtime.ts so the composition root gains one line for it.
 */
export async function feedbackApi(deps: { config: Config; db: Database; bus: Bus; modules: ModuleRegistry; tree: RegionTree; incidents: IncidentService; hub: TopicHub; clock: Clock; log: Logger }): Promise<{ service: FeedbackService; providers: Provider[]; controllers: Type[] }> {
  const { config, db, bus, modules, tree, incidents, hub, clock } = deps;
  const log = deps.log.child('feedback');
  const locator = await RegionLocator.load(db);
  const service = new FeedbackService(db, bus, modules, locator, tree, incidents, log, { clock, photos: { maxBytes: config.feedback.photoMaxBytes, maxCount: config.feedback.photoMaxCount } });
  const family = new FeedbackFamily(hub, clock, () => service.today(), (err) => log.warn("refreshing today's field-report figures failed", { error: err.message }));
  await family.warm(await service.list({ state: ['received', 'processing'], limit: 1000 }));
  hub.register(FeedbackFamily.TOPIC, family);
  bus.subscribe<FeedbackDelta>(FEEDBACK_CHANGED, (d) => family.apply(d));
  return { service, providers: [{ provide: FeedbackService, useValue: service }], controllers: [FeedbackController, FeedbackCategoriesController] };
}
