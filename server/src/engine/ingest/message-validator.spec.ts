import { describe, expect, it } from 'vitest';
import type { SectorManifest } from '@ioc/sdk';
import { ModuleRegistry } from '../registry/module-registry.js';
import type { SourceRegistry } from '../registry/source-registry.js';
import { MessageValidator } from './message-validator.js';

const manifest: SectorManifest = {
  id: 'environment',
  name: { vi: 'Môi trường', en: 'Environment' },
  sourceKinds: {
    'air-station': {
      name: { vi: 'Trạm', en: 'Station' },
      expectedIntervalS: 60,
      metrics: { pm25: { name: { vi: 'PM2.5', en: 'PM2.5' }, unit: 'µg/m³', min: 0, max: 1000 } },
      events: { smoke: { name: { vi: 'Khói', en: 'Smoke' }, fields: { level: 'number' } } },
    },
  },
};

const sources = {
  get: (id: string) => (id === 'aq-1' ? { id, sector: 'environment', kind: 'air-station' } : undefined),
} as unknown as SourceRegistry;

const now = Date.parse('2026-11-22T03:00:00Z');
const v = () => new MessageValidator(new ModuleRegistry([manifest]), sources, { maxPayloadBytes: 1024, maxFutureS: 600, maxAgeS: 86400 });
const T = 'ioc/v1/environment/air-station/aq-1/telemetry';
const E = 'ioc/v1/environment/air-station/aq-1/event';
const enc = (s: string) => new TextEncoder().encode(s);
const codeOf = (topic: string, payload: string | Uint8Array, validator = v()) => {
  const c = validator.classify(topic, typeof payload === 'string' ? enc(payload) : payload, now);
  return c.kind === 'dead' ? c.code : c.kind;
};

describe('MessageValidator', () => {
  it('accepts well-formed telemetry, defaulting ts to the receive time', () => {
    const c = v().classify(T, enc('{"metrics":{"pm25":12.5}}'), now);
    expect(c).toEqual({ kind: 'telemetry', sector: 'environment', sourceId: 'aq-1', ts: '2026-11-22T03:00:00.000Z', metrics: [['pm25', 12.5]] });
  });

  it.each([
    ['a malformed topic', 'ioc/v1/environment/aq-1/telemetry', '{}', 'topic-invalid'],
    ['an injected topic segment', "ioc/v1/environment/air-station/x';drop table reading;--/telemetry", '{}', 'topic-invalid'],
    ['an unknown channel', 'ioc/v1/environment/air-station/aq-1/command', '{}', 'topic-invalid'],
    ['an unknown sector/kind', 'ioc/v1/space/rocket/aq-1/telemetry', '{}', 'unknown-sector-kind'],
    ['an unknown source', 'ioc/v1/environment/air-station/aq-9/telemetry', '{"metrics":{"pm25":1}}', 'unknown-source'],
    ['not JSON', T, 'hello', 'json-invalid'],
    ['NaN tokens', T, '{"metrics":{"pm25":NaN}}', 'json-invalid'],
    ['a JSON array', T, '[1,2]', 'payload-not-object'],
    ['missing metrics', T, '{"ts":"2026-11-22T03:00:00Z"}', 'metrics-invalid'],
    ['empty metrics', T, '{"metrics":{}}', 'metrics-invalid'],
    ['a metric outside the schema', T, '{"metrics":{"co2":1}}', 'metric-unknown'],
    ['a string value', T, '{"metrics":{"pm25":"12"}}', 'value-invalid'],
    ['an overflowing number', T, '{"metrics":{"pm25":1e400}}', 'value-invalid'],
    ['a value out of range', T, '{"metrics":{"pm25":-3}}', 'value-out-of-range'],
    ['an unparseable ts', T, '{"ts":"yesterday","metrics":{"pm25":1}}', 'ts-invalid'],
    ['a ts far in the future', T, '{"ts":"2027-01-01T00:00:00Z","metrics":{"pm25":1}}', 'ts-future'],
    ['a ts far in the past', T, '{"ts":"2020-01-01T00:00:00Z","metrics":{"pm25":1}}', 'ts-past'],
    ['a bad id', T, '{"id":"a b","metrics":{"pm25":1}}', 'id-invalid'],
    ['an undeclared event type', E, '{"ts":"2026-11-22T03:00:00Z","id":"e1","type":"alien"}', 'event-invalid'],
    ['an event field of the wrong type', E, '{"ts":"2026-11-22T03:00:00Z","id":"e1","type":"smoke","level":"high"}', 'event-invalid'],
    ['an event nested too deep', E, `{"ts":"2026-11-22T03:00:00Z","id":"e1","type":"smoke","level":1,"x":${'['.repeat(20)}${']'.repeat(20)}}`, 'event-invalid'],
    ['a NUL in an event string', E, '{"ts":"2026-11-22T03:00:00Z","id":"e1","type":"smoke","level":1,"note":"a\\u0000b"}', 'event-invalid'],
    ['a status without online', 'ioc/v1/environment/air-station/aq-1/status', '{"up":1}', 'status-invalid'],
  ])('dead-letters %s', (_what, topic, payload, code) => {
    expect(codeOf(topic, payload)).toBe(code);
  });

  it('dead-letters binary garbage and oversized payloads without parsing them', () => {
    expect(codeOf(T, new Uint8Array([0xff, 0xfe, 0x00, 0x81]))).toBe('payload-not-utf8');
    expect(codeOf(T, enc(`{"metrics":{"pm25":1},"pad":"${'x'.repeat(2000)}"}`))).toBe('payload-too-large');
  });

  it('survives nesting deep enough to break naive recursion', () => {
    const deep = `{"metrics":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(['metrics-invalid', 'json-invalid', 'payload-too-large']).toContain(codeOf(T, deep, new MessageValidator(new ModuleRegistry([manifest]), sources, { maxPayloadBytes: 1 << 20, maxFutureS: 600, maxAgeS: 86400 })));
  });

  it('treats a repeated message id from the same source as a duplicate', () => {
    const validator = v();
    expect(codeOf(T, '{"id":"m-1","metrics":{"pm25":1}}', validator)).toBe('telemetry');
    expect(codeOf(T, '{"id":"m-1","metrics":{"pm25":2}}', validator)).toBe('duplicate');
    expect(codeOf(T, '{"id":"m-2","metrics":{"pm25":2}}', validator)).toBe('telemetry');
  });

  it('accepts a declared event and keeps its payload text', () => {
    const c = v().classify(E, enc('{"ts":"2026-11-22T02:59:00+07:00","id":"e1","type":"smoke","level":3}'), now);
    expect(c).toMatchObject({ kind: 'event', type: 'smoke', eventId: 'e1', ts: '2026-11-21T19:59:00.000Z' });
  });
});
