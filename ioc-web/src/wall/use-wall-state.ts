import { liveTopic, type WallDelta, type WallState } from '@ioc/sdk';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/rest-client';
import { wallsClient } from '../api/walls-client';
import type { LiveClient, TopicReducer } from '../live/live-client';

export const wallReducer: TopicReducer<WallState, WallDelta> = {
  fromSnapshot: (snapshot) => snapshot as WallState,
  // A change can reach a socket after the snapshot that already held it (the bus is a hop behind
  // the write): the newer revision wins.
  applyDelta: (state, delta) => (delta.state.revision >= state.revision ? delta.state : state),
};

export type WallStateResult = { status: 'loading' } | { status: 'not-found' } | { status: 'error'; message: string } | { status: 'ready'; state: WallState };

/**
 * A wall's layout and live state: fetched once over REST (a missing wall is a 404, not a silent
 * wait), then kept current from `wall:{id}`, where the console's pushes and layout saves arrive.
 * The newer revision wins, so a slow REST answer cannot undo a delta.
 */
export function useWallState(live: LiveClient | null, wallId: string): WallStateResult {
  const [result, setResult] = useState<WallStateResult>({ status: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    const take = (next: WallState) => setResult((prev) => (prev.status === 'ready' && prev.state.revision > next.revision ? prev : { status: 'ready', state: next }));
    wallsClient.get(wallId, abort.signal).then(take, (error: unknown) => {
      if (abort.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) setResult({ status: 'not-found' });
      else setResult((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: error instanceof Error ? error.message : String(error) }));
    });
    const stop = live?.subscribe(liveTopic.wall(wallId), wallReducer, take);
    return () => {
      abort.abort();
      stop?.();
    };
  }, [live, wallId]);
  return result;
}
