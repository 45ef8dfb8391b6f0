/**
 * The spine through its real parts: an MQTT client publishes, ingest commits to TimescaleDB,
 * the PUBACK arrives only after the commit, and a socket.io client sees the delta. Run once on
 * embedded defaults and once on the production path (Mosquitto, Redis, TimescaleDB over the wire).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { Delta, LatestDelta, ResumeAck, SourceDefinition, SourceStatusDelta, SubscribeAck, TopicSnapshot } from '@ioc/sdk';
import { EMBEDDED, PRODUCTION, runId, type StackMode } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Mode = StackMode;
const modes = [EMBEDDED, PRODUCTION];

for (const mode of modes) {
  describe(`spine: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<Mode['setup']>>;
    let publisher: MqttClient;
    let socket: Socket;
    let district: string;
    const sensor = `test-aq-${runId}`.slice(0, 60);
    const sources: SourceDefinition[] = [];

    beforeAll(async () => {
      env = await mode.setup('spine');
      if (!env) return;
      stack = await startStack(env.env);
      const regions = (await (await fetch(`${stack.httpUrl}/api/v1/regions?level=district`)).json()) as { features: Array<{ properties: { id: string; center: [number, number] } }> };
      const d = regions.features[0]!.properties;
      district = d.id;
      sources.push({ id: sensor, sector: 'environment', kind: 'air-station', name: 'Trạm thử nghiệm', regionId: district, lon: d.center[0], lat: d.center[1] });
      const put = await fetch(`${stack.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources }) });
      expect(put.status).toBe(200);
      publisher = await mqtt.connectAsync(env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, { clientId: `pub-${runId}-${mode.name.length}`, reconnectPeriod: 200 });
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
    });

    afterAll(async () => {
      socket?.close();
      await publisher?.endAsync();
      await stack?.close();
      await env?.teardown();
    });

    it('stores a QoS 1 reading before acknowledging it, and pushes it to a subscribed socket', async (ctx) => {
      if (!env) return ctx.skip();
      const ack = (await socket.emitWithAck('subscribe', { topics: ['latest:environment', 'sources:all', 'latest:nowhere'] })) as SubscribeAck;
      expect(ack.map((a) => a.topic)).toEqual(['latest:environment', 'sources:all', 'latest:nowhere']);
      expect(ack[2]).toMatchObject({ error: 'unknown topic' });
      const latestSeq = (ack[0] as TopicSnapshot).seq;

      const deltas: Delta<LatestDelta>[] = [];
      socket.on('delta', (d: Delta) => d.topic === 'latest:environment' && deltas.push(d as Delta<LatestDelta>));

      const ts = new Date().toISOString();
      await publisher.publishAsync(`ioc/v1/environment/air-station/${sensor}/telemetry`, JSON.stringify({ ts, id: 'm1', metrics: { pm25: 42.5, temperature: 31.2 } }), { qos: 1 });
      const readBack = () => stack.db.query<{ metric: string; value: number }>('SELECT metric, value FROM reading WHERE source_id = $1 ORDER BY metric', [sensor]);
      // Embedded broker: the publisher's PUBACK waits for our commit, so the rows are already there.
      // External broker: the broker acknowledges the publisher itself; our PUBACK to it follows the commit.
      const rows = env.mqttUrl ? await waitFor('rows', async () => ((await readBack()).length === 2 ? readBack() : undefined)) : await readBack();
      expect(rows).toEqual([
        { metric: 'pm25', value: 42.5 },
        { metric: 'temperature', value: 31.2 },
      ]);

      const delta = await waitFor('latest delta', () => deltas.find((d) => d.data.readings.some((r) => r.sourceId === sensor && r.metric === 'pm25')));
      expect(delta.seq).toBeGreaterThan(latestSeq);
      expect(delta.data.readings.find((r) => r.sourceId === sensor && r.metric === 'pm25')).toMatchObject({ value: 42.5, ts });
    });

    it('ignores a redelivered message (same id) and keeps one row per source, metric and time', async (ctx) => {
      if (!env) return ctx.skip();
      const ts = new Date(Date.now() - 1000).toISOString();
      const msg = JSON.stringify({ ts, id: 'dup-1', metrics: { pm25: 10 } });
      const topic = `ioc/v1/environment/air-station/${sensor}/telemetry`;
      await publisher.publishAsync(topic, msg, { qos: 1 });
      await publisher.publishAsync(topic, msg, { qos: 1 });
      await publisher.publishAsync(topic, JSON.stringify({ ts: new Date(Date.now() - 500).toISOString(), id: 'dup-1', metrics: { pm25: 11 } }), { qos: 1 });
      // A later message proves the three before it were processed (per-source order is kept).
      await publisher.publishAsync(topic, JSON.stringify({ ts: new Date().toISOString(), id: 'dup-2', metrics: { pm25: 12 } }), { qos: 1 });
      await waitFor('marker row', async () => (await stack.db.query(`SELECT 1 FROM reading WHERE source_id = $1 AND metric = 'pm25' AND value = 12`, [sensor])).length === 1);
      const rows = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading WHERE source_id = $1 AND metric = 'pm25' AND value IN (10, 11)`, [sensor]);
      expect(rows[0]!.n).toBe(1);
    });

    it('marks a device offline from its Last Will and online from its retained status', async (ctx) => {
      if (!env) return ctx.skip();
      const statusTopic = `ioc/v1/environment/air-station/${sensor}/status`;
      const updates: SourceStatusDelta['sources'] = [];
      socket.on('delta', (d: Delta) => d.topic === 'sources:all' && updates.push(...(d.data as SourceStatusDelta).sources.filter((s) => s.sourceId === sensor)));
      const device = await mqtt.connectAsync(env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, {
        clientId: `dev-${sensor}`.slice(0, 64),
        keepalive: 1,
        reconnectPeriod: 0,
        will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ online: false })), qos: 1, retain: true },
      });
      await device.publishAsync(statusTopic, JSON.stringify({ online: true, ts: new Date().toISOString() }), { qos: 1, retain: true });
      await waitFor('source online', () => stack.sources.get(sensor)?.online === true);
      // Lose the connection without DISCONNECT: the broker publishes the will.
      (device as unknown as { stream: { destroy: () => void } }).stream.destroy();
      await waitFor('offline delta', () => updates.find((u) => u.state === 'offline'), 20_000);
      const row = await stack.db.query<{ online: boolean }>('SELECT online FROM source WHERE id = $1', [sensor]);
      expect(row[0]!.online).toBe(false);
      device.end(true);
      // Clear the retained will so the next run starts clean.
      await publisher.publishAsync(statusTopic, '', { qos: 1, retain: true });
    });

    it('resumes after a reconnect with the deltas missed, or a snapshot when they are gone', async (ctx) => {
      if (!env) return ctx.skip();
      const client = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => client.once('connect', () => r()));
      const [snap] = (await client.emitWithAck('subscribe', { topics: ['latest:environment'] })) as TopicSnapshot[];
      client.disconnect();
      const topic = `ioc/v1/environment/air-station/${sensor}/telemetry`;
      for (let i = 0; i < 3; i++) {
        await publisher.publishAsync(topic, JSON.stringify({ ts: new Date(Date.now() + i).toISOString(), id: `r-${i}`, metrics: { pm25: 20 + i } }), { qos: 1 });
        await new Promise((r) => setTimeout(r, 150));
      }
      await waitFor('hub seq to advance', () => stack.hub!.seq('latest:environment') > snap!.seq);
      client.connect();
      await new Promise<void>((r) => client.once('connect', () => r()));
      const resumed = (await client.emitWithAck('resume', { topic: 'latest:environment', seq: snap!.seq })) as ResumeAck<LatestDelta>;
      expect('deltas' in resumed).toBe(true);
      if (!('deltas' in resumed)) return;
      expect(resumed.deltas[0]!.seq).toBe(snap!.seq + 1);
      expect(resumed.deltas.flatMap((d) => d.data.readings).some((r) => r.sourceId === sensor && r.value === 22)).toBe(true);
      const tooOld = (await client.emitWithAck('resume', { topic: 'latest:environment', seq: -5 })) as ResumeAck;
      expect('snapshot' in tooOld).toBe(true);
      client.close();
    });

    it('answers health with each component', async (ctx) => {
      if (!env) return ctx.skip();
      const res = await fetch(`${stack.httpUrl}/api/v1/health`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; components: Record<string, { state: string }> };
      expect(Object.keys(body.components)).toEqual(expect.arrayContaining(['database', 'bus', 'mqtt', 'ingest', 'realtime']));
      expect(body.components.database!.state).toBe('up');
    });
  });
}
