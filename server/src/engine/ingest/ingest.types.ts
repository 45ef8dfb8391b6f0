/** Where a moving source (a response unit) reported itself. */
export interface Position {
  lon: number;
  lat: number;
  speedKmh: number | null;
  headingDeg: number | null;
}

/** What validation makes of one MQTT message. */
export type Classified =
  | { kind: 'telemetry'; sector: string; sourceId: string; ts: string; metrics: Array<[string, number]>; position?: Position }
  | { kind: 'event'; sector: string; sourceId: string; ts: string; eventId: string; type: string; payloadJson: string }
  | { kind: 'status'; sector: string; sourceId: string; ts: string; online: boolean }
  | { kind: 'duplicate'; sourceId: string; messageId: string }
  | { kind: 'dead'; code: DeadLetterCode; reason: string };

export type DeadLetterCode =
  | 'topic-invalid'
  | 'payload-too-large'
  | 'payload-not-utf8'
  | 'json-invalid'
  | 'payload-not-object'
  | 'unknown-sector-kind'
  | 'unknown-source'
  | 'source-mismatch'
  | 'id-invalid'
  | 'ts-invalid'
  | 'ts-future'
  | 'ts-past'
  | 'metrics-invalid'
  | 'metric-unknown'
  | 'value-invalid'
  | 'value-out-of-range'
  | 'event-invalid'
  | 'status-invalid'
  | 'db-rejected';

/** Published on the bus after each committed batch (ingest → api). */
export interface IngestCommitted {
  /** Newest value per (source, metric) in the batch. */
  latest: Array<{ sector: string; sourceId: string; metric: string; ts: string; value: number }>;
  /** Newest message time per source. */
  seen: Array<[sourceId: string, ts: string]>;
  statuses: Array<{ sector: string; sourceId: string; online: boolean; ts: string }>;
  events: Array<{ sector: string; sourceId: string; eventId: string; type: string; ts: string }>;
  /** Newest position per moving source in the batch. */
  positions: Array<{ sector: string; sourceId: string; ts: string } & Position>;
  deadLetters: number;
}
