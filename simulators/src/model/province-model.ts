import type { SourceDefinition } from '@ioc/sdk';
import type { RegionFeature } from '../geo/region-feature.js';
import { seededRandom } from '../random/seeded-random.js';
import { loadRegionCollection, RegionIndex } from './region-index.js';
import type { SourceProfile } from './source-profile.js';
import { buildDocumentSystems, buildOneStopDesks } from './sources/build-administration.js';
import { buildAirStations } from './sources/build-air-stations.js';
import { buildCameras } from './sources/build-cameras.js';
import { buildFeedbackInboxes } from './sources/build-feedback-inboxes.js';
import { buildHospitals } from './sources/build-hospitals.js';
import { buildRegistrationOffices } from './sources/build-registration-offices.js';
import { buildSchools } from './sources/build-schools.js';
import { buildAccommodationFeeds, buildAttractionGates } from './sources/build-tourism.js';
import { buildTrafficCounters } from './sources/build-traffic-counters.js';
import { buildTreasuries } from './sources/build-treasuries.js';
import { buildWaterGauges } from './sources/build-water-gauges.js';
import type { BuildContext } from './sources/modelled-source.js';
import { buildUnits } from '../dispatch/unit-plan.js';
import { simulatedKind } from './sector-manifests.js';

export interface ProvinceModel {
  seed: number;
  /** Province, districts and communes of the seed geography. */
  regions: RegionFeature[];
  /** Every source the simulator publishes for, ready for `PUT /api/v1/sources`. */
  sources: SourceDefinition[];
  /** Response units (police, fire, ambulance, rescue, environment) the unit fleet drives. */
  units: SourceDefinition[];
  /** How each source behaves, keyed by source id. */
  profiles: Record<string, SourceProfile>;
}

export interface ProvinceModelOptions {
  /** Same seed, same sources, positions and behaviour (default 1). */
  seed?: number;
  /** Seed geography file; default the one shipped in @ioc/db. */
  regionsFile?: string;
}

/**
 * The simulated province: cameras of the three-phase plan, traffic counters, air stations,
 * water gauges, hospitals, a sample of schools, treasury offices, investment registration
 * desks, attraction gates, accommodation feeds, commune field-report inboxes, one-stop desks and
 * document systems, each placed in a commune of the seed geography; counts and behaviour knobs
 * come from the modules' simulator profiles. Deterministic, so the server can register exactly
 * what the simulator publishes. Each builder draws from its own fork of the seed, so adding a
 * builder never moves the sources of another.
 */
export function buildProvinceModel(options: ProvinceModelOptions = {}): ProvinceModel {
  const seed = options.seed ?? 1;
  const regions = loadRegionCollection(options.regionsFile).features;
  const ctx: BuildContext = { regions: new RegionIndex(regions), random: seededRandom(seed), seed };
  const modelled = [
    ...buildCameras(ctx),
    ...buildTrafficCounters(ctx),
    ...buildAirStations(ctx),
    ...buildWaterGauges(ctx),
    ...buildHospitals(ctx),
    ...buildSchools(ctx),
    ...buildTreasuries(ctx),
    ...buildRegistrationOffices(ctx),
    ...buildAttractionGates(ctx),
    ...buildAccommodationFeeds(ctx),
    ...buildFeedbackInboxes(ctx),
    ...buildOneStopDesks(ctx),
    ...buildDocumentSystems(ctx),
  ];
  const ids = new Set<string>();
  for (const m of modelled) {
    if (ids.has(m.definition.id)) throw new Error(`duplicate source id ${m.definition.id}`);
    ids.add(m.definition.id);
  }
  return {
    seed,
    regions,
    sources: modelled.map((m) => m.definition),
    units: buildUnits(ctx.regions, seed, simulatedKind('dispatch', 'unit')?.count),
    profiles: Object.fromEntries(modelled.map((m) => [m.definition.id, m.profile])),
  };
}
