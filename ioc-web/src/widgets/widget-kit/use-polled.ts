import { useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  /** The answer for the current key; null until it arrives. */
  data: T | null;
  error: string | null;
  /** An answer (or an error) arrived for the current key. */
  settled: boolean;
}

/**
 * Loads `load` now, every `intervalMs` and whenever `refreshSignal` changes (a live topic moved,
 * a KPI was recomputed);
 * a new `key` drops the old answer. Null key: nothing to load.
 */
export function usePolled<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, intervalMs: number, refreshSignal: unknown = 0): Polled<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null } | null>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);

  useEffect(() => {
    if (key === null) return;
    const abort = new AbortController();
    loadRef.current(abort.signal).then(
      (data) => {
        if (!abort.signal.aborted) setState({ key, data, error: null });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setState((previous) => ({ key, data: previous?.key === key ? previous.data : null, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    return () => abort.abort();
  }, [key, tick, refreshSignal]);

  const current = state && state.key === key ? state : null;
  return { data: current?.data ?? null, error: current?.error ?? null, settled: current !== null };
}
