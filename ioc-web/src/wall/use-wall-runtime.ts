import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { initialState, WallDataStore, type WallDataState } from '../store/wall-data-store';
import { LiveClient } from '../live/live-client';

export interface WallRuntime {
  live: LiveClient;
  store: WallDataStore;
}

/** One live connection and data store per mounted wall; both are torn down with the page. */
export function useWallRuntime(): { runtime: WallRuntime | null; data: WallDataState } {
  const [runtime, setRuntime] = useState<WallRuntime | null>(null);
  useEffect(() => {
    const live = new LiveClient();
    const store = new WallDataStore(live);
    void store.start();
    setRuntime({ live, store });
    return () => {
      store.stop();
      live.close();
    };
  }, []);
  const subscribe = useCallback((notify: () => void) => (runtime ? runtime.store.subscribe(notify) : () => undefined), [runtime]);
  const data = useSyncExternalStore(subscribe, () => (runtime ? runtime.store.getState() : initialState));
  return { runtime, data };
}
