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
  /** Poisoning patients and deaths on an ordinary day (counters since local midnight). */
  dailyPoisonings: number;
  dailyDeaths: number;
  /** Chance that a food-poisoning cluster (a wedding, a school canteen) brings 10–40 patients on a given day. */
  clusterChancePerDay: number;
}

export type SchoolLevel = 'primary' | 'lower-secondary' | 'upper-secondary';

export interface SchoolProfile {
  behaviour: 'school';
  level: SchoolLevel;
  enrolled: number;
  /** Typical share of students present on a school day. */
  baseAttendance: number;
  /** School-safety incidents (violence, accident, disaster damage) per school year. */
  incidentsPerYear: number;
  incidentCategories: string[];
}

/** A State Treasury office booking budget revenue, spending and investment disbursement (bn VND). */
export interface TreasuryProfile {
  behaviour: 'treasury';
  /** This office's share of the province's yearly totals, bn VND. */
  revenueBnPerYear: number;
  expenditureBnPerYear: number;
  investmentBnPerYear: number;
  quarterEndSurge: number;
  decemberSurge: number;
}

/** An investment and business registration desk (portal counters since local midnight). */
export interface RegistrationOfficeProfile {
  behaviour: 'registration-office';
  enterprisesPerYear: number;
  domesticProjectsPerYear: number;
  fdiProjectsPerYear: number;
  /** Mean FDI capital of a licensed project, million USD (lognormal). */
  fdiMusdPerProject: number;
}

/** The ticket gate of a tourist attraction. */
export interface AttractionGateProfile {
  behaviour: 'attraction-gate';
  /** Visitors on an ordinary weekday (weekends ×3, Tết and 30/4–1/5 ×6). */
  weekdayVisitors: number;
  ticketsPerVisitor: number;
  ticketPriceKvnd: number;
  meanStayH: number;
}

/** A district's accommodation registrations (guests declared to the police system). */
export interface AccommodationProfile {
  behaviour: 'accommodation';
  rooms: number;
  baseOccupancy: number;
  checkinsPerRoomPerDay: number;
  internationalShare: number;
}

/** A commune's field-report inbox (1022 hotline, portal, app, Zalo). */
export interface FeedbackInboxProfile {
  behaviour: 'feedback-inbox';
  /** Reports on an average day. */
  reportsPerDay: number;
  ward: string;
  channels: Array<[string, number]>;
  categories: string[];
  departments: string[];
  deadlineDays: number;
  closedShare: number;
  inTimeShareOfClosed: number;
}

/** A one-stop public-service desk (administrative procedures). */
export interface OneStopDeskProfile {
  behaviour: 'one-stop-desk';
  dossiersPerWorkingDay: number;
  resolvedShare: number;
  inTimeShareOfResolved: number;
}

/** A document management system (documents in and out, digital signatures). */
export interface DocumentSystemProfile {
  behaviour: 'document-system';
  documentsOutPerWorkingDay: number;
  documentsInPerOut: number;
  digitalSignatureShare: number;
}

export type BehaviourProfile =
  | AirStationProfile
  | WaterGaugeProfile
  | TrafficCounterProfile
  | TrafficCameraProfile
  | SecurityCameraProfile
  | HospitalProfile
  | SchoolProfile
  | TreasuryProfile
  | RegistrationOfficeProfile
  | AttractionGateProfile
  | AccommodationProfile
  | FeedbackInboxProfile
  | OneStopDeskProfile
  | DocumentSystemProfile;

export type SourceProfile = BehaviourProfile & {
  sourceId: string;
  sector: string;
  kind: string;
  /** Seed of this source's own noise, so neighbouring sources do not move in lockstep. */
  noiseSeed: number;
};
