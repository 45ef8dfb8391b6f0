import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionState, LiveClient } from './live-client';

export function useConnectionState(live: LiveClient | null): ConnectionState {
  const subscribe = useCallback((notify: () => void) => (live ? live.onStateChange(notify) : () => undefined), [live]);
  return useSyncExternalStore(subscribe, () => live?.state ?? 'connecting');
}
