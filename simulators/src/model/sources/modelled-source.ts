import type { SourceDefinition } from '@ioc/sdk';
import { DISTRICTS, type DistrictUnit } from '../../geo/binh-phuoc-units.js';
import { districtId } from '../../geo/region-ids.js';
import { hashSeed, type Random } from '../../random/seeded-random.js';
import type { Placement } from '../placement.js';
import type { RegionIndex } from '../region-index.js';
import type { BehaviourProfile, SourceProfile } from '../source-profile.js';

/** A source as registered with the server plus how the simulator makes it behave. */
export interface ModelledSource {
  definition: SourceDefinition;
  profile: SourceProfile;
}

export interface BuildContext {
  regions: RegionIndex;
  random: Random;
  seed: number;
}

export interface SourceDraft {
  id: string;
  sector: string;
  kind: string;
  name: string;
  placement: Placement;
  attributes: Record<string, unknown>;
  behaviour: BehaviourProfile;
}

export function modelledSource(draft: SourceDraft, seed: number): ModelledSource {
  const { id, sector, kind, name, placement, attributes, behaviour } = draft;
  return {
    definition: { id, sector, kind, name, regionId: placement.regionId, lon: placement.lon, lat: placement.lat, attributes },
    profile: { ...behaviour, sourceId: id, sector, kind, noiseSeed: hashSeed(seed, id) },
  };
}

/** The district-level unit whose region holds a commune. */
export function districtOfCommune(regions: RegionIndex, communeRegionId: string): DistrictUnit {
  const parentId = regions.get(communeRegionId).properties.parentId;
  const district = DISTRICTS.find((d) => districtId(d) === parentId);
  if (!district) throw new Error(`region ${communeRegionId} has no district parent`);
  return district;
}

/** Zero-padded sequence number for ids: 7 → "007". */
export const pad = (n: number, width = 3): string => String(n).padStart(width, '0');

/**
 * The first `count` entries of a plan of real places (the count comes from the module's
 * simulator profile). A profile asking for more places than the plan knows is a mistake.
 */
export function takeCount<T>(plan: readonly T[], count: number, what: string): T[] {
  if (!Number.isInteger(count) || count < 0 || count > plan.length) throw new Error(`the profile asks for ${count} ${what}; the province model knows ${plan.length}`);
  return plan.slice(0, count);
}

/** Shares proportional to weights, summing to `total`. */
export function shareOut(weights: readonly number[], total = 1): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
}
