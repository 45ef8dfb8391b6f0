import { useEffect, useRef, useState } from 'react';
import type { LiveClient, TopicReducer } from '../live/live-client';

/**
 * The state of one live topic (null until its snapshot arrived); `onDelta` hears every delta
 * applied, after the state changed. A null client or topic subscribes nothing.
 */
export function useTopic<S, D>(live: LiveClient | null, topic: string | null, reducer: TopicReducer<S, D>, onDelta?: (data: D) => void): S | null {
  const [state, setState] = useState<S | null>(null);
  const onDeltaRef = useRef(onDelta);
  onDeltaRef.current = onDelta;
  useEffect(() => {
    setState(null);
    if (!live || !topic) return;
    return live.subscribe<S, D>(topic, reducer, (next, update) => {
      setState(next);
      if (update.kind === 'delta') onDeltaRef.current?.(update.data);
    });
  }, [live, topic, reducer]);
  return state;
}

export { useLiveClient } from '../live/shared-live';

/** Calls `onReady` once, when `settled` turns true or, at the latest, after `fallbackMs` (a refused topic never settles). */
export function useReadyOnce(settled: boolean, onReady: () => void, fallbackMs = 15_000): void {
  const reported = useRef(false);
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;
  useEffect(() => {
    const report = () => {
      if (reported.current) return;
      reported.current = true;
      onReadyRef.current();
    };
    if (settled) {
      report();
      return;
    }
    const timer = setTimeout(report, fallbackMs);
    return () => clearTimeout(timer);
  }, [settled, fallbackMs]);
}
