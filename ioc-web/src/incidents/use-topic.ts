import { useEffect, useRef, useState } from 'react';
import { LiveClient, type TopicReducer } from '../live/live-client';

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

let shared: { client: LiveClient; users: number } | null = null;

/**
 * The page's live client when it passes one; otherwise one connection shared by every widget
 * that lacks one (a page that does not pass `live` yet), closed when the last of them unmounts.
 */
export function useLiveClient(given: LiveClient | undefined): LiveClient | null {
  const [fallback, setFallback] = useState<LiveClient | null>(null);
  useEffect(() => {
    if (given) return;
    shared ??= { client: new LiveClient(), users: 0 };
    shared.users += 1;
    const own = shared;
    setFallback(own.client);
    return () => {
      own.users -= 1;
      if (own.users === 0) {
        own.client.close();
        if (shared === own) shared = null;
      }
    };
  }, [given]);
  return given ?? fallback;
}

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
