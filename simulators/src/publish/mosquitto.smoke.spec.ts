import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_KINDS } from '../bad/bad-kinds.js';
import { publishBadMessages } from '../bad/publish-bad.js';
import { runLoad } from '../load/load-generator.js';
import { buildProvinceModel } from '../model/province-model.js';
import { metricSchemas } from '../model/sector-manifests.js';
import { startLivePublisher } from './live-publisher.js';
import { newRunTag } from './message-ids.js';
import { openConnection, whenConnected } from './mqtt-connection.js';
import { WILL_PAYLOAD } from './payloads.js';

/** The machine's Mosquitto; these tests skip when it is not running. */
const BROKER = 'mqtt://127.0.0.1:1883';
const brokerUp = await new Promise<boolean>((resolve) => {
  const socket = net.connect(1883, '127.0.0.1');
  socket.setTimeout(1000);
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});
const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

interface Received {
  topic: string;
  payload: Buffer;
  retain: boolean;
}

/** Subscribes to everything under a private topic root and records it; clears retained messages at the end. */
async function listen(root: string): Promise<{ messages: Received[]; close: () => Promise<void> }> {
  const client: MqttClient = await mqtt.connectAsync(BROKER, { clientId: `ioc-sim-spec-${newRunTag()}` });
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, payload, retain: packet.retain }));
  await client.subscribeAsync(`${root}/#`, { qos: 1 });
  return {
    messages,
    close: async () => {
      const retainedTopics = new Set(messages.filter((m) => m.topic.endsWith('/status')).map((m) => m.topic));
      await Promise.all([...retainedTopics].map((t) => client.publishAsync(t, '', { qos: 1, retain: true })));
      await client.endAsync();
    },
  };
}

const json = (m: Received) => JSON.parse(m.payload.toString('utf8')) as Record<string, unknown>;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` holds (messages still arriving on a busy machine), at most `timeoutMs`. */
async function until(done: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done() && Date.now() < deadline; ) await settle(50);
}

describe.skipIf(!brokerUp)('publishing to the local Mosquitto', () => {
  const model = buildProvinceModel();
  let root: string;
  let listener: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    root = `simtest/${newRunTag()}`;
    listener = await listen(root);
  });
  afterAll(async () => listener.close());

  it('publishes valid telemetry for every source and retained status online, then offline on stop', async () => {
    // Every source is due once within the first 0.7 s; a shorter interval only adds load for ~500 sources.
    const publisher = startLivePublisher(model, { mqttUrl: BROKER, intervalS: 0.7, devicesWithWill: 3, eventRateScale: 0, topicRoot: `${root}/live` });
    await settle(1500);
    const stats = await publisher.stop();
    const liveMessages = () => listener.messages.filter((m) => m.topic.startsWith(`${root}/live/`));
    // A few thousand messages for the ~500 sources: give a busy machine time to deliver them all.
    await until(() => liveMessages().length >= stats.acked, 20_000);
    const live = liveMessages();
    const telemetry = live.filter((m) => m.topic.endsWith('/telemetry'));
    const reporting = new Set(telemetry.map((m) => m.topic.split('/')[5]));
    expect(reporting.size).toBe(model.sources.length);
    const ids = telemetry.map((m) => json(m).id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of telemetry.slice(0, 500)) {
      const [, , , sector, kind] = m.topic.split('/') as string[];
      const payload = json(m) as { ts: string; metrics: Record<string, number> };
      expect(Math.abs(Date.parse(payload.ts) - Date.now())).toBeLessThan(60_000);
      const schemas = metricSchemas(sector ?? '', kind ?? '');
      for (const [name, value] of Object.entries(payload.metrics)) {
        expect(value).toBeGreaterThanOrEqual(schemas[name]?.min ?? Infinity);
        expect(value).toBeLessThanOrEqual(schemas[name]?.max ?? -Infinity);
      }
    }
    const statuses = live.filter((m) => m.topic.endsWith('/status')).map((m) => json(m).online);
    expect(statuses.filter((s) => s === true)).toHaveLength(model.sources.length);
    expect(statuses.filter((s) => s === false)).toHaveLength(model.sources.length);
    expect(stats.errors).toBe(0);
    expect(stats.acked).toBe(stats.telemetry + stats.events + stats.status);
  }, 45_000);

  it('leaves a retained offline will when a device connection dies abruptly', async () => {
    const topic = `${root}/will/environment/air-station/aq-dong-xoai-1/status`;
    const client = openConnection({ url: BROKER, clientId: `ioc-sim-spec-will-${newRunTag()}`, will: { topic, payload: JSON.stringify(WILL_PAYLOAD) } });
    await whenConnected(client);
    client.options.reconnectPeriod = 0;
    client.stream.destroy();
    await until(() => listener.messages.some((m) => m.topic === topic));
    client.end(true);
    const wills = listener.messages.filter((m) => m.topic === topic);
    expect(wills.map(json)).toEqual([{ online: false }]);
  }, 15_000);

  it('load mode publishes the requested rate with exactly four metrics and every message acknowledged', async () => {
    const summary = await runLoad({ mqttUrl: BROKER, rate: 2000, seconds: 1, model, topicRoot: `${root}/load` });
    expect(summary.errors).toBe(0);
    expect(summary.acked).toBe(summary.published);
    expect(summary.published).toBeGreaterThan(1500);
    const load = () => listener.messages.filter((m) => m.topic.startsWith(`${root}/load/`));
    await until(() => load().length >= summary.published);
    expect(load().length).toBe(summary.published);
    expect(load().every((m) => Object.keys(json(m).metrics as object).length === 4)).toBe(true);
  }, 30_000);

  it('bad mode delivers every malformed message byte for byte', async () => {
    const report = await publishBadMessages({ mqttUrl: BROKER, model, topicRoot: `${root}/bad` });
    expect(report.map((r) => r.kind)).toEqual(BAD_KINDS.map((k) => k.id));
    const expected = report.reduce((n, r) => n + r.messages, 0);
    await until(() => listener.messages.filter((m) => m.topic.startsWith(`${root}/bad/`)).length >= expected);
    const received = listener.messages.filter((m) => m.topic.startsWith(`${root}/bad/`));
    expect(received.length).toBe(expected);
    expect(received.map((m) => m.payload.length).sort((a, b) => a - b)).toEqual(report.flatMap((r) => Array(r.messages).fill(r.bytes / r.messages)).sort((a, b) => a - b));
  }, 30_000);

  describe.skipIf(!fs.existsSync(cliPath))('the built ioc-sim CLI', () => {
    const run = (args: string[], stopAfterMs?: number) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cliPath, '--mqtt', BROKER, ...args]);
        let stdout = '';
        let stderr = '';
        let signalled = false;
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => {
          stderr += d;
          if (stopAfterMs !== undefined && !signalled && stderr.includes('ioc-sim: publishing')) {
            signalled = true; // once: a second signal means "stop now" (exit 130)
            setTimeout(() => child.kill('SIGTERM'), stopAfterMs);
          }
        });
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });

    it('--bad prints the JSON list of what it sent and exits 0', async () => {
      const { code, stdout } = await run(['--bad', '--topic-root', `${root}/cli-bad`]);
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as Array<{ kind: string; topic: string; reason: string }>;
      expect(report).toHaveLength(BAD_KINDS.length);
      expect(report[0]).toMatchObject({ kind: 'not-json', reason: 'json' });
    }, 30_000);

    it('stops gracefully on SIGTERM: exit 0, statistics on stdout, sources marked offline', async () => {
      const { code, stdout, stderr } = await run(['--interval-s', '0.5', '--topic-root', `${root}/cli-live`], 1000);
      expect(code).toBe(0);
      expect(stderr).toContain(`ioc-sim: publishing ${model.sources.length} sources`);
      const stats = JSON.parse(stdout) as { telemetry: number; errors: number; acked: number; status: number };
      expect(stats.telemetry).toBeGreaterThan(0);
      expect(stats.errors, stderr).toBe(0);
      expect(stats.status).toBe(2 * model.sources.length);
    }, 30_000);
  });
});
