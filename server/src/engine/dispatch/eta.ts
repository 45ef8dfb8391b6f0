import type { UnitType } from '@ioc/sdk';

/**
 * Roads are longer than the straight line: across the province's rubber plantations and hills
 * a route is typically a third longer than the crow flies (a planning figure, not a router).
 */
export const DETOUR_FACTOR = 1.35;

/** Cruise speed on provincial roads when a unit reports none (km/h). */
export const DEFAULT_CRUISE_KMH: Record<UnitType, number> = { police: 50, fire: 40, medical: 50, rescue: 40, environment: 35 };

/** A unit within this distance of the scene has arrived; of its base, is back. */
export const ARRIVAL_RADIUS_M = 150;

/** Below this reported speed the unit is waiting (lights, traffic): the ETA uses its cruise speed. */
const MOVING_KMH = 5;

export interface Eta {
  routeM: number;
  etaS: number;
}

/** Estimated road distance and travel time for a straight-line distance. */
export function estimate(distanceM: number, cruiseKmh: number, reportedKmh: number | null = null): Eta {
  const routeM = distanceM * DETOUR_FACTOR;
  const kmh = reportedKmh !== null && reportedKmh > MOVING_KMH ? Math.max(reportedKmh, cruiseKmh * 0.5) : cruiseKmh;
  return { routeM: Math.round(routeM), etaS: Math.round(routeM / ((kmh * 1000) / 3600)) };
}
