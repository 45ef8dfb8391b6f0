import type { Position } from '../geo/polygon.js';
import type { Random } from '../random/seeded-random.js';
import type { RegionIndex } from './region-index.js';

/** A located point with the commune that holds it (sources register with the finest region). */
export interface Placement {
  lon: number;
  lat: number;
  regionId: string;
}

const round5 = (v: number): number => Math.round(v * 1e5) / 1e5;

/**
 * Places a point inside `regionId` (a district or commune): the anchor itself if it is inside,
 * otherwise the first point on the way from the anchor to the region's centre that is. Sources
 * are described by approximate real locations, and the generated boundaries may put such a
 * location just across a border.
 */
export function placeInside(regions: RegionIndex, regionId: string, anchor: Position): Placement {
  const center = regions.get(regionId).properties.center;
  for (let step = 0; step <= 40; step++) {
    const t = step / 40;
    const point: Position = [round5(anchor[0] + (center[0] - anchor[0]) * t), round5(anchor[1] + (center[1] - anchor[1]) * t)];
    if (!regions.contains(regionId, point)) continue;
    const commune = regions.communeAt(point, regionId);
    if (commune) return { lon: point[0], lat: point[1], regionId: commune.properties.id };
  }
  throw new Error(`cannot place a point inside ${regionId}`);
}

/** A random point within `radiusDeg` of the anchor that lies inside `regionId`. */
export function placeNear(regions: RegionIndex, regionId: string, anchor: Position, radiusDeg: number, random: Random): Placement {
  for (let attempt = 0; attempt < 60; attempt++) {
    const angle = random.float(0, 2 * Math.PI);
    const distance = radiusDeg * Math.sqrt(random.next());
    const point: Position = [round5(anchor[0] + distance * Math.cos(angle)), round5(anchor[1] + distance * Math.sin(angle))];
    if (!regions.contains(regionId, point)) continue;
    const commune = regions.communeAt(point, regionId);
    if (commune) return { lon: point[0], lat: point[1], regionId: commune.properties.id };
  }
  return placeInside(regions, regionId, anchor);
}
