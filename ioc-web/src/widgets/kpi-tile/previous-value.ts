import type { KpiInfo, KpiPeriod, KpiSeriesPoint } from '@ioc/sdk';
import { useEffect, useState } from 'react';
import { restClient } from '../../api/rest-client';
import { previousPeriodStart } from '../../kpi/kpi-period';

/** Aggregates whose per-minute value is on the same scale as the realtime window's (not sums or counts). */
const SCALE_FREE = new Set(['avg', 'min', 'max', 'rate', 'p50', 'p90', 'p95', 'p99']);

/** Where the value to compare against comes from, or null when there is nothing comparable. */
export type PreviousQuery =
  | { kind: 'period'; period: KpiPeriod; start: string }
  | { kind: 'window'; fromMs: number; toMs: number };

/**
 * A calendar period compares with the stored value of the period before; a realtime window with
 * the minutes of the window before it, for stream KPIs whose minute values share its scale.
 */
export function previousQuery(info: KpiInfo, period: KpiPeriod, now: number): PreviousQuery | null {
  if (period !== 'realtime') {
    const start = previousPeriodStart(period, new Date(now));
    return start ? { kind: 'period', period, start } : null;
  }
  if (info.kind !== 'stream' || !SCALE_FREE.has(info.aggregate) || info.perSource) return null;
  const windowMs = (info.windowS ?? 900) * 1000;
  return { kind: 'window', fromMs: now - 2 * windowMs, toMs: now - windowMs };
}

/** The previous value from the series answer (the window's mean for realtime). */
export function previousFromPoints(query: PreviousQuery, points: KpiSeriesPoint[]): number | null {
  if (query.kind === 'period') {
    const at = Date.parse(query.start);
    return points.find((p) => Date.parse(p.ts) === at)?.value ?? null;
  }
  const values = points
    .filter((p) => Date.parse(p.ts) >= query.fromMs && Date.parse(p.ts) < query.toMs && p.value !== null)
    .map((p) => p.value as number);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Fetches the value to compare with; re-asked when the KPI, period or region changes, and every 10 minutes. */
export function usePreviousValue(info: KpiInfo | undefined, period: KpiPeriod | null, regionId: string | null): number | null {
  const [previous, setPrevious] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 600_000);
    return () => clearInterval(timer);
  }, []);
  const kpiId = info?.id;
  useEffect(() => {
    setPrevious(null);
    if (!info || !period || !regionId) return;
    const query = previousQuery(info, period, Date.now());
    if (!query) return;
    const abort = new AbortController();
    const request =
      query.kind === 'period'
        ? restClient.kpiSeries(info.id, { region: regionId, period: query.period, from: query.start }, abort.signal)
        : restClient.kpiSeries(info.id, { region: regionId, resolution: 'minute', from: new Date(query.fromMs).toISOString() }, abort.signal);
    request.then(
      (answer) => {
        if (!abort.signal.aborted) setPrevious(previousFromPoints(query, answer.points));
      },
      // No arrow is better than a wrong one; the value itself is still shown.
      () => undefined,
    );
    return () => abort.abort();
    // `info` is looked up again on every KPI list change; its id is what matters.
  }, [kpiId, period, regionId, tick]);
  return previous;
}
