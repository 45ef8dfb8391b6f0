import type { SourceDefinition } from '@ioc/sdk';
import { seededRandom } from '../random/seeded-random.js';
import { sourceTopic } from '../publish/topics.js';
import { deadLetter, duplicateIgnored, type BadExpectation } from './bad-expectation.js';

/** Registered sources the bad messages borrow, so each message breaks exactly one rule. */
export interface BadSamples {
  /** environment/air-station (metrics pm25 … humidity, no events). */
  airStation: SourceDefinition;
  /** traffic/counter. */
  trafficCounter: SourceDefinition;
  /** traffic/camera whose events include `speeding` (needs speedKmh). */
  trafficCamera: SourceDefinition;
  /** security/camera. */
  securityCamera: SourceDefinition;
}

export interface BadContext {
  samples: BadSamples;
  nowMs: number;
  /** Unique per run and copy, so repeated runs are never mistaken for redeliveries. */
  tag: string;
  topicRoot: string;
  /** Size of the oversized payload's filler, bytes (default 300 KB; the server limit is 256 KiB). */
  hugeBytes: number;
  /** Size of the oversized event string, bytes. */
  eventStringBytes: number;
  /** Nesting depth of the deeply nested payload. */
  depth: number;
}

export interface BadMessage {
  topic: string;
  payload: Buffer;
}

export interface BadKind {
  id: string;
  description: string;
  expect: BadExpectation;
  /** One message, or two for the duplicate (sent in order). */
  generate(ctx: BadContext): BadMessage[];
}

export const SQL_INJECTION = "'; DROP TABLE reading; --";

const text = (topic: string, payload: string): BadMessage[] => [{ topic, payload: Buffer.from(payload, 'utf8') }];
const json = (topic: string, value: unknown): BadMessage[] => text(topic, JSON.stringify(value));
const iso = (ms: number): string => new Date(ms).toISOString();
const DAY_MS = 86_400_000;

const telemetryTopic = (ctx: BadContext, s: SourceDefinition = ctx.samples.airStation) => sourceTopic(s, 'telemetry', ctx.topicRoot);
const eventTopic = (ctx: BadContext, s: SourceDefinition) => sourceTopic(s, 'event', ctx.topicRoot);
const messageId = (ctx: BadContext, kind: string) => `bad:${kind}:${ctx.tag}`;
/** A valid air-station reading; kinds below change one thing about it. */
const goodReading = (ctx: BadContext, kind: string) => ({ ts: iso(ctx.nowMs), id: messageId(ctx, kind), metrics: { pm25: 18.5, temperature: 29.1 } });

export const BAD_KINDS: readonly BadKind[] = [
  {
    id: 'not-json',
    description: 'text that is not JSON',
    expect: deadLetter('json'),
    generate: (ctx) => text(telemetryTopic(ctx), 'pm25=18.5; this is not json {"metrics":'),
  },
  {
    id: 'binary-garbage',
    description: 'random bytes, invalid UTF-8',
    expect: deadLetter('json'),
    generate: (ctx) => {
      const random = seededRandom(7);
      const bytes = Buffer.from(Array.from({ length: 64 }, () => random.int(0, 255)));
      bytes[0] = 0xff;
      bytes[1] = 0xfe;
      bytes[2] = 0xc3; // a UTF-8 lead byte followed by a non-continuation byte
      bytes[3] = 0x28;
      return [{ topic: telemetryTopic(ctx), payload: bytes }];
    },
  },
  { id: 'empty-payload', description: 'zero-byte payload', expect: deadLetter('json'), generate: (ctx) => text(telemetryTopic(ctx), '') },
  { id: 'json-array', description: 'JSON array instead of an object', expect: deadLetter('not-object'), generate: (ctx) => text(telemetryTopic(ctx), '[18.5, 29.1]') },
  { id: 'json-number', description: 'JSON number instead of an object', expect: deadLetter('not-object'), generate: (ctx) => text(telemetryTopic(ctx), '42') },
  { id: 'json-null', description: 'JSON null', expect: deadLetter('not-object'), generate: (ctx) => text(telemetryTopic(ctx), 'null') },
  {
    id: 'metric-string',
    description: 'metric value is a string',
    expect: deadLetter('type'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'metric-string'), metrics: { pm25: '18.5' } }),
  },
  {
    id: 'metric-null',
    description: 'metric value is null',
    expect: deadLetter('type'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'metric-null'), metrics: { pm25: null } }),
  },
  {
    id: 'nan-token',
    description: 'bare NaN token (not valid JSON)',
    expect: deadLetter('json'),
    generate: (ctx) => text(telemetryTopic(ctx), `{"ts":"${iso(ctx.nowMs)}","id":"${messageId(ctx, 'nan-token')}","metrics":{"pm25":NaN}}`),
  },
  {
    id: 'infinity-token',
    description: 'bare Infinity token (not valid JSON)',
    expect: deadLetter('json'),
    generate: (ctx) => text(telemetryTopic(ctx), `{"ts":"${iso(ctx.nowMs)}","id":"${messageId(ctx, 'infinity-token')}","metrics":{"pm25":Infinity}}`),
  },
  {
    id: 'number-overflow',
    description: 'valid JSON number 1e999 that parses to Infinity',
    expect: deadLetter('range'),
    generate: (ctx) => text(telemetryTopic(ctx), `{"ts":"${iso(ctx.nowMs)}","id":"${messageId(ctx, 'number-overflow')}","metrics":{"pm25":1e999}}`),
  },
  {
    id: 'metrics-missing',
    description: 'telemetry without metrics',
    expect: deadLetter('metrics'),
    generate: (ctx) => json(telemetryTopic(ctx), { ts: iso(ctx.nowMs), id: messageId(ctx, 'metrics-missing') }),
  },
  {
    id: 'metrics-empty',
    description: 'metrics is an empty object',
    expect: deadLetter('metrics'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'metrics-empty'), metrics: {} }),
  },
  {
    id: 'metrics-not-object',
    description: 'metrics is an array',
    expect: deadLetter('metrics'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'metrics-not-object'), metrics: [18.5] }),
  },
  {
    id: 'unknown-metric',
    description: 'metric not in the schema of the source kind',
    expect: deadLetter('unknown-metric'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'unknown-metric'), metrics: { radiation_usv_h: 0.12 } }),
  },
  {
    id: 'out-of-range-high',
    description: 'pm25 above the schema maximum (1000)',
    expect: deadLetter('range'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'out-of-range-high'), metrics: { pm25: 1500 } }),
  },
  {
    id: 'out-of-range-low',
    description: 'humidity below the schema minimum (0)',
    expect: deadLetter('range'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'out-of-range-low'), metrics: { humidity: -5 } }),
  },
  {
    id: 'unknown-source',
    description: 'well-formed topic, source id never registered',
    expect: deadLetter('unknown-source'),
    generate: (ctx) => json(telemetryTopic(ctx, { ...ctx.samples.airStation, id: `aq-unregistered-${ctx.tag}` }), goodReading(ctx, 'unknown-source')),
  },
  {
    id: 'source-kind-mismatch',
    description: 'registered counter published under the camera kind',
    expect: deadLetter('source-mismatch'),
    generate: (ctx) =>
      json(telemetryTopic(ctx, { ...ctx.samples.trafficCounter, kind: 'camera' }), { ts: iso(ctx.nowMs), id: messageId(ctx, 'source-kind-mismatch'), metrics: { vehicles_per_min: 30 } }),
  },
  {
    id: 'unknown-sector',
    description: 'sector segment no module declares',
    expect: deadLetter('unknown-sector'),
    generate: (ctx) => json(telemetryTopic(ctx, { ...ctx.samples.airStation, sector: 'weather' }), goodReading(ctx, 'unknown-sector')),
  },
  {
    id: 'unknown-kind',
    description: 'kind segment the sector does not declare',
    expect: deadLetter('unknown-kind'),
    generate: (ctx) => json(telemetryTopic(ctx, { ...ctx.samples.airStation, kind: 'radar' }), goodReading(ctx, 'unknown-kind')),
  },
  {
    id: 'topic-too-few-segments',
    description: 'topic without the source id segment',
    expect: deadLetter('topic'),
    generate: (ctx) => json(`${ctx.topicRoot}/environment/air-station/telemetry`, goodReading(ctx, 'topic-too-few-segments')),
  },
  {
    id: 'topic-too-many-segments',
    description: 'topic with an extra trailing segment',
    expect: deadLetter('topic'),
    generate: (ctx) => json(`${telemetryTopic(ctx)}/extra`, goodReading(ctx, 'topic-too-many-segments')),
  },
  {
    id: 'topic-dot-dot',
    description: 'path traversal segment ".." as sector',
    expect: deadLetter('topic'),
    generate: (ctx) => json(`${ctx.topicRoot}/../air-station/${ctx.samples.airStation.id}/telemetry`, goodReading(ctx, 'topic-dot-dot')),
  },
  {
    id: 'topic-uppercase',
    description: 'upper-case segments',
    expect: deadLetter('topic'),
    generate: (ctx) => json(`${ctx.topicRoot}/Environment/AIR-STATION/${ctx.samples.airStation.id.toUpperCase()}/telemetry`, goodReading(ctx, 'topic-uppercase')),
  },
  {
    id: 'topic-sql-source',
    description: 'SQL-looking source id segment',
    expect: deadLetter('topic'),
    generate: (ctx) => json(`${ctx.topicRoot}/environment/air-station/${SQL_INJECTION}/telemetry`, goodReading(ctx, 'topic-sql-source')),
  },
  {
    id: 'topic-unknown-channel',
    description: 'channel other than telemetry, event, status',
    expect: deadLetter('topic'),
    generate: (ctx) => json(sourceTopic(ctx.samples.airStation, 'telemetry', ctx.topicRoot).replace(/telemetry$/, 'metrics'), goodReading(ctx, 'topic-unknown-channel')),
  },
  {
    id: 'timestamp-unparseable',
    description: 'ts is not a date',
    expect: deadLetter('timestamp'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'timestamp-unparseable'), ts: 'yesterday at noon' }),
  },
  {
    id: 'timestamp-not-string',
    description: 'ts is a number, not an ISO-8601 string',
    expect: deadLetter('timestamp'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'timestamp-not-string'), ts: ctx.nowMs }),
  },
  {
    id: 'timestamp-future',
    description: 'ts two days ahead',
    expect: deadLetter('timestamp'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'timestamp-future'), ts: iso(ctx.nowMs + 2 * DAY_MS) }),
  },
  {
    id: 'timestamp-past',
    description: 'ts more than a year old',
    expect: deadLetter('timestamp'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'timestamp-past'), ts: iso(ctx.nowMs - 400 * DAY_MS) }),
  },
  {
    id: 'huge-payload',
    description: 'valid reading padded with a huge string field',
    expect: deadLetter('too-large'),
    generate: (ctx) => json(telemetryTopic(ctx), { ...goodReading(ctx, 'huge-payload'), note: 'x'.repeat(ctx.hugeBytes) }),
  },
  {
    id: 'deep-nesting',
    description: 'metric value nested in thousands of arrays',
    expect: deadLetter('too-deep'),
    generate: (ctx) =>
      text(
        telemetryTopic(ctx),
        `{"ts":"${iso(ctx.nowMs)}","id":"${messageId(ctx, 'deep-nesting')}","metrics":{"pm25":${'['.repeat(ctx.depth)}18.5${']'.repeat(ctx.depth)}}}`,
      ),
  },
  {
    id: 'event-huge-string',
    description: 'camera event with a huge string field',
    expect: deadLetter('too-large'),
    generate: (ctx) =>
      json(eventTopic(ctx, ctx.samples.securityCamera), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-huge-string'), type: 'crowd', description: 'x'.repeat(ctx.eventStringBytes) }),
  },
  {
    id: 'event-sql-type',
    description: 'SQL-looking event type',
    expect: deadLetter('event'),
    generate: (ctx) => json(eventTopic(ctx, ctx.samples.securityCamera), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-sql-type'), type: SQL_INJECTION }),
  },
  {
    id: 'event-unknown-type',
    description: 'event type the kind does not declare',
    expect: deadLetter('event'),
    generate: (ctx) => json(eventTopic(ctx, ctx.samples.securityCamera), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-unknown-type'), type: 'alien-landing' }),
  },
  {
    id: 'event-missing-type',
    description: 'event without a type',
    expect: deadLetter('event'),
    generate: (ctx) => json(eventTopic(ctx, ctx.samples.securityCamera), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-missing-type') }),
  },
  {
    id: 'event-missing-field',
    description: 'speeding event without its required speedKmh',
    expect: deadLetter('event'),
    generate: (ctx) => json(eventTopic(ctx, ctx.samples.trafficCamera), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-missing-field'), type: 'speeding', plate: '93A-123.45' }),
  },
  {
    id: 'event-kind-without-events',
    description: 'event from a kind that declares no events (air station)',
    expect: deadLetter('event'),
    generate: (ctx) => json(eventTopic(ctx, ctx.samples.airStation), { ts: iso(ctx.nowMs), id: messageId(ctx, 'event-kind-without-events'), type: 'crowd' }),
  },
  {
    id: 'status-wrong-type',
    description: 'status with online as a string (not retained)',
    expect: deadLetter('status'),
    generate: (ctx) => json(sourceTopic(ctx.samples.airStation, 'status', ctx.topicRoot), { online: 'yes', ts: iso(ctx.nowMs) }),
  },
  {
    id: 'duplicate-id',
    description: 'the same valid reading twice; the second copy must be ignored, not dead-lettered',
    expect: duplicateIgnored,
    generate: (ctx) => {
      const copy = json(telemetryTopic(ctx), goodReading(ctx, 'duplicate-id'))[0] as BadMessage;
      return [copy, { ...copy }];
    },
  },
];

export const DEFAULT_BAD_SIZES = { hugeBytes: 300_000, eventStringBytes: 100_000, depth: 10_000 } as const;
