/**
 * How each simulated source behaves: the parameters its telemetry generator reads. One variant
 * per behaviour; the model builds one profile per registered source.
 */
export type RoadId = 'QL13' | 'QL14' | 'DT741';

export interface AirStationProfile {
  behaviour: 'air-station';
  /** Typical PM2.5, µg/m³, away from rush hours in the rainy season. */
  basePm25: number;
  /** Degrees the site runs warmer than the countryside (urban heat). */
  heatIslandC: number;
}

export interface WaterGaugeProfile {
  behaviour: 'water-level';
  waterBody: 'river' | 'reservoir';
  /** Level at the end of the dry season, m above gauge zero. */
  lowLevelM: number;
  /** Rise from the dry-season low to the rainy-season high, m. */
  seasonalRiseM: number;
  /** Extra rise per 10 mm of recent rain, m. */
  rainResponseM: number;
}

export interface TrafficCounterProfile {
  behaviour: 'traffic-counter';
  road: RoadId;
  /** Vehicles per minute, both directions, at the weekday morning peak. */
  peakVehiclesPerMin: number;
  freeFlowKmh: number;
  /** Share of heavy vehicles at midday, %. */
  heavySharePct: number;
}

export type TrafficCameraPurpose = 'violation' | 'red-light' | 'speed';

export interface TrafficCameraProfile {
  behaviour: 'traffic-camera';
  purpose: TrafficCameraPurpose;
  peakVehiclesPerMin: number;
  speedLimitKmh: number;
  /** Violations detected per hour at peak traffic. */
  violationsPerHour: number;
}

export type SecurityPlace = 'square' | 'market' | 'junction' | 'park' | 'bus-station' | 'school-gate' | 'gateway' | 'public-building' | 'waterside';

export interface SecurityCameraProfile {
  behaviour: 'security-camera';
  place: SecurityPlace;
  /** People in view at the busiest hour. */
  peakPeople: number;
}

export interface HospitalProfile {
  behaviour: 'hospital';
  beds: number;
  icuBeds: number;
  /** Outpatient visits on an ordinary weekday. */
  dailyVisits: number;
  dailyEmergencies: number;
  /** Typical bed occupancy (Vietnamese provincial hospitals often run above 1.0). */
  baseOccupancy: number;
}

export type SchoolLevel = 'primary' | 'lower-secondary' | 'upper-secondary';

export interface SchoolProfile {
  behaviour: 'school';
  level: SchoolLevel;
  enrolled: number;
  /** Typical share of students present on a school day. */
  baseAttendance: number;
}

export type BehaviourProfile =
  | AirStationProfile
  | WaterGaugeProfile
  | TrafficCounterProfile
  | TrafficCameraProfile
  | SecurityCameraProfile
  | HospitalProfile
  | SchoolProfile;

export type SourceProfile = BehaviourProfile & {
  sourceId: string;
  sector: string;
  kind: string;
  /** Seed of this source's own noise, so neighbouring sources do not move in lockstep. */
  noiseSeed: number;
};
