import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { splitId } from '../../kpi/kpi-info';
import { emptyKpiState, KpiStore, type KpiDataState } from '../../store/kpi-store';
import type { DashboardScope } from '../widget-types';
import { acquireSharedLive } from '../../live/shared-live';

const FALLBACK_AFTER_MS = 1_500;

/**
 * The KPIs a widget needs. OC pages and walls give their tiles a KpiDataState; a page that gives
 * none (a host embedding one widget, an older wall) leaves the empty one, and then the widget
 * asks a KpiStore shared by every KPI widget of the page, over the shared live connection, for
 * the province and the sectors of the KPIs asked. A page's own state is returned untouched.
 */
export function useWallKpis(kpis: KpiDataState, scope: DashboardScope, kpiIds: readonly string[]): KpiDataState {
  // A sector page has its own store; the wall has one too since the walls-as-data runtime.
  const needed = kpis === emptyKpiState && scope.sector === null;
  const sectorsKey = useMemo(() => [...new Set(kpiIds.filter(Boolean).map((id) => splitId(id)[0]))].sort().join(','), [kpiIds.join(',')]);
  const [store, setStore] = useState<SharedKpis | null>(null);
  useEffect(() => {
    if (!needed || !sectorsKey) return;
    // A page with its own KPI store passes the empty state only while that store starts: give it
    // a moment before opening a second one.
    let shared: SharedKpis | null = null;
    const timer = setTimeout(() => {
      shared = acquireSharedKpis(sectorsKey.split(','));
      setStore(shared);
    }, FALLBACK_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setStore(null);
      shared?.release();
    };
  }, [needed, sectorsKey]);
  const state = useSyncExternalStore(
    (notify) => (store ? store.store.subscribe(notify) : () => undefined),
    () => (store ? store.store.getState() : emptyKpiState),
  );
  if (!needed) return kpis;
  // Nothing to show until the store has answered: a loading state, not the page's "idle".
  return state === emptyKpiState ? { ...emptyKpiState, status: sectorsKey ? 'loading' : 'ready' } : state;
}

interface SharedKpis {
  store: KpiStore;
  release: () => void;
}

let page: { store: KpiStore; releaseLive: () => void; wants: Map<symbol, string[]>; timer: ReturnType<typeof setTimeout> | null } | null = null;

function acquireSharedKpis(sectors: string[]): SharedKpis {
  if (!page) {
    const { client, release } = acquireSharedLive();
    page = { store: new KpiStore(client), releaseLive: release, wants: new Map(), timer: null };
  }
  const entry = page;
  const token = Symbol('kpi-widget');
  entry.wants.set(token, sectors);
  rescope(entry);
  return {
    store: entry.store,
    release: () => {
      entry.wants.delete(token);
      if (entry.wants.size > 0) return;
      entry.store.stop();
      entry.releaseLive();
      if (page === entry) page = null;
    },
  };
}

/** One scope for every widget: the union of their sectors, for the province; settled on the next tick so mounting tiles batch. */
function rescope(entry: NonNullable<typeof page>): void {
  if (entry.timer) return;
  entry.timer = setTimeout(() => {
    entry.timer = null;
    const union = [...new Set([...entry.wants.values()].flat())].sort();
    if (union.length > 0) void entry.store.setScope(union, null);
  }, 0);
}
