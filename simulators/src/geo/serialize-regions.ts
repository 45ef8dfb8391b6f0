import type { RegionCollection } from './region-feature.js';

/** Compact JSON with one feature per line, so diffs of the seed file stay readable. */
export function serializeRegionCollection(collection: RegionCollection): string {
  const head = `{"type":"FeatureCollection","note":${JSON.stringify(collection.note)},"features":[\n`;
  return `${head}${collection.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
