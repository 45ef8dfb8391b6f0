import net, { type AddressInfo } from 'node:net';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedBroker, type EmbeddedBrokerOptions } from './embedded-broker.js';
import type { InboundMessage } from './mqtt-ingress.js';
import { eventually, sleep } from './test-kit.js';

interface Received {
  msg: InboundMessage;
  done: () => void;
}

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An embedded broker on free ports whose sink records messages and holds their done(). */
async function startBroker(options: Partial<EmbeddedBrokerOptions> = {}): Promise<{ broker: EmbeddedBroker; received: Received[] }> {
  const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: 0, drainTimeoutMs: 2_000, ...options });
  const received: Received[] = [];
  await broker.start((msg, done) => received.push({ msg, done }));
  cleanups.push(() => broker.stop());
  return { broker, received };
}

async function client(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const c = await connectAsync(url, { reconnectPeriod: 0, ...options });
  cleanups.push(() => c.endAsync(true));
  return c;
}

describe('EmbeddedBroker', () => {
  it('binds port 0 and exposes the ports it got', async () => {
    const { broker } = await startBroker();
    expect(broker.tcpPort).toBeGreaterThan(0);
    expect(broker.wsPort).toBeGreaterThan(0);
    expect(broker.health()).toMatchObject({ state: 'up', inFlight: 0, received: 0 });
  });

  it('hands a QoS 1 message to the sink and sends the PUBACK only after done()', async () => {
    const { broker, received } = await startBroker();
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    let acked = false;
    publisher.publish('ioc/v1/traffic/sensor/s1/telemetry', '{"metrics":{"speed":42}}', { qos: 1 }, () => (acked = true));

    await eventually(() => received.length === 1, 'the sink to receive the message');
    expect(received[0].msg.topic).toBe('ioc/v1/traffic/sensor/s1/telemetry');
    expect(received[0].msg.payload.toString()).toBe('{"metrics":{"speed":42}}');
    expect(Math.abs(received[0].msg.receivedAt - Date.now())).toBeLessThan(5_000);
    expect(broker.health().inFlight).toBe(1);

    await sleep(300); // ample time for a PUBACK that was not held
    expect(acked).toBe(false);

    received[0].done();
    await eventually(() => acked, 'the PUBACK after done()');
    expect(broker.health()).toMatchObject({ inFlight: 0, received: 1, acknowledged: 1 });
    received[0].done(); // idempotent
    expect(broker.health().acknowledged).toBe(1);
  });

  it('sends PUBACKs in arrival order when done() comes out of order', async () => {
    const { broker, received } = await startBroker();
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    const pubacks: number[] = [];
    publisher.on('packetreceive', (packet) => {
      if (packet.cmd === 'puback' && packet.messageId !== undefined) pubacks.push(packet.messageId);
    });
    const sentIds: number[] = [];
    publisher.on('packetsend', (packet) => {
      if (packet.cmd === 'publish' && packet.messageId !== undefined) sentIds.push(packet.messageId);
    });
    for (let i = 0; i < 4; i++) publisher.publish(`ioc/v1/health/clinic/c${i}/telemetry`, `{"i":${i}}`, { qos: 1 });
    await eventually(() => received.length === 4, 'four messages in the sink');

    received[3].done();
    received[1].done();
    await sleep(100);
    expect(pubacks).toEqual([]); // the first one is not done: nothing may be acknowledged
    received[0].done();
    await eventually(() => pubacks.length === 2, 'PUBACKs for the done prefix');
    received[2].done();
    await eventually(() => pubacks.length === 4, 'all PUBACKs');
    expect(pubacks).toEqual(sentIds);
  });

  it('takes MQTT over WebSocket', async () => {
    const { broker, received } = await startBroker();
    const publisher = await client(`ws://127.0.0.1:${broker.wsPort}`);
    const ack = publisher.publishAsync('ioc/v1/environment/station/w1/telemetry', '{"metrics":{"pm25":12}}', { qos: 1 });
    await eventually(() => received.length === 1, 'the WebSocket message in the sink');
    received[0].done();
    await ack;
    expect(received[0].msg.payload.toString()).toContain('pm25');
  });

  it('fails with a clear error naming MQTT_PORT when the TCP port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const port = (squatter.address() as AddressInfo).port;

    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: port, wsPort: 0 });
    const error = await broker.start(() => {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(`MQTT_PORT: port ${port} on 127.0.0.1 is already in use (EADDRINUSE)`);
    expect((error as Error).name).toBe('MqttConfigError');
    expect(broker.health().state).toBe('down');
  });

  it('fails with a clear error naming MQTT_WS_PORT when the WebSocket port is taken', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const port = (squatter.address() as AddressInfo).port;

    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: port });
    await expect(broker.start(() => {})).rejects.toThrow(`MQTT_WS_PORT: port ${port} on 127.0.0.1 is already in use (EADDRINUSE)`);
  });

  it('passes retained status messages and Last Wills to the sink; late subscribers get the retained will', async () => {
    const { broker, received } = await startBroker();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const statusTopic = 'ioc/v1/security/camera/cam7/status';
    const device = await client(url, {
      clientId: 'cam7',
      will: { topic: statusTopic, payload: Buffer.from('{"online":false}'), qos: 1, retain: true },
    });
    const online = device.publishAsync(statusTopic, '{"online":true}', { qos: 1, retain: true });
    await eventually(() => received.length === 1, 'the retained online status');
    received[0].done();
    await online;

    device.stream.destroy(); // ungraceful: the broker fires the will
    await eventually(() => received.length === 2, 'the Last Will in the sink');
    expect(received[1].msg).toMatchObject({ topic: statusTopic });
    expect(received[1].msg.payload.toString()).toBe('{"online":false}');
    received[1].done(); // the will is stored as retained only once the ingest committed it

    const late = await client(url);
    const statuses: string[] = [];
    late.on('message', (topic, payload, packet) => statuses.push(`${topic} ${payload.toString()} retain=${packet.retain}`));
    await late.subscribeAsync('ioc/v1/+/+/+/status', { qos: 1 });
    await eventually(() => statuses.length === 1, 'the retained will at a late subscriber');
    expect(statuses[0]).toBe(`${statusTopic} {"online":false} retain=true`);
  });

  it('stop() waits for in-flight done()s, then closes', async () => {
    const { broker, received } = await startBroker();
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    const ack = publisher.publishAsync('ioc/v1/finance/office/o1/event', '{"id":"e1","type":"x"}', { qos: 1 });
    await eventually(() => received.length === 1, 'the message in the sink');

    let stopped = false;
    const stopping = broker.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false);
    expect(broker.health().state).toBe('down');
    received[0].done();
    await ack; // the in-flight message is still acknowledged
    await stopping;
    expect(stopped).toBe(true);
    await expect(connectAsync(`mqtt://127.0.0.1:${broker.tcpPort}`, { reconnectPeriod: 0, connectTimeout: 1_000 })).rejects.toThrow();
  });

  it('stop() gives up after drainTimeoutMs when done() never comes', async () => {
    const { broker, received } = await startBroker({ drainTimeoutMs: 300 });
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    publisher.publish('ioc/v1/finance/office/o1/event', 'x', { qos: 1 });
    await eventually(() => received.length === 1, 'the message in the sink');
    const t0 = Date.now();
    await broker.stop();
    expect(Date.now() - t0).toBeLessThan(3_000);
    received[0].done(); // late done() after stop must be harmless
  });

  it('holds messages beyond `concurrency` until earlier ones are done', async () => {
    const { broker, received } = await startBroker({ concurrency: 2 });
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    for (let i = 0; i < 5; i++) publisher.publish(`ioc/v1/tourism/site/s${i}/telemetry`, `${i}`, { qos: 1 });
    await eventually(() => received.length === 2, 'two messages in the sink');
    await sleep(100);
    expect(received.length).toBe(2);
    expect(broker.health()).toMatchObject({ waiting: 3, inFlight: 5 });
    received[0].done();
    await eventually(() => received.length === 3, 'the next message admitted');
    for (let i = 1; i < 5; i++) {
      await eventually(() => received.length > i, `message ${i}`);
      received[i].done();
    }
    await eventually(() => broker.health().inFlight === 0, 'all acknowledged');
    expect(received.map((r) => r.msg.payload.toString())).toEqual(['0', '1', '2', '3', '4']);
  });

  it('a throwing sink does not wedge the publisher: the message is acknowledged and health degrades', async () => {
    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: null });
    await broker.start(() => {
      throw new Error('bug in ingest');
    });
    cleanups.push(() => broker.stop());
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    await publisher.publishAsync('ioc/v1/traffic/sensor/s1/telemetry', 'x', { qos: 1 });
    expect(broker.health()).toMatchObject({ state: 'degraded', detail: 'ingest sink threw: bug in ingest', sinkErrors: 1, inFlight: 0 });
  });

  it('QoS 0 messages reach the sink without holding anything', async () => {
    const { broker, received } = await startBroker();
    const publisher = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    await publisher.publishAsync('ioc/v1/planning/site/p1/telemetry', 'q0', { qos: 0 });
    await eventually(() => received.length === 1, 'the QoS 0 message');
    expect(broker.health().inFlight).toBe(0);
    received[0].done(); // allowed, no effect
  });

  it('ignores topics outside ioc/v1/# but still routes them', async () => {
    const { broker, received } = await startBroker();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const subscriber = await client(url);
    const got: string[] = [];
    subscriber.on('message', (topic) => got.push(topic));
    await subscriber.subscribeAsync('other/#', { qos: 1 });
    const publisher = await client(url);
    await publisher.publishAsync('other/topic', 'x', { qos: 1 });
    await eventually(() => got.length === 1, 'the routed message');
    expect(received).toEqual([]);
  });

  it('authorizePublish=false keeps the message from the sink and disconnects the publisher', async () => {
    const { broker, received } = await startBroker({
      authorizePublish: (c, topic) => !(c?.id === 'intruder' && topic.startsWith('ioc/v1/')),
    });
    const intruder = await client(`mqtt://127.0.0.1:${broker.tcpPort}`, { clientId: 'intruder' });
    const closed = new Promise<void>((resolve) => intruder.once('close', () => resolve()));
    intruder.publish('ioc/v1/traffic/sensor/s1/telemetry', 'x', { qos: 1 });
    await closed;
    expect(received).toEqual([]);
    expect(broker.health().denied).toBe(1);
  });

  it('authenticate=false answers CONNACK "bad user name or password"', async () => {
    const { broker } = await startBroker({ authenticate: (_c, username, password) => username === 'dev' && password?.toString() === 'secret' });
    await expect(connectAsync(`mqtt://127.0.0.1:${broker.tcpPort}`, { reconnectPeriod: 0, username: 'dev', password: 'wrong' })).rejects.toThrow(
      /Bad username or password/i,
    );
    const ok = await client(`mqtt://127.0.0.1:${broker.tcpPort}`, { username: 'dev', password: 'secret' });
    expect(ok.connected).toBe(true);
  });

  it('publish() sends to subscribed clients (commands) without echoing into the sink', async () => {
    const { broker, received } = await startBroker();
    const device = await client(`mqtt://127.0.0.1:${broker.tcpPort}`);
    const commands: string[] = [];
    device.on('message', (topic, payload) => commands.push(`${topic} ${payload.toString()}`));
    await device.subscribeAsync('ioc/v1/traffic/light/l1/command', { qos: 1 });
    await broker.publish('ioc/v1/traffic/light/l1/command', '{"phase":"red"}', { qos: 1 });
    await eventually(() => commands.length === 1, 'the command at the device');
    expect(commands[0]).toBe('ioc/v1/traffic/light/l1/command {"phase":"red"}');
    expect(received).toEqual([]);
    expect(broker.connectedClients).toBe(1);
  });
});
