import { describe, expect, it } from 'vitest';
import { parseMqttTopic, type SourceDefinition } from '@ioc/sdk';
import { buildProvinceModel } from '../model/province-model.js';
import { SECTOR_MANIFESTS } from '../model/sector-manifests.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import { eventPayload, telemetryPayload } from '../publish/payloads.js';
import { sourceTopic } from '../publish/topics.js';
import { seededRandom } from '../random/seeded-random.js';
import { telemetryMetrics } from '../telemetry/telemetry-generator.js';
import { reasonMatches, type BadReason } from './bad-expectation.js';
import { BAD_KINDS, type BadMessage } from './bad-kinds.js';
import { generateBadMessages } from './publish-bad.js';

const model = buildProvinceModel();
const registered = new Map(model.sources.map((s) => [s.id, s]));
const NOW = Date.UTC(2026, 10, 23, 3, 0);
const MAX_PAYLOAD_BYTES = 262_144;
const MAX_STRING_BYTES = 65_536;
const MAX_DEPTH = 64;

function depthOf(value: unknown): number {
  // Iterative, so the oracle itself survives the 10,000-level message.
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d);
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/**
 * Reference validator: an independent, strict reading of the wire contract, used as the oracle
 * for what is wrong with each bad message. Returns the first rule a message breaks, or 'ok'.
 */
function classify(message: BadMessage, seenIds: Set<string>): BadReason | 'ok' {
  const topic = parseMqttTopic(message.topic);
  if (!topic.ok) return 'topic';
  const { sector, kind, sourceId, channel } = topic.value;
  const manifest = SECTOR_MANIFESTS.find((m) => m.id === sector);
  if (!manifest) return 'unknown-sector';
  const kindSchema = manifest.sourceKinds[kind];
  if (!kindSchema) return 'unknown-kind';
  const source = registered.get(sourceId);
  if (!source) return 'unknown-source';
  if (source.sector !== sector || source.kind !== kind) return 'source-mismatch';
  if (message.payload.length > MAX_PAYLOAD_BYTES) return 'too-large';
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(message.payload));
  } catch {
    return 'json';
  }
  if (depthOf(body) > MAX_DEPTH) return 'too-deep';
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'not-object';
  const payload = body as Record<string, unknown>;
  if (channel === 'status') return typeof payload.online === 'boolean' ? 'ok' : 'status';
  if (payload.ts !== undefined) {
    if (typeof payload.ts !== 'string' || Number.isNaN(Date.parse(payload.ts))) return 'timestamp';
    const ts = Date.parse(payload.ts);
    if (ts > NOW + 600_000 || ts < NOW - 30 * 86_400_000) return 'timestamp';
  }
  if (typeof payload.id === 'string') {
    if (seenIds.has(payload.id)) return 'duplicate';
    seenIds.add(payload.id);
  }
  if (channel === 'event') {
    const eventSchema = typeof payload.type === 'string' ? kindSchema.events?.[payload.type] : undefined;
    if (!eventSchema) return 'event';
    for (const [field, type] of Object.entries(eventSchema.fields ?? {})) if (typeof payload[field] !== type) return 'event';
    if (Object.values(payload).some((v) => typeof v === 'string' && v.length > MAX_STRING_BYTES)) return 'too-large';
    return 'ok';
  }
  const metrics = payload.metrics;
  if (metrics === null || typeof metrics !== 'object' || Array.isArray(metrics) || Object.keys(metrics).length === 0) return 'metrics';
  for (const [name, value] of Object.entries(metrics)) {
    const schema = kindSchema.metrics[name];
    if (!schema) return 'unknown-metric';
    if (typeof value !== 'number') return 'type';
    if (!Number.isFinite(value) || value < schema.min || value > schema.max) return 'range';
  }
  return 'ok';
}

const generated = generateBadMessages({ model, nowMs: NOW, runTag: 'spec' });

describe('BAD_KINDS', () => {
  it('have unique ids and cover the malformations the ingest must survive', () => {
    const ids = BAD_KINDS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    const reasons = new Set(BAD_KINDS.map((k) => k.expect.reason));
    for (const reason of ['json', 'not-object', 'type', 'range', 'metrics', 'unknown-metric', 'unknown-source', 'unknown-sector', 'unknown-kind', 'topic', 'timestamp', 'too-large', 'too-deep', 'event', 'duplicate']) {
      expect(reasons).toContain(reason);
    }
  });

  it.each(BAD_KINDS.map((k) => [k.id, k] as const))('%s is malformed in exactly the stated way', (_, kind) => {
    const entry = generated.find((g) => g.kind.id === kind.id);
    const seen = new Set<string>();
    const verdicts = (entry?.messages ?? []).map((m) => classify(m, seen));
    if (kind.expect.outcome === 'duplicate-ignored') expect(verdicts).toEqual(['ok', 'duplicate']);
    else expect(verdicts).toEqual([kind.expect.reason]);
  });

  it('the oracle accepts what the live publisher sends', () => {
    const random = seededRandom(1);
    const seen = new Set<string>();
    for (const definition of model.sources) {
      const source = { definition, profile: model.profiles[definition.id] } as ModelledSource;
      const telemetry = JSON.stringify(telemetryPayload(`${definition.id}:spec:1`, NOW, telemetryMetrics(source, NOW, random)));
      expect(classify({ topic: sourceTopic(definition, 'telemetry'), payload: Buffer.from(telemetry) }, seen), definition.id).toBe('ok');
    }
    const camera = model.sources.find((s) => s.sector === 'traffic' && s.kind === 'camera') as SourceDefinition;
    const speeding = JSON.stringify(eventPayload('cam:spec:2', NOW, 'speeding', { speedKmh: 95 }));
    expect(classify({ topic: sourceTopic(camera, 'event'), payload: Buffer.from(speeding) }, seen)).toBe('ok');
  });

  it('size the huge payload over the server limit and keep it configurable', () => {
    const huge = generated.find((g) => g.kind.id === 'huge-payload')?.messages[0];
    expect(huge?.payload.length).toBeGreaterThan(MAX_PAYLOAD_BYTES);
    const small = generateBadMessages({ model, nowMs: NOW, kinds: ['huge-payload'], hugeBytes: 1000 })[0]?.messages[0];
    expect(small?.payload.length).toBeLessThan(1200);
  });

  it('never repeat a message id between copies or runs (only the duplicate kind repeats, on purpose)', () => {
    const ids = generateBadMessages({ model, nowMs: NOW, count: 3 })
      .filter((g) => g.kind.id !== 'duplicate-id')
      .flatMap((g) => g.messages.map((m) => m.payload.toString('utf8').match(/"id":"([^"]+)"/)?.[1]))
      .filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('match a server reason loosely by keyword', () => {
    const kind = BAD_KINDS.find((k) => k.id === 'out-of-range-high');
    expect(reasonMatches(kind?.expect ?? { outcome: 'dead-letter', reason: 'range', keywords: [] }, 'metric pm25 value 1500 is out of range [0, 1000]')).toBe(true);
    expect(reasonMatches(kind?.expect ?? { outcome: 'dead-letter', reason: 'range', keywords: [] }, 'unknown source')).toBe(false);
  });
});
