import fs from 'node:fs';
import { regionsSeedFile } from '@ioc/db';
import { boundingBox, inBox, pointInPolygon, type BoundingBox, type Position } from '../geo/polygon.js';
import type { RegionCollection, RegionFeature } from '../geo/region-feature.js';

export function loadRegionCollection(file: string = regionsSeedFile): RegionCollection {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RegionCollection;
}

/** Lookups over the seed geography: by id, children of a region, and which region holds a point. */
export class RegionIndex {
  private readonly byId = new Map<string, RegionFeature>();
  private readonly boxes = new Map<string, BoundingBox>();

  constructor(readonly features: readonly RegionFeature[]) {
    for (const f of features) {
      this.byId.set(f.properties.id, f);
      this.boxes.set(f.properties.id, boundingBox(f.geometry.coordinates));
    }
  }

  get(id: string): RegionFeature {
    const region = this.byId.get(id);
    if (!region) throw new Error(`unknown region ${id}`);
    return region;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  childrenOf(id: string): RegionFeature[] {
    return this.features.filter((f) => f.properties.parentId === id);
  }

  contains(id: string, point: Position): boolean {
    return inBox(point, this.boxes.get(id) as BoundingBox) && pointInPolygon(point, this.get(id).geometry.coordinates);
  }

  /** The commune holding the point, searched within `withinId` (a commune, district or the province). */
  communeAt(point: Position, withinId?: string): RegionFeature | undefined {
    const scope = withinId ? this.get(withinId) : undefined;
    if (scope?.properties.level === 'commune') return this.contains(scope.properties.id, point) ? scope : undefined;
    return this.features.find(
      (f) =>
        f.properties.level === 'commune' &&
        (!scope || scope.properties.level === 'province' || f.properties.parentId === scope.properties.id) &&
        this.contains(f.properties.id, point),
    );
  }
}
