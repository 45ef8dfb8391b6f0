import { DISTRICTS } from '../geo/binh-phuoc-units.js';
import { communeId, districtId } from '../geo/region-ids.js';
import { hashSeed, seededRandom } from '../random/seeded-random.js';

/** Bình Phước had about 1.04 million people in its 111 communes, wards and townships (before 2025). */
export const PROVINCE_POPULATION = 1_040_000;

/** Wards are denser than townships, townships than rural communes. */
const TYPE_WEIGHT = { ward: 1.6, township: 1.4, commune: 0.85 } as const;

let cache: ReadonlyMap<string, number> | undefined;

/**
 * Approximate population of every commune and district (region id → people), summing to
 * PROVINCE_POPULATION. Fixed by the commune's id, not by the model seed, so feeds that scale
 * with population (field reports, population statistics) agree with each other in every run.
 */
export function populations(): ReadonlyMap<string, number> {
  if (cache) return cache;
  const weights: Array<[string, string, number]> = [];
  for (const d of DISTRICTS) {
    for (const c of d.communes) {
      const jitter = Math.exp(seededRandom(hashSeed('population', communeId(d, c.baseName))).normal(0, 0.3));
      weights.push([districtId(d), communeId(d, c.baseName), TYPE_WEIGHT[c.type] * jitter]);
    }
  }
  const total = weights.reduce((s, [, , w]) => s + w, 0);
  const out = new Map<string, number>();
  for (const [district, commune, w] of weights) {
    const people = Math.round((PROVINCE_POPULATION * w) / total);
    out.set(commune, people);
    out.set(district, (out.get(district) ?? 0) + people);
  }
  out.set('bp', [...weights].reduce((s, [, commune]) => s + (out.get(commune) ?? 0), 0));
  cache = out;
  return out;
}

/** People of a region (commune, district or the province 'bp'); the commune mean when unknown. */
export function populationOf(regionId: string): number {
  return populations().get(regionId) ?? PROVINCE_POPULATION / 111;
}
