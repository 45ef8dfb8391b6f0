/** socket.io wire contract, namespace `/live`. */
export const LIVE_NAMESPACE = '/live';

export const LiveEvent = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  resume: 'resume',
  delta: 'delta',
} as const;

export interface SubscribeRequest {
  topics: string[];
}

export interface TopicSnapshot<T = unknown> {
  topic: string;
  seq: number;
  snapshot: T;
}

/** Error entry in a subscribe ack, for a topic that does not exist or may not be read. */
export interface TopicRefusal {
  topic: string;
  error: string;
}

export type SubscribeAck<T = unknown> = Array<TopicSnapshot<T> | TopicRefusal>;

export interface Delta<T = unknown> {
  topic: string;
  seq: number;
  data: T;
}

export interface ResumeRequest {
  topic: string;
  /** Last sequence number the client has applied. */
  seq: number;
}

export type ResumeAck<T = unknown> =
  | { topic: string; seq: number; deltas: Delta<T>[] }
  | { topic: string; seq: number; snapshot: T }
  | TopicRefusal;

/** One reading as carried by `latest:{sector}`. */
export interface LatestReading {
  sourceId: string;
  metric: string;
  ts: string;
  value: number;
}

/** Snapshot of `latest:{sector}`: sourceId → metric → { ts, value }. */
export type LatestSnapshot = Record<string, Record<string, { ts: string; value: number }>>;

/** Delta of `latest:{sector}`: readings that changed since the previous delta (latest wins). */
export interface LatestDelta {
  readings: LatestReading[];
}

/** Snapshot/delta of `sources:{sector|all}`: online/offline/stale state per source. */
export type SourceState = 'online' | 'offline' | 'stale' | 'unknown';
export interface SourceStatusEntry {
  sourceId: string;
  state: SourceState;
  lastSeen: string | null;
}
export interface SourceStatusSnapshot {
  sources: SourceStatusEntry[];
}
export interface SourceStatusDelta {
  sources: SourceStatusEntry[];
}

export const liveTopic = {
  latest: (sector: string) => `latest:${sector}`,
  sources: (sector: string) => `sources:${sector}`,
  kpi: (sector: string, region: string) => `kpi:${sector}:${region}`,
  alerts: (scope: string) => `alerts:${scope}`,
  wall: (wallId: string) => `wall:${wallId}`,
} as const;
