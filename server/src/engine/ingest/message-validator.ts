import { localized, parseMqttTopic, type PositionMetrics } from '@ioc/sdk';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { SourceRegistry } from '../registry/source-registry.js';
import type { Classified, DeadLetterCode } from './ingest.types.js';
import { RecentIds } from './recent-ids.js';

export interface ValidatorLimits {
  maxPayloadBytes: number;
  maxFutureS: number;
  maxAgeS: number;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MESSAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const MAX_EVENT_DEPTH = 8;
const MAX_EVENT_STRING = 4096;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const dead = (code: DeadLetterCode, reason: string): Classified => ({ kind: 'dead', code, reason });
const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n)}…` : s);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Depth and string-length check, so nothing reaches jsonb that PostgreSQL would refuse mid-batch. */
function eventValueProblem(v: unknown, depth: number): string | null {
  if (depth > MAX_EVENT_DEPTH) return `nesting deeper than ${MAX_EVENT_DEPTH} levels`;
  if (typeof v === 'string') {
    if (v.length > MAX_EVENT_STRING) return `a string longer than ${MAX_EVENT_STRING} characters`;
    if (v.includes('\u0000')) return 'a NUL character';
    return null;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? null : 'a non-finite number';
  if (Array.isArray(v)) {
    for (const x of v) {
      const p = eventValueProblem(x, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.length > 128 || k.includes('\u0000')) return 'an over-long or NUL-bearing key';
      const p = eventValueProblem(x, depth + 1);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Turns a raw MQTT message into rows or a dead letter with a reason. Pure apart from the
 * recent-id memory, and never throws: whatever arrives, the consumer keeps going.
 */
export class MessageValidator {
  private readonly recentIds = new RecentIds(1_000_000, 15 * 60_000);

  constructor(
    private readonly modules: ModuleRegistry,
    private readonly sources: SourceRegistry,
    private readonly limits: ValidatorLimits,
  ) {}

  classify(topic: string, payload: Uint8Array, receivedAt: number): Classified {
    try {
      return this.classifyUnsafe(topic, payload, receivedAt);
    } catch (err) {
      return dead('json-invalid', `unreadable message: ${clip((err as Error).message ?? String(err), 200)}`);
    }
  }

  private classifyUnsafe(topic: string, payload: Uint8Array, receivedAt: number): Classified {
    const parsedTopic = parseMqttTopic(topic);
    if (!parsedTopic.ok) return dead('topic-invalid', parsedTopic.reason);
    const { sector, kind, sourceId, channel } = parsedTopic.value;

    const schema = this.modules.sourceKind(sector, kind);
    if (!schema) return dead('unknown-sector-kind', `no module declares source kind "${kind}" in sector "${sector}"`);
    const source = this.sources.get(sourceId);
    if (!source) return dead('unknown-source', `source "${sourceId}" is not registered`);
    if (source.sector !== sector || source.kind !== kind) {
      return dead('source-mismatch', `source "${sourceId}" is registered as ${source.sector}/${source.kind}, not ${sector}/${kind}`);
    }

    if (payload.byteLength > this.limits.maxPayloadBytes) {
      return dead('payload-too-large', `payload of ${payload.byteLength} bytes exceeds ${this.limits.maxPayloadBytes}`);
    }
    let text: string;
    try {
      text = utf8.decode(payload);
    } catch {
      return dead('payload-not-utf8', 'payload is not valid UTF-8 text');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      return dead('json-invalid', `payload is not JSON: ${clip((err as Error).message, 120)}`);
    }
    if (!isPlainObject(body)) return dead('payload-not-object', `payload must be a JSON object, got ${Array.isArray(body) ? 'an array' : typeof body}`);

    if (channel === 'status') {
      if (typeof body.online !== 'boolean') return dead('status-invalid', 'status payload needs "online": true|false');
      const ts = this.timestamp(body.ts, receivedAt, false);
      if (typeof ts !== 'string') return ts;
      return { kind: 'status', sector, sourceId, ts, online: body.online };
    }

    if (body.id !== undefined && (typeof body.id !== 'string' || !MESSAGE_ID.test(body.id))) {
      return dead('id-invalid', 'id must be a string of 1–128 letters, digits, "_", ".", ":" or "-"');
    }
    const ts = this.timestamp(body.ts, receivedAt, channel === 'event');
    if (typeof ts !== 'string') return ts;
    const messageId = body.id as string | undefined;

    if (channel === 'telemetry') {
      const metrics = body.metrics;
      if (!isPlainObject(metrics)) return dead('metrics-invalid', '"metrics" must be an object of metric → number');
      const entries = Object.entries(metrics);
      if (entries.length === 0) return dead('metrics-invalid', '"metrics" is empty');
      const out: Array<[string, number]> = [];
      for (const [name, value] of entries) {
        const spec = schema.metrics[name];
        if (!spec) return dead('metric-unknown', `metric "${clip(name)}" is not in the schema of ${sector}/${kind}`);
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          return dead('value-invalid', `metric "${name}" must be a finite number, got ${typeof value === 'number' ? String(value) : typeof value}`);
        }
        if (value < spec.min || value > spec.max) {
          return dead('value-out-of-range', `metric "${name}" = ${value} is outside ${spec.min}…${spec.max} ${localized(spec.unit, 'en')}`.trim());
        }
        out.push([name, value]);
      }
      if (messageId && !this.recentIds.add(`${sourceId}|${messageId}`, receivedAt)) return { kind: 'duplicate', sourceId, messageId };
      if (schema.position) return positionTelemetry(sector, sourceId, ts, out, schema.position);
      return { kind: 'telemetry', sector, sourceId, ts, metrics: out };
    }

    // channel === 'event'
    if (!messageId) return dead('event-invalid', 'event needs an "id"');
    if (typeof body.type !== 'string' || !body.type) return dead('event-invalid', 'event needs a "type"');
    const eventSpec = schema.events?.[body.type];
    if (!eventSpec) return dead('event-invalid', `event type "${clip(body.type)}" is not declared for ${sector}/${kind}`);
    for (const [field, type] of Object.entries(eventSpec.fields ?? {})) {
      const v = body[field];
      const actual = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
      if (actual !== type) return dead('event-invalid', `event field "${field}" must be ${type}, got ${actual}`);
    }
    const problem = eventValueProblem(body, 0);
    if (problem) return dead('event-invalid', `event payload has ${problem}`);
    if (!this.recentIds.add(`${sourceId}|${messageId}`, receivedAt)) return { kind: 'duplicate', sourceId, messageId };
    return { kind: 'event', sector, sourceId, ts, eventId: messageId, type: body.type, payloadJson: text };
  }

  private timestamp(raw: unknown, receivedAt: number, required: boolean): string | Classified {
    if (raw === undefined && !required) return new Date(receivedAt).toISOString();
    if (typeof raw !== 'string' || !ISO_8601.test(raw)) return dead('ts-invalid', `"ts" must be an ISO-8601 time with zone, got ${clip(JSON.stringify(raw) ?? 'nothing')}`);
    const t = Date.parse(raw);
    if (Number.isNaN(t)) return dead('ts-invalid', `"ts" ${clip(raw)} is not a real date`);
    if (t > receivedAt + this.limits.maxFutureS * 1000) return dead('ts-future', `"ts" ${raw} is more than ${this.limits.maxFutureS} s ahead of the server clock`);
    if (t < receivedAt - this.limits.maxAgeS * 1000) return dead('ts-past', `"ts" ${raw} is older than ${this.limits.maxAgeS} s`);
    return new Date(t).toISOString();
  }
}

/**
 * Telemetry of a moving source: the position metrics become its position (stored in
 * `unit_position`), the others stay readings. A message with only one of lon/lat is refused: half
 * a position would put the unit somewhere it is not.
 */
function positionTelemetry(sector: string, sourceId: string, ts: string, metrics: Array<[string, number]>, names: PositionMetrics): Classified {
  const byName = new Map(metrics);
  const lon = byName.get(names.lon);
  const lat = byName.get(names.lat);
  if ((lon === undefined) !== (lat === undefined)) return dead('metrics-invalid', `a position needs both "${names.lon}" and "${names.lat}"`);
  if (lon === undefined || lat === undefined) return { kind: 'telemetry', sector, sourceId, ts, metrics };
  const own = new Set(Object.values(names));
  const rest = metrics.filter(([m]) => !own.has(m));
  const speed = names.speedKmh !== undefined ? byName.get(names.speedKmh) : undefined;
  const heading = names.headingDeg !== undefined ? byName.get(names.headingDeg) : undefined;
  return { kind: 'telemetry', sector, sourceId, ts, metrics: rest, position: { lon, lat, speedKmh: speed ?? null, headingDeg: heading ?? null } };
}
