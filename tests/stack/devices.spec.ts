/**
 * Device credentials and the MQTT topic ACL through the real MQTT path: the embedded broker with
 * MQTT_DEVICE_AUTH=required, `mqtt` clients signing in with issued credentials; and the
 * generated Mosquitto files driving the machine's real mosquitto binary.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { SourceDefinition } from '@ioc/sdk';
import { startStack, tempDir, waitFor } from '../support/stack.js';
import { REQUIRE_SERVICES } from '../support/services.js';
import { writeMosquittoConfig } from '@ioc/server/cli/mosquitto-config';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Issued = { id: string; username: string; secret: string };

const runId = Date.now().toString(36);
const srcA = `dev-a-${runId}`;
const srcB = `dev-b-${runId}`;

async function connectError(url: string, opts: mqtt.IClientOptions): Promise<Error | undefined> {
  const client = mqtt.connect(url, { ...opts, reconnectPeriod: 0, connectTimeout: 5000 });
  return new Promise((resolve) => {
    client.once('connect', () => {
      client.end(true);
      resolve(undefined);
    });
    client.once('error', (err) => {
      client.end(true);
      resolve(err);
    });
  });
}

/** Publishes QoS 1 and reports whether the broker acknowledged it or closed the connection. */
async function publishOutcome(client: MqttClient, topic: string, payload: string): Promise<'acked' | 'closed'> {
  return new Promise((resolve) => {
    const onClose = () => resolve('closed');
    client.once('close', onClose);
    client.publish(topic, payload, { qos: 1 }, (err) => {
      client.off('close', onClose);
      resolve(err ? 'closed' : 'acked');
    });
  });
}

describe('devices: credentials and topic ACL at the embedded broker', () => {
  let stack: Stack;
  let url: string;
  let gw: Issued;
  let other: Issued;
  const clients: MqttClient[] = [];
  const sources: SourceDefinition[] = [];

  const api = (p: string, init?: RequestInit) => fetch(`${stack.httpUrl}${p}`, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
  const issue = async (body: unknown) => {
    const r = await api('/api/v1/devices/credentials', { method: 'POST', body: JSON.stringify(body) });
    expect(r.status).toBe(201);
    return (await r.json()) as Issued;
  };

  beforeAll(async () => {
    stack = await startStack({ MQTT_DEVICE_AUTH: 'required' });
    url = `mqtt://127.0.0.1:${stack.mqttPort}`;
    const regions = (await (await api('/api/v1/regions?level=district')).json()) as { features: Array<{ properties: { id: string; center: [number, number] } }> };
    const d = regions.features[0]!.properties;
    for (const id of [srcA, srcB]) sources.push({ id, sector: 'environment', kind: 'air-station', name: id, regionId: d.id, lon: d.center[0], lat: d.center[1] });
    expect((await api('/api/v1/sources', { method: 'PUT', body: JSON.stringify({ sources }) })).status).toBe(200);
    gw = await issue({ username: `gw-${runId}`, sources: [srcA], note: 'test gateway' });
    other = await issue({ username: `other-${runId}`, sources: [srcB] });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await stack?.close();
  });

  it('answers problem+json naming the field for a bad request, and never lists secrets', async () => {
    const bad = await api('/api/v1/devices/credentials', { method: 'POST', body: JSON.stringify({ username: 'Bad Name', sources: ['ok', 'NOT OK'] }) });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = ((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'sources[1]']));
    const dup = await api('/api/v1/devices/credentials', { method: 'POST', body: JSON.stringify({ username: gw.username, sources: [srcA] }) });
    expect(dup.status).toBe(422);
    const list = await (await api('/api/v1/devices/credentials')).text();
    expect(list).toContain(gw.username);
    expect(list).not.toContain(gw.secret);
    expect(list).not.toMatch(/argon2|\$7\$/);
  });

  it('refuses a wrong password and an unknown user at CONNECT', async () => {
    expect((await connectError(url, { clientId: `wrong-${runId}`, username: gw.username, password: 'not-the-secret' }))?.message).toMatch(/Bad username or password|not authorized/i);
    expect(await connectError(url, { clientId: `anon-${runId}` })).toBeDefined();
    expect(await connectError(url, { clientId: `ok-${runId}`, username: gw.username, password: gw.secret })).toBeUndefined();
  });

  it('stores what a device publishes on its own topic', async () => {
    const client = await mqtt.connectAsync(url, { clientId: `gw-${runId}`, username: gw.username, password: gw.secret, reconnectPeriod: 0 });
    clients.push(client);
    const ts = new Date().toISOString();
    expect(await publishOutcome(client, `ioc/v1/environment/air-station/${srcA}/telemetry`, JSON.stringify({ ts, id: 'own-1', metrics: { pm25: 12.5 } }))).toBe('acked');
    const rows = await stack.db.query<{ value: number }>(`SELECT value FROM reading WHERE source_id = $1 AND metric = 'pm25'`, [srcA]);
    expect(rows.map((r) => r.value)).toEqual([12.5]);
  });

  it("refuses a device publishing another device's topic, and dead-letters the message with the reason", async () => {
    const client = await mqtt.connectAsync(url, { clientId: `gw2-${runId}`, username: gw.username, password: gw.secret, reconnectPeriod: 0 });
    clients.push(client);
    const topic = `ioc/v1/environment/air-station/${srcB}/telemetry`;
    const payload = JSON.stringify({ ts: new Date().toISOString(), id: 'stolen-1', metrics: { pm25: 999 } });
    expect(await publishOutcome(client, topic, payload)).toBe('closed'); // MQTT 3.1.1: the broker disconnects
    const list = await waitFor('the dead letter', async () => {
      const body = (await (await api('/api/v1/dead-letters?reason=device-not-authorized')).json()) as { items: Array<{ topic: string; reason: string; preview: string }> };
      return body.items.find((i) => i.topic === topic);
    });
    expect(list.reason).toBe(`device ${gw.username} may not publish to ${topic}: source ${srcB} is not one of its sources`);
    expect(list.preview).toContain('stolen-1');
    expect(await stack.db.query(`SELECT 1 FROM reading WHERE source_id = $1`, [srcB])).toHaveLength(0);
    // A registered source published under the wrong sector/kind is refused too.
    const c2 = await mqtt.connectAsync(url, { clientId: `gw3-${runId}`, username: gw.username, password: gw.secret, reconnectPeriod: 0 });
    clients.push(c2);
    expect(await publishOutcome(c2, `ioc/v1/traffic/counter/${srcA}/telemetry`, payload)).toBe('closed');
  });

  it('lets a device subscribe only to its own downlink', async () => {
    const client = await mqtt.connectAsync(url, { clientId: `sub-${runId}`, username: other.username, password: other.secret, reconnectPeriod: 0 });
    clients.push(client);
    const granted = (filter: string) => new Promise<number>((resolve) => client.subscribe(filter, { qos: 1 }, (err, g) => resolve(err ? 128 : (g?.[0]?.qos ?? 128))));
    expect(await granted(`ioc/v1/+/+/${srcB}/cmd/#`)).toBe(1);
    expect(await granted(`ioc/v1/environment/air-station/${srcB}/cmd`)).toBe(1);
    expect(await granted(`ioc/v1/+/+/${srcA}/cmd/#`)).toBe(128);
    expect(await granted('ioc/v1/#')).toBe(128);
    expect(await granted(`ioc/v1/environment/air-station/${srcB}/telemetry`)).toBe(128);
  });

  it('rotate invalidates the old secret; revoke refuses further connects and ends live sessions', { timeout: 20_000 }, async () => {
    const live = await mqtt.connectAsync(url, { clientId: `rot-${runId}`, username: other.username, password: other.secret, reconnectPeriod: 0 });
    const closed = new Promise<void>((r) => live.once('close', () => r()));
    const rotated = (await (await api(`/api/v1/devices/credentials/${other.id}/rotate`, { method: 'POST' })).json()) as Issued;
    expect(rotated.secret).not.toBe(other.secret);
    await closed; // the session signed in with the old secret is closed
    expect(await connectError(url, { clientId: `old-${runId}`, username: other.username, password: other.secret })).toBeDefined();
    const fresh = await mqtt.connectAsync(url, { clientId: `new-${runId}`, username: other.username, password: rotated.secret, reconnectPeriod: 0 });
    const freshClosed = new Promise<void>((r) => fresh.once('close', () => r()));
    const del = await api(`/api/v1/devices/credentials/${other.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { revokedAt: string | null }).revokedAt).toBeTruthy();
    await freshClosed;
    expect(await connectError(url, { clientId: `rev-${runId}`, username: other.username, password: rotated.secret })).toBeDefined();
    expect((await api(`/api/v1/devices/credentials/nope/rotate`, { method: 'POST' })).status).toBe(404);
  });
});

const MOSQUITTO = '/usr/sbin/mosquitto';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('devices: the generated Mosquitto passwd and ACL at a real mosquitto', () => {
  const available = fs.existsSync(MOSQUITTO);
  if (!available) {
    if (REQUIRE_SERVICES) throw new Error(`devices: ${MOSQUITTO} is missing, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    process.stdout.write(`\n[skipped] devices/mosquitto: ${MOSQUITTO} is not installed.\n`);
  }
  let stack: Stack;
  let broker: ChildProcess | undefined;
  let port = 0;
  let a: Issued;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    if (!available) return;
    const dataDir = tempDir('devices-mosq');
    stack = await startStack({ DATA_DIR: dataDir, MQTT_DEVICE_AUTH: 'required' });
    const regions = (await (await fetch(`${stack.httpUrl}/api/v1/regions?level=district`)).json()) as { features: Array<{ properties: { id: string; center: [number, number] } }> };
    const d = regions.features[0]!.properties;
    const defs = [srcA, srcB].map((id) => ({ id, sector: 'environment', kind: 'air-station', name: id, regionId: d.id, lon: d.center[0], lat: d.center[1] }));
    await fetch(`${stack.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources: defs }) });
    const post = async (body: unknown) => (await (await fetch(`${stack.httpUrl}/api/v1/devices/credentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Issued;
    a = await post({ username: `mq-a-${runId}`, sources: [srcA] });
    await post({ username: `mq-b-${runId}`, sources: [srcB] });
    const revoked = await post({ username: `mq-gone-${runId}`, sources: [srcB] });
    await fetch(`${stack.httpUrl}/api/v1/devices/credentials/${revoked.id}`, { method: 'DELETE' });
    await stack.close(); // the CLI opens the same embedded database
    port = await freePort();
    const out = path.join(dataDir, 'mosquitto');
    await writeMosquittoConfig(['--out', out, '--port', String(port)], { DATA_DIR: dataDir, MQTT_URL: 'mqtt://ioc-ingest:ingest-secret@127.0.0.1:1883', LOG_LEVEL: 'warn' });
    const conf = path.join(out, 'mosquitto.conf');
    if (process.getuid?.() === 0) fs.appendFileSync(conf, 'user root\n'); // root: keep reading the 0600 passwd file
    expect(fs.readFileSync(path.join(out, 'passwd'), 'utf8')).not.toContain(`mq-gone-${runId}`);
    broker = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    broker.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    await waitFor(`mosquitto on ${port} (${log})`, () => new Promise<boolean>((r) => net.connect(port, '127.0.0.1').once('connect', function (this: net.Socket) { this.end(); r(true); }).once('error', () => r(false))), 10_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    broker?.kill('SIGTERM');
  });

  it.skipIf(!available)("lets a device publish its own topic, not another device's; refuses a wrong password", async () => {
    const url = `mqtt://127.0.0.1:${port}`;
    expect(await connectError(url, { clientId: `mq-wrong-${runId}`, username: a.username, password: 'wrong' })).toBeDefined();
    expect(await connectError(url, { clientId: `mq-anon-${runId}` })).toBeDefined();
    const ingest = await mqtt.connectAsync(url, { clientId: `mq-ingest-${runId}`, username: 'ioc-ingest', password: 'ingest-secret', reconnectPeriod: 0 });
    clients.push(ingest);
    const seen: string[] = [];
    ingest.on('message', (topic) => seen.push(topic));
    await ingest.subscribeAsync('ioc/v1/#', { qos: 1 });
    const dev = await mqtt.connectAsync(url, { clientId: `mq-dev-${runId}`, username: a.username, password: a.secret, reconnectPeriod: 0 });
    clients.push(dev);
    const own = `ioc/v1/environment/air-station/${srcA}/telemetry`;
    const foreign = `ioc/v1/environment/air-station/${srcB}/telemetry`;
    await dev.publishAsync(foreign, '{"metrics":{"pm25":1}}', { qos: 1 }); // Mosquitto acks and drops it
    await dev.publishAsync(own, '{"metrics":{"pm25":2}}', { qos: 1 });
    await waitFor('the own topic at the ingest', () => seen.includes(own));
    expect(seen).not.toContain(foreign);
  });
});
