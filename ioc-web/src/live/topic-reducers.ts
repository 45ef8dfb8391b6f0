import type {
  KpiTopicDelta,
  KpiTopicSnapshot,
  KpiValue,
  LatestDelta,
  LatestSnapshot,
  SourceStatusDelta,
  SourceStatusEntry,
  SourceStatusSnapshot,
} from '@ioc/sdk';
import type { TopicReducer } from './live-client';

/** `latest:{sector}`: a delta's readings overwrite older values of the same source and metric. */
export const latestReducer: TopicReducer<LatestSnapshot, LatestDelta> = {
  fromSnapshot: (snapshot) => ({ ...(snapshot as LatestSnapshot) }),
  applyDelta(state, delta) {
    const next: LatestSnapshot = { ...state };
    const copied = new Set<string>();
    for (const reading of delta.readings) {
      if (!copied.has(reading.sourceId)) {
        next[reading.sourceId] = { ...next[reading.sourceId] };
        copied.add(reading.sourceId);
      }
      const metrics = next[reading.sourceId]!;
      const previous = metrics[reading.metric];
      // Coalesced deltas may still carry an older reading than one already seen; latest wins.
      if (!previous || Date.parse(previous.ts) <= Date.parse(reading.ts)) metrics[reading.metric] = { ts: reading.ts, value: reading.value };
    }
    return next;
  },
};

export type SourceStatusMap = ReadonlyMap<string, SourceStatusEntry>;

/** `sources:{sector|all}`: a delta carries only the entries that changed. */
export const sourceStatusReducer: TopicReducer<SourceStatusMap, SourceStatusDelta> = {
  fromSnapshot: (snapshot) => new Map((snapshot as SourceStatusSnapshot).sources.map((s) => [s.sourceId, s])),
  applyDelta(state, delta) {
    const next = new Map(state);
    for (const entry of delta.sources) next.set(entry.sourceId, entry);
    return next;
  },
};

/** KPI values of one region by `kpiId|period`. */
export type KpiValueMap = ReadonlyMap<string, KpiValue>;

export function kpiValueKey(kpiId: string, period: KpiValue['period']): string {
  return `${kpiId}|${period}`;
}

/**
 * Whether `next` replaces `previous` of the same KPI and period: a later period always does (the
 * month rolled over); within a period the later computation wins, so an old value that arrives
 * late (REST answer after a live delta) cannot undo a newer one.
 */
export function isNewerKpiValue(next: KpiValue, previous: KpiValue | undefined): boolean {
  if (!previous) return true;
  if (next.periodStart !== previous.periodStart) return Date.parse(next.periodStart) > Date.parse(previous.periodStart);
  return Date.parse(next.computedAt) >= Date.parse(previous.computedAt);
}

/** Folds values into a map, keeping the newest per KPI and period; the same map when nothing changed. */
export function mergeKpiValues(state: KpiValueMap, values: readonly KpiValue[]): KpiValueMap {
  let next: Map<string, KpiValue> | null = null;
  for (const value of values) {
    const key = kpiValueKey(value.kpiId, value.period);
    const current = (next ?? state).get(key);
    if (current === value || !isNewerKpiValue(value, current)) continue;
    next ??= new Map(state);
    next.set(key, value);
  }
  return next ?? state;
}

/** `kpi:{sector}:{region}`: the snapshot holds every value; a delta the changed ones (latest per KPI and period). */
export const kpiReducer: TopicReducer<KpiValueMap, KpiTopicDelta> = {
  fromSnapshot: (snapshot) => mergeKpiValues(new Map(), (snapshot as KpiTopicSnapshot).values ?? []),
  applyDelta: (state, delta) => mergeKpiValues(state, delta.values),
};
