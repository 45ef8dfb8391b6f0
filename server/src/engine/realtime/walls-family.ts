import type { WallDelta, WallState } from '@ioc/sdk';
import type { WallService } from '../walls/wall.service.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

/**
 * `wall:{id}`: the wall's layout and live state (scene, playlist hold, tile overrides). Each delta
 * carries the whole state, so every screen of the wall follows the console the moment it arrives.
 */
export class WallsFamily implements TopicFamily {
  static readonly PREFIX = 'wall:';

  constructor(
    private readonly walls: WallService,
    private readonly hub: TopicHub,
  ) {}

  accepts(topic: string): boolean {
    return this.walls.has(topic.slice(WallsFamily.PREFIX.length));
  }

  snapshot(topic: string): WallState {
    return this.walls.state(topic.slice(WallsFamily.PREFIX.length));
  }

  apply(delta: WallDelta): void {
    this.walls.apply(delta);
    this.hub.publish(`${WallsFamily.PREFIX}${delta.state.wallId}`, delta);
  }
}
