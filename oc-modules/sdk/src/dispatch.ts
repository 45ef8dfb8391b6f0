/**
 * Dispatch on the wire (REST and the socket topic `units`): response units, their positions and
 * duty status, assignments to incidents, and the messages of an incident's group channel or
 * between the console and one unit. Shared by the server, the simulator and the web app.
 */

/** Kinds of response forces (REQUIREMENTS §1: police, fire, medical, rescue, environment). */
export type UnitType = 'police' | 'fire' | 'medical' | 'rescue' | 'environment';
export const UNIT_TYPES: readonly UnitType[] = ['police', 'fire', 'medical', 'rescue', 'environment'];

/** Duty status of a unit. */
export type UnitStatus = 'available' | 'en_route' | 'on_scene' | 'returning' | 'off_duty';
export const UNIT_STATUSES: readonly UnitStatus[] = ['available', 'en_route', 'on_scene', 'returning', 'off_duty'];

/** A position as the unit last reported it. */
export interface UnitPosition {
  ts: string;
  lon: number;
  lat: number;
  speedKmh: number | null;
  headingDeg: number | null;
}

export interface DispatchUnit {
  /** The unit's source id (its MQTT topics are `ioc/v1/{sector}/{kind}/{id}/…`). */
  id: string;
  name: string;
  unitType: UnitType;
  /** Call sign on the radio, e.g. "CH-114-DX-01". */
  callSign: string;
  regionId: string;
  /** Where the unit is stationed (it returns there when released). */
  base: { lon: number; lat: number };
  /** Cruise speed for ETAs when the unit reports none, km/h. */
  cruiseKmh: number;
  status: UnitStatus;
  statusAt: string;
  /** The incident the unit is working on (assignment pending, en route or on scene). */
  incidentId: string | null;
  assignmentId: string | null;
  position: UnitPosition | null;
}

/** pending (sent to the unit) → acknowledged (unit on its way) → arrived → released; or cancelled. */
export type AssignmentState = 'pending' | 'acknowledged' | 'arrived' | 'released' | 'cancelled';
export const ASSIGNMENT_STATES: readonly AssignmentState[] = ['pending', 'acknowledged', 'arrived', 'released', 'cancelled'];
export const ACTIVE_ASSIGNMENT_STATES: readonly AssignmentState[] = ['pending', 'acknowledged', 'arrived'];

export interface Assignment {
  id: string;
  incidentId: string;
  unitId: string;
  state: AssignmentState;
  assignedBy: string;
  assignedAt: string;
  acknowledgedAt: string | null;
  arrivedAt: string | null;
  releasedAt: string | null;
  /** Straight-line distance to the scene when assigned, metres. */
  distanceM: number;
  /** Estimated arrival, refreshed from each position while the unit is on its way. */
  etaAt: string | null;
  note: string | null;
}

/** A unit proposed for an incident: nearest available first, with distance and ETA. */
export interface UnitSuggestion {
  unit: DispatchUnit;
  distanceM: number;
  /** Road distance estimate (straight line × detour factor), metres. */
  routeM: number;
  etaS: number;
  /** Whether the incident type asks for this kind of unit. */
  matchesType: boolean;
}

export interface DispatchMessage {
  id: string;
  /** Group channel of an incident (every unit on it and the console) when set. */
  incidentId: string | null;
  /** One-to-one: the unit a message is for (from the console) — null on a group message. */
  toUnit: string | null;
  /** Who wrote: an operator's name or a unit id. */
  from: string;
  text: string;
  at: string;
}

/** Snapshot of `units`: every unit, with active assignments. */
export interface UnitsSnapshot {
  units: DispatchUnit[];
  assignments: Assignment[];
}

/**
 * One change on `units`: units whose status changed (every change sent), newest positions
 * (coalesced: at most one such delta per window, latest position per unit wins — positions only,
 * so a late position delta never carries an old status), an assignment, or a message.
 */
export type UnitsDelta =
  | { kind: 'units'; units: DispatchUnit[] }
  | { kind: 'positions'; positions: Array<UnitPosition & { unitId: string }> }
  | { kind: 'assignment'; assignment: Assignment }
  | { kind: 'message'; message: DispatchMessage };
