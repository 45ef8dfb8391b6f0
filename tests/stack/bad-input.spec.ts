/**
 * Every malformed kind the simulator knows, sent over MQTT while valid traffic keeps flowing:
 * each bad message lands in dead_letter with a fitting reason, the duplicate is ignored, and
 * every valid message is stored.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { buildProvinceModel, generateBadMessages, reasonMatches } from '@ioc/simulators';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`bad input: ${mode.name}`, () => {
    let stack: Awaited<ReturnType<typeof startStack>>;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    const model = buildProvinceModel();

    beforeAll(async () => {
      env = await mode.setup('bad-input');
      if (!env) return;
      stack = await startStack(env.env);
      const res = await fetch(`${stack.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources: model.sources }) });
      expect(res.status).toBe(200);
    });
    afterAll(async () => {
      await stack?.close();
      await env?.teardown();
    });

    it('dead-letters each malformed kind with its reason while valid traffic is stored complete', async (ctx) => {
      if (!env) return ctx.skip();
      const url = env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`;
      const good = await mqtt.connectAsync(url, { clientId: `good-${runId}`, reconnectPeriod: 200 });
      const bad = await mqtt.connectAsync(url, { clientId: `bad-${runId}`, reconnectPeriod: 200 });
      const generated = generateBadMessages({ model, runTag: `t${runId}`.replace(/[^a-z0-9]/gi, '') });
      expect(new Set(generated.map((g) => g.kind.id)).size).toBeGreaterThanOrEqual(12);

      // Valid readings from an air station, interleaved with the bad ones.
      const station = model.sources.find((s) => s.kind === 'air-station')!;
      const t0 = Date.now();
      const valid: Promise<unknown>[] = [];
      let i = 0;
      const publishValid = () =>
        valid.push(good.publishAsync(`ioc/v1/${station.sector}/${station.kind}/${station.id}/telemetry`, JSON.stringify({ ts: new Date(t0 - 60_000 + i).toISOString(), id: `valid-${runId}-${i++}`, metrics: { pm25: 20, pm10: 30, temperature: 30, humidity: 70 } }), { qos: 1 }));
      for (const g of generated) {
        for (const m of g.messages) await bad.publishAsync(m.topic, m.payload, { qos: 1 });
        for (let k = 0; k < 5; k++) publishValid();
      }
      await Promise.all(valid);
      await Promise.all([good.endAsync(), bad.endAsync()]);

      const expectedDead = generated.filter((g) => g.kind.expect.outcome === 'dead-letter');
      await waitFor('dead letters', async () => {
        const [{ n }] = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dead_letter`);
        return n >= expectedDead.length;
      }, 30_000);
      await waitFor('valid rows', async () => {
        const [{ n }] = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading WHERE source_id = $1 AND ts >= $2 AND ts < $3`, [station.id, new Date(t0 - 60_000).toISOString(), new Date(t0 - 59_000).toISOString()]);
        return n === i * 4;
      }, 30_000);

      const letters = await stack.db.query<{ topic: string; payload_sha256: string; reason_code: string; reason: string; payload_size: number }>(`SELECT topic, payload_sha256, reason_code, reason, payload_size FROM dead_letter`);
      const problems: string[] = [];
      for (const g of expectedDead) {
        const m = g.messages[0]!;
        const letter = letters.find((l) => l.payload_sha256 === sha(m.payload) && l.topic === m.topic.replace(/\u0000/g, '\uFFFD').slice(0, 1024));
        if (!letter) problems.push(`${g.kind.id}: no dead letter`);
        else if (!reasonMatches(g.kind.expect, `${letter.reason_code} ${letter.reason}`)) problems.push(`${g.kind.id}: reason "${letter.reason_code}: ${letter.reason}" does not fit ${g.kind.expect.reason}`);
        else if (letter.payload_size !== m.payload.byteLength) problems.push(`${g.kind.id}: size ${letter.payload_size} != ${m.payload.byteLength}`);
      }
      expect(problems).toEqual([]);

      // The duplicate: first copy stored once, second copy neither stored again nor dead-lettered.
      for (const g of generated.filter((x) => x.kind.expect.outcome === 'duplicate-ignored')) {
        for (const m of g.messages) expect(letters.some((l) => l.payload_sha256 === sha(m.payload))).toBe(false);
      }
      expect(stack.ingest!.stats.duplicates).toBeGreaterThanOrEqual(generated.filter((x) => x.kind.expect.outcome === 'duplicate-ignored').length);
      const health = (await (await fetch(`${stack.httpUrl}/api/v1/health`)).json()) as { components: { ingest: { state: string } } };
      expect(health.components.ingest.state).toBe('up');
    });
  });
}
