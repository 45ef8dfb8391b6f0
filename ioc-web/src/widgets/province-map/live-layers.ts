import type { DispatchUnit, IncidentDelta, IncidentRecord, IncidentState, IncidentsSnapshot, UnitsDelta, UnitsSnapshot } from '@ioc/sdk';
import type { TopicReducer } from '../../live/live-client';

/** States after which an incident leaves the map. */
const CLOSED: readonly IncidentState[] = ['resolved', 'published', 'cancelled'];

export type IncidentMap = ReadonlyMap<string, IncidentRecord>;

/** `incidents`: open incidents by id; a delta replaces one, or removes it once closed. */
export const openIncidentsReducer: TopicReducer<IncidentMap, IncidentDelta> = {
  fromSnapshot: (snapshot) => new Map((snapshot as IncidentsSnapshot).incidents.filter((i) => !CLOSED.includes(i.state)).map((i) => [i.id, i])),
  applyDelta(state, delta) {
    const next = new Map(state);
    const i = delta.incident;
    const known = next.get(i.id);
    // Deltas of one incident arrive in order; an older copy never replaces a newer one.
    if (known && Date.parse(known.updatedAt) > Date.parse(i.updatedAt)) return state;
    if (CLOSED.includes(i.state)) next.delete(i.id);
    else next.set(i.id, i);
    return next;
  },
};

export type UnitMap = ReadonlyMap<string, DispatchUnit>;

/** `units`: every unit by id; status deltas replace a unit, position deltas move it. */
export const unitsReducer: TopicReducer<UnitMap, UnitsDelta> = {
  fromSnapshot: (snapshot) => new Map((snapshot as UnitsSnapshot).units.map((u) => [u.id, u])),
  applyDelta(state, delta) {
    if (delta.kind === 'units') {
      const next = new Map(state);
      for (const u of delta.units) next.set(u.id, u);
      return next;
    }
    if (delta.kind === 'positions') {
      const next = new Map(state);
      for (const { unitId, ...position } of delta.positions) {
        const u = next.get(unitId);
        if (u && (!u.position || Date.parse(u.position.ts) <= Date.parse(position.ts))) next.set(unitId, { ...u, position });
      }
      return next;
    }
    return state;
  },
};

/** Where a unit is drawn: its last position, else its base. */
export function unitLocation(u: DispatchUnit): [number, number] {
  return u.position ? [u.position.lon, u.position.lat] : [u.base.lon, u.base.lat];
}
