import { useEffect, useState } from 'react';

/** Current time, refreshed every `intervalMs`: clocks tick and stale badges appear without data. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
