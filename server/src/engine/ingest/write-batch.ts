import { createHash } from 'node:crypto';
import { parseMqttTopic } from '@ioc/sdk';
import type { SqlStatement } from '../db/database.js';
import type { Classified, DeadLetterCode, IngestCommitted } from './ingest.types.js';

export interface DeadLetter {
  receivedAt: number;
  topic: string;
  payload: Uint8Array;
  code: DeadLetterCode;
  reason: string;
}

interface Item {
  topic: string;
  payload: Uint8Array;
  receivedAt: number;
  classified: Classified;
  done: () => void;
}

// PostgreSQL text cannot hold NUL; a topic is kept readable rather than refused.
const safeText = (s: string) => s.replace(/\u0000/g, '\uFFFD');

/**
 * One write batch: the messages taken since the last flush, turned into a handful of
 * array-parameter statements (never a row per round trip), committed in one transaction.
 */
export class WriteBatch {
  readonly items: Item[] = [];
  rows = 0;

  add(item: Item): void {
    this.items.push(item);
    const c = item.classified;
    this.rows += c.kind === 'telemetry' ? c.metrics.length + (c.position ? 1 : 0) : 1;
  }

  get size(): number {
    return this.items.length;
  }

  /** Splits in two halves, to isolate a message the database refuses. */
  split(): [WriteBatch, WriteBatch] {
    const a = new WriteBatch();
    const b = new WriteBatch();
    this.items.forEach((it, i) => (i < this.items.length / 2 ? a : b).add(it));
    return [a, b];
  }

  statements(deadLetterMaxBytes: number): SqlStatement[] {
    const rTs: string[] = [];
    const rSrc: string[] = [];
    const rMetric: string[] = [];
    const rValue: number[] = [];
    const pTs: string[] = [];
    const pSrc: string[] = [];
    const pLon: number[] = [];
    const pLat: number[] = [];
    const pSpeed: Array<number | null> = [];
    const pHeading: Array<number | null> = [];
    const eTs: string[] = [];
    const eSrc: string[] = [];
    const eId: string[] = [];
    const eType: string[] = [];
    const ePayload: string[] = [];
    const dead: DeadLetter[] = [];
    const status = new Map<string, { online: boolean; ts: string }>();

    for (const it of this.items) {
      const c = it.classified;
      switch (c.kind) {
        case 'telemetry':
          for (const [metric, value] of c.metrics) {
            rTs.push(c.ts);
            rSrc.push(c.sourceId);
            rMetric.push(metric);
            rValue.push(value);
          }
          if (c.position) {
            pTs.push(c.ts);
            pSrc.push(c.sourceId);
            pLon.push(c.position.lon);
            pLat.push(c.position.lat);
            pSpeed.push(c.position.speedKmh);
            pHeading.push(c.position.headingDeg);
          }
          break;
        case 'event':
          eTs.push(c.ts);
          eSrc.push(c.sourceId);
          eId.push(c.eventId);
          eType.push(c.type);
          ePayload.push(c.payloadJson);
          break;
        case 'status': {
          const prev = status.get(c.sourceId);
          if (!prev || prev.ts <= c.ts) status.set(c.sourceId, { online: c.online, ts: c.ts });
          eTs.push(c.ts);
          eSrc.push(c.sourceId);
          eId.push(`status:${c.ts}`);
          eType.push(c.online ? 'status.online' : 'status.offline');
          ePayload.push(JSON.stringify({ online: c.online }));
          break;
        }
        case 'dead':
          dead.push({ receivedAt: it.receivedAt, topic: it.topic, payload: it.payload, code: c.code, reason: c.reason });
          break;
        case 'duplicate':
          break;
      }
    }

    const out: SqlStatement[] = [];
    if (rTs.length) {
      out.push({
        sql: `INSERT INTO reading (ts, source_id, metric, value)
              SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[]) ON CONFLICT DO NOTHING`,
        params: [rTs, rSrc, rMetric, rValue],
      });
    }
    if (pTs.length) {
      out.push({
        sql: `INSERT INTO unit_position (ts, source_id, lon, lat, speed_kmh, heading_deg)
              SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[]) ON CONFLICT DO NOTHING`,
        params: [pTs, pSrc, pLon, pLat, pSpeed, pHeading],
      });
    }
    if (eTs.length) {
      out.push({
        sql: `INSERT INTO event (ts, source_id, event_id, type, payload)
              SELECT ts, s, e, t, p::jsonb FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(ts, s, e, t, p)
              ON CONFLICT DO NOTHING`,
        params: [eTs, eSrc, eId, eType, ePayload],
      });
    }
    if (status.size) {
      const ids = [...status.keys()];
      out.push({
        sql: `UPDATE source s SET online = x.online, status_at = x.ts
              FROM unnest($1::text[], $2::bool[], $3::timestamptz[]) AS x(id, online, ts)
              WHERE s.id = x.id AND (s.status_at IS NULL OR s.status_at <= x.ts)`,
        params: [ids, ids.map((id) => status.get(id)!.online), ids.map((id) => status.get(id)!.ts)],
      });
    }
    if (dead.length) out.push(deadLetterStatement(dead, deadLetterMaxBytes));
    return out;
  }

  /** What the rest of the system hears about this batch once it is committed. */
  summary(): IngestCommitted {
    const latest = new Map<string, IngestCommitted['latest'][number]>();
    const seen = new Map<string, string>();
    const statuses: IngestCommitted['statuses'] = [];
    const events: IngestCommitted['events'] = [];
    const positions = new Map<string, IngestCommitted['positions'][number]>();
    let deadLetters = 0;
    for (const it of this.items) {
      const c = it.classified;
      if (c.kind === 'telemetry') {
        if (c.position) {
          const prev = positions.get(c.sourceId);
          if (!prev || prev.ts <= c.ts) positions.set(c.sourceId, { sector: c.sector, sourceId: c.sourceId, ts: c.ts, ...c.position });
        }
        for (const [metric, value] of c.metrics) {
          const key = `${c.sourceId}|${metric}`;
          const prev = latest.get(key);
          if (!prev || prev.ts <= c.ts) latest.set(key, { sector: c.sector, sourceId: c.sourceId, metric, ts: c.ts, value });
        }
      } else if (c.kind === 'event') {
        events.push({ sector: c.sector, sourceId: c.sourceId, eventId: c.eventId, type: c.type, ts: c.ts });
      } else if (c.kind === 'status') {
        statuses.push({ sector: c.sector, sourceId: c.sourceId, online: c.online, ts: c.ts });
      } else if (c.kind === 'dead') {
        deadLetters++;
      }
      if (c.kind === 'telemetry' || c.kind === 'event') {
        const prev = seen.get(c.sourceId);
        if (!prev || prev < c.ts) seen.set(c.sourceId, c.ts);
      }
    }
    return { latest: [...latest.values()], seen: [...seen.entries()], statuses, events, positions: [...positions.values()], deadLetters };
  }
}

/** The source a dead letter's topic names, when the topic is well formed (for the validity KPI). */
function topicSourceId(topic: string): string | null {
  const parsed = parseMqttTopic(topic);
  return parsed.ok ? parsed.value.sourceId : null;
}

export function deadLetterStatement(dead: DeadLetter[], maxBytes: number): SqlStatement {
  return {
    sql: `INSERT INTO dead_letter (received_at, topic, payload, payload_size, payload_sha256, truncated, reason_code, reason, source_id)
          SELECT r, t, decode(p, 'hex'), sz, sha, tr, c, rs, s
          FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bool[], $7::text[], $8::text[], $9::text[])
            AS x(r, t, p, sz, sha, tr, c, rs, s)`,
    params: [
      dead.map((d) => new Date(d.receivedAt).toISOString()),
      dead.map((d) => safeText(d.topic).slice(0, 1024)),
      dead.map((d) => Buffer.from(d.payload.subarray(0, maxBytes)).toString('hex')),
      dead.map((d) => d.payload.byteLength),
      dead.map((d) => createHash('sha256').update(d.payload).digest('hex')),
      dead.map((d) => d.payload.byteLength > maxBytes),
      dead.map((d) => d.code),
      dead.map((d) => safeText(d.reason).slice(0, 1000)),
      dead.map((d) => topicSourceId(d.topic)),
    ],
  };
}
