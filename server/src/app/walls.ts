import type { Provider, Type } from '@nestjs/common';
import { wallsSeedDir } from '@ioc/db';
import type { WallDelta } from '@ioc/sdk';
import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import { WallsFamily } from '../engine/realtime/walls-family.js';
import type { TopicHub } from '../engine/realtime/topic-hub.js';
import type { Clock } from '../engine/time/clock.js';
import { loadSeedWalls, WallService, WALLS_CHANGED } from '../engine/walls/wall.service.js';
import { WallsController } from '../api/walls.controller.js';

/** Video walls in the api role: layouts, the operator console's commands and the `wall:{id}` topics. */
export async function wallsApi(deps: { db: Database; bus: Bus; hub: TopicHub; clock: Clock; seedDir?: string }): Promise<{ service: WallService; providers: Provider[]; controllers: Type[] }> {
  const service = new WallService(deps.db, deps.bus, loadSeedWalls(deps.seedDir ?? wallsSeedDir), deps.clock);
  await service.warm();
  const family = new WallsFamily(service, deps.hub);
  deps.hub.register(WallsFamily.PREFIX, family);
  deps.bus.subscribe<WallDelta>(WALLS_CHANGED, (d) => family.apply(d));
  return { service, providers: [{ provide: WallService, useValue: service }], controllers: [WallsController] };
}
