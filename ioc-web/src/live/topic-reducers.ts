import type {
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
