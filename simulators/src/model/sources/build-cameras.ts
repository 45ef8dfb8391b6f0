import { districtByCode, districtId } from '../../geo/region-ids.js';
import { placeInside, placeNear, type Placement } from '../placement.js';
import { pointAlong, ROADS } from '../roads.js';
import type { SecurityCameraProfile, TrafficCameraProfile } from '../source-profile.js';
import { CAMERA_PLAN, type CameraSite } from './camera-plan.js';
import { districtOfCommune, modelledSource, pad, type BuildContext, type ModelledSource } from './modelled-source.js';

/** People in view at the busiest hour, by what the camera watches. */
const PEAK_PEOPLE: Record<SecurityCameraProfile['place'], number> = {
  square: 180,
  market: 260,
  junction: 70,
  park: 120,
  'bus-station': 140,
  'school-gate': 320,
  gateway: 25,
  'public-building': 90,
  waterside: 60,
};

/**
 * Cameras of the three-phase plan. Violation, red-light and speed cameras belong to the traffic
 * sector; security and gateway cameras to the public-order sector. Ids number cameras per
 * district across phases: cam-dx-001, cam-dx-002, ...
 */
export function buildCameras(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('cameras');
  const perDistrict = new Map<string, number>();
  const sitesPerPhase = new Map<number, number>();
  const out: ModelledSource[] = [];
  for (const site of CAMERA_PLAN) {
    const siteNumber = (sitesPerPhase.get(site.phase) ?? 0) + 1;
    sitesPerPhase.set(site.phase, siteNumber);
    const sitePlacement = placeSite(ctx, site, random);
    const district = districtOfCommune(ctx.regions, sitePlacement.regionId);
    for (let k = 1; k <= site.cameras; k++) {
      const n = (perDistrict.get(district.code) ?? 0) + 1;
      perDistrict.set(district.code, n);
      // Cameras of one site stand a few tens of metres apart.
      const placement = k === 1 ? sitePlacement : placeNear(ctx.regions, sitePlacement.regionId, [sitePlacement.lon, sitePlacement.lat], 0.0006, random);
      const traffic = site.purpose === 'violation' || site.purpose === 'red-light' || site.purpose === 'speed';
      out.push(
        modelledSource(
          {
            id: `cam-${district.code}-${pad(n)}`,
            sector: traffic ? 'traffic' : 'security',
            kind: 'camera',
            name: site.cameras > 1 ? `Camera ${site.name} – số ${k}` : `Camera ${site.name}`,
            placement,
            attributes: {
              phase: site.phase,
              siteId: `p${site.phase}-${pad(siteNumber, 2)}`,
              siteName: site.name,
              purpose: site.purpose,
              cameraType: cameraType(site, k),
              onvif: true,
              ...(site.road ? { road: ROADS[site.road].name } : {}),
            },
            behaviour: traffic ? trafficBehaviour(site, random) : securityBehaviour(site, random),
          },
          ctx.seed,
        ),
      );
    }
  }
  return out;
}

function placeSite(ctx: BuildContext, site: CameraSite, random: BuildContext['random']): Placement {
  if ('district' in site.at) {
    const district = districtByCode(site.at.district);
    return placeNear(ctx.regions, districtId(district), district.center, site.at.radiusDeg, random);
  }
  return placeInside(ctx.regions, 'bp', pointAlong(ROADS[site.at.road], site.at.fraction));
}

function cameraType(site: CameraSite, index: number): string {
  if (site.purpose === 'speed') return 'speed-radar-anpr';
  if (site.purpose === 'security') return index === 1 ? 'ptz' : 'bullet';
  return 'anpr';
}

function trafficBehaviour(site: CameraSite, random: BuildContext['random']): TrafficCameraProfile {
  const purpose = site.purpose === 'speed' ? 'speed' : site.purpose === 'red-light' ? 'red-light' : 'violation';
  const urban = 'district' in site.at;
  return {
    behaviour: 'traffic-camera',
    purpose,
    peakVehiclesPerMin: Math.round(random.float(urban ? 25 : 18, urban ? 45 : 35)),
    speedLimitKmh: urban ? 50 : site.road === 'DT741' ? 70 : 80,
    violationsPerHour: purpose === 'speed' ? 3 : purpose === 'red-light' ? 4 : 2.5,
  };
}

function securityBehaviour(site: CameraSite, random: BuildContext['random']): SecurityCameraProfile {
  const place = site.place ?? 'junction';
  return { behaviour: 'security-camera', place, peakPeople: Math.round(PEAK_PEOPLE[place] * random.float(0.7, 1.3)) };
}
