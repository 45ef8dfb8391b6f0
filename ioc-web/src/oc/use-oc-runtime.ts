import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { restClient } from '../api/rest-client';
import type { LiveClient } from '../live/live-client';
import { RegionTree } from '../regions/region-tree';
import { emptyKpiState, KpiStore, type KpiDataState } from '../store/kpi-store';

/** The province's administrative tree, loaded once per page (null until it arrives or if it fails). */
export function useRegionTree(): RegionTree | null {
  const [tree, setTree] = useState<RegionTree | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    restClient.allRegions(abort.signal).then(
      (collection) => setTree(RegionTree.fromCollection(collection)),
      // Without the tree the page still works for the province; names fall back to the API's.
      () => undefined,
    );
    return () => abort.abort();
  }, []);
  return tree;
}

/** A KpiStore on the page's live connection, following the page's sectors and region. */
export function useKpiStore(live: LiveClient | null, sectors: readonly string[], regionId: string | null): KpiDataState {
  const [store, setStore] = useState<KpiStore | null>(null);
  useEffect(() => {
    if (!live) return;
    const created = new KpiStore(live);
    setStore(created);
    return () => created.stop();
  }, [live]);
  const sectorKey = sectors.join(',');
  useEffect(() => {
    if (store && sectorKey) void store.setScope(sectorKey.split(','), regionId);
  }, [store, sectorKey, regionId]);
  const subscribe = useCallback((notify: () => void) => (store ? store.subscribe(notify) : () => undefined), [store]);
  return useSyncExternalStore(subscribe, () => (store ? store.getState() : emptyKpiState));
}
