import type { DispatchUnit, UnitsDelta } from '@ioc/sdk';
import { useEffect, useMemo, useState } from 'react';
import type { LiveClient } from '../live/live-client';
import { unitsReducer, withUnits, type UnitsState } from './incident-logic';
import { incidentsApi } from './incidents-api';
import { useTopic } from './use-topic';

const REFETCH_MS = 5_000;

/**
 * The `units` topic, completed by `GET /dispatch/units` when positions arrive for units its
 * snapshot did not hold (units that registered later; fetched at most every 5 s).
 */
export function useUnits(live: LiveClient | null, onDelta?: (d: UnitsDelta) => void): UnitsState | null {
  const state = useTopic(live, 'units', unitsReducer, onDelta);
  const [fetched, setFetched] = useState<readonly DispatchUnit[]>([]);
  const strays = state?.strayPositions.size ?? 0;
  const [due, setDue] = useState(0);
  useEffect(() => {
    if (strays === 0) return;
    const wait = Math.max(0, due - Date.now());
    const timer = setTimeout(() => {
      setDue(Date.now() + REFETCH_MS);
      incidentsApi.units().then((r) => setFetched(r.items), () => undefined);
    }, wait);
    return () => clearTimeout(timer);
  }, [strays, due]);
  return useMemo(() => (state ? withUnits(state, fetched) : null), [state, fetched]);
}
