import type { RegionCollection, RegionFeature, RegionGeometry } from '../../api/types';

export interface DrawableRegion extends RegionFeature {
  geometry: RegionGeometry;
}

export interface DrawableRegions {
  type: 'FeatureCollection';
  features: DrawableRegion[];
}

/** Regions stored without a boundary are left out: deck.gl cannot draw a null geometry. */
export function drawableRegions(collection: RegionCollection): DrawableRegions {
  return {
    type: 'FeatureCollection',
    features: collection.features.filter((f): f is DrawableRegion => f.geometry !== null),
  };
}
