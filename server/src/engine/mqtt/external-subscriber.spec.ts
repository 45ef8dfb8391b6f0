import { randomUUID } from 'node:crypto';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../../../tests/support/services.js';
import { EmbeddedBroker } from './embedded-broker.js';
import { ExternalSubscriber, type ExternalSubscriberOptions } from './external-subscriber.js';
import type { InboundMessage } from './mqtt-ingress.js';
import { MqttSpyProxy, eventually, freePort, sleep } from './test-kit.js';

interface Received {
  msg: InboundMessage;
  done: () => void;
}

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function client(url: string, options: IClientOptions = {}): Promise<MqttClient> {
  const c = await connectAsync(url, { reconnectPeriod: 0, ...options });
  cleanups.push(() => c.endAsync(true));
  return c;
}

/** A started subscriber whose sink records messages and holds their done(). */
async function subscribe(options: ExternalSubscriberOptions): Promise<{ subscriber: ExternalSubscriber; received: Received[] }> {
  const subscriber = new ExternalSubscriber({ reconnectMinMs: 20, reconnectMaxMs: 200, drainTimeoutMs: 2_000, ...options });
  const received: Received[] = [];
  await subscriber.start((msg, done) => received.push({ msg, done }));
  cleanups.push(() => subscriber.stop());
  return { subscriber, received };
}

describe('ExternalSubscriber: start-up errors', () => {
  it('ECONNREFUSED names MQTT_URL and the address', async () => {
    const port = await freePort();
    const subscriber = new ExternalSubscriber({ url: `mqtt://127.0.0.1:${port}` });
    await expect(subscriber.start(() => {})).rejects.toThrow(`MQTT_URL: cannot connect to 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(subscriber.health().state).toBe('down');
  });

  it('a refused CONNACK says why (bad credentials), without echoing the password', async () => {
    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: null, authenticate: () => false });
    await broker.start(() => {});
    cleanups.push(() => broker.stop());
    const subscriber = new ExternalSubscriber({ url: `mqtt://ingest:hunter2@127.0.0.1:${broker.tcpPort}`, shareGroup: '' });
    const error = (await subscriber.start(() => {}).catch((err: unknown) => err)) as Error;
    expect(error.message).toBe(`MQTT_URL: broker at 127.0.0.1:${broker.tcpPort} refused the connection: bad user name or password (CONNACK 4)`);
    expect(error.message).not.toContain('hunter2');
  });

  it('a refused SUBSCRIBE fails start() with the filter in the message', async () => {
    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: null, authorizeSubscribe: () => false });
    await broker.start(() => {});
    cleanups.push(() => broker.stop());
    const subscriber = new ExternalSubscriber({ url: `mqtt://127.0.0.1:${broker.tcpPort}`, shareGroup: '' });
    await expect(subscriber.start(() => {})).rejects.toThrow(/^MQTT_URL: broker at .* refused the subscription to "ioc\/v1\/#"/);
  });

  it('a URL of the wrong scheme is refused at construction', () => {
    expect(() => new ExternalSubscriber({ url: 'ws://127.0.0.1:9001' })).toThrow(/^MQTT_URL: unsupported scheme "ws:\/\/"/);
  });
});

describe('ExternalSubscriber: keepalive', () => {
  it('pings an idle broker, and reconnects when the link goes silently dead', async () => {
    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: null });
    await broker.start((_msg, done) => done());
    cleanups.push(() => broker.stop());
    const proxy = await MqttSpyProxy.start({ host: '127.0.0.1', port: broker.tcpPort! });
    cleanups.push(() => proxy.close());
    const { subscriber } = await subscribe({ url: proxy.url, clientId: `ioc-test-ka-${randomUUID().slice(0, 8)}`, shareGroup: '', keepaliveSeconds: 1, connectTimeoutMs: 1_000 });

    await sleep(1_300);
    expect(proxy.sent('toBroker', 'pingreq').length).toBeGreaterThan(0);
    expect(proxy.sent('toClient', 'pingresp').length).toBeGreaterThan(0);
    expect(subscriber.health().state).toBe('up');

    proxy.blackhole = true; // no FIN, no RST: only the keepalive can notice
    await eventually(() => subscriber.health().state === 'degraded', 'the dead link detected', 4_000);
    expect(subscriber.health().detail).toMatch(/keepalive/);
    proxy.blackhole = false;
    await eventually(() => subscriber.health().state === 'up', 'the reconnect', 4_000);
  });
});

/**
 * The same behaviour against two brokers: the embedded aedes (always available; no shared
 * subscriptions, so a plain filter) and the machine's Mosquitto (shared subscription), each
 * through a recording proxy that shows the PUBACKs on the wire and can cut the connection.
 */
interface Target {
  name: string;
  available: () => Promise<boolean>;
  /** host/port of the broker; started lazily for aedes. */
  endpoint: () => Promise<{ host: string; port: number }>;
  shareGroup: (run: string) => string;
  /** Deletes the persistent sessions a test left at the broker. */
  forget: (clientIds: string[]) => Promise<void>;
}

let aedes: EmbeddedBroker | undefined;
afterAll(async () => aedes?.stop());

const targets: Target[] = [
  {
    name: 'embedded aedes',
    available: async () => true,
    endpoint: async () => {
      if (!aedes) {
        aedes = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: null });
        await aedes.start((_msg, done) => done());
      }
      return { host: '127.0.0.1', port: aedes.tcpPort! };
    },
    shareGroup: () => '',
    forget: async () => {},
  },
  {
    name: 'Mosquitto',
    available: () => serviceAvailable('Mosquitto', '127.0.0.1', 1883, 'ExternalSubscriber against Mosquitto'),
    endpoint: async () => ({ host: '127.0.0.1', port: 1883 }),
    shareGroup: (run) => `ioc-test-${run}`,
    forget: async (clientIds) => {
      // Persistent sessions outlive the test at a real broker: a clean connect deletes them.
      for (const clientId of clientIds) {
        const c = await connectAsync('mqtt://127.0.0.1:1883', { clientId, clean: true, reconnectPeriod: 0 });
        await c.endAsync();
      }
    },
  },
];

for (const target of targets) {
  const available = await target.available();
  describe.skipIf(!available)(`ExternalSubscriber against ${target.name}`, () => {
    /** Per test: a unique topic prefix, share group and client id so runs never collide. */
    async function fixture() {
      const run = randomUUID().slice(0, 8);
      const broker = await target.endpoint();
      const proxy = await MqttSpyProxy.start(broker);
      cleanups.push(() => proxy.close());
      const clientId = `ioc-test-${run}`;
      cleanups.push(() => target.forget([clientId]));
      const prefix = `ioc/v1/test-${run}`;
      const options: ExternalSubscriberOptions = {
        url: proxy.url,
        clientId,
        shareGroup: target.shareGroup(run),
        topicFilter: `${prefix}/#`,
      };
      const publisher = await client(`mqtt://${broker.host}:${broker.port}`);
      return { run, proxy, options, prefix, publisher, brokerUrl: `mqtt://${broker.host}:${broker.port}` };
    }

    it('subscribes with a persistent session and the configured filter', async () => {
      const { proxy, options, prefix } = await fixture();
      const { subscriber } = await subscribe(options);
      const [connect] = proxy.sent('toBroker', 'connect');
      expect(connect).toMatchObject({ clean: false, clientId: options.clientId });
      const [sub] = proxy.sent('toBroker', 'subscribe');
      const filter = options.shareGroup ? `$share/${options.shareGroup}/${prefix}/#` : `${prefix}/#`;
      expect(sub).toMatchObject({ subscriptions: [{ topic: filter, qos: 1 }] });
      expect(subscriber.subscription).toBe(filter);
      expect(subscriber.health()).toMatchObject({ state: 'up', inFlight: 0 });
    });

    it('PUBACKs leave in arrival order although done() comes out of order; none lost, none twice', async () => {
      const { proxy, options, prefix, publisher } = await fixture();
      const { subscriber, received } = await subscribe(options);
      const n = 10;
      for (let i = 0; i < n; i++) await publisher.publishAsync(`${prefix}/sensor/s${i}/telemetry`, `{"id":"m${i}"}`, { qos: 1 });
      await eventually(() => received.length === n, `${n} messages in the sink`);
      expect(subscriber.health().inFlight).toBe(n);

      // Done in a scrambled order, but never the first: nothing may be acknowledged yet.
      const order = [7, 3, 9, 1, 5, 2, 8, 4, 6];
      for (const i of order) received[i].done();
      await sleep(150);
      expect(proxy.sent('toBroker', 'puback')).toEqual([]);
      received[0].done();
      await eventually(() => proxy.sent('toBroker', 'puback').length === n, 'all PUBACKs');

      const publishIds = proxy.sent('toClient', 'publish').map((p) => p.messageId);
      const pubackIds = proxy.sent('toBroker', 'puback').map((p) => p.messageId);
      expect(pubackIds).toEqual(publishIds);
      expect(received.map((r) => r.msg.payload.toString()).sort()).toEqual(Array.from({ length: n }, (_, i) => `{"id":"m${i}"}`).sort());
      expect(subscriber.health()).toMatchObject({ inFlight: 0, received: n, acknowledged: n });
    });

    it('delivers messages published while it was stopped (persistent session)', async () => {
      const { options, prefix, publisher } = await fixture();
      const first = await subscribe(options);
      await first.subscriber.stop();

      for (let i = 0; i < 5; i++) await publisher.publishAsync(`${prefix}/meter/m${i}/telemetry`, `offline-${i}`, { qos: 1 });

      const second = await subscribe(options);
      await eventually(() => second.received.length === 5, 'the queued messages after reconnecting');
      for (const r of second.received) r.done();
      expect(second.received.map((r) => r.msg.payload.toString()).sort()).toEqual(['offline-0', 'offline-1', 'offline-2', 'offline-3', 'offline-4']);
      expect(second.subscriber.health().sessionPresent).toBe(true);
    });

    it('redelivers messages not yet done when the connection drops; stale done()s do nothing', async () => {
      const { proxy, options, prefix, publisher } = await fixture();
      const { subscriber, received } = await subscribe(options);
      for (let i = 0; i < 4; i++) await publisher.publishAsync(`${prefix}/pump/p${i}/telemetry`, `drop-${i}`, { qos: 1 });
      await eventually(() => received.length === 4, 'four messages');
      received[0].done(); // committed before the failure: acknowledged, not redelivered
      await eventually(() => proxy.sent('toBroker', 'puback').length === 1, 'the first PUBACK');

      proxy.refuseConnections = true; // the broker looks down until we say otherwise
      proxy.dropAll();
      await eventually(() => subscriber.health().state === 'degraded', 'degraded health while reconnecting');
      expect(subscriber.health().detail).toMatch(/^reconnecting to 127\.0\.0\.1:\d+ \(attempt \d+\): /);
      await sleep(100); // a few refused attempts
      proxy.refuseConnections = false;
      await eventually(() => subscriber.health().state === 'up', 'the reconnect');
      await eventually(() => received.length === 7, 'the three unacknowledged messages again');
      const redelivered = received.slice(4);
      expect(redelivered.map((r) => r.msg.payload.toString()).sort()).toEqual(['drop-1', 'drop-2', 'drop-3']);

      // done() of the dead connection's copies must not acknowledge the new connection's
      // messages, which the broker typically resends under the same packet ids.
      for (const r of received.slice(1, 4)) r.done();
      await sleep(150);
      expect(proxy.sent('toBroker', 'puback', 2)).toEqual([]);
      expect(subscriber.health()).toMatchObject({ abandoned: 3, inFlight: 3, reconnects: 1 });

      for (const r of redelivered) r.done();
      await eventually(() => proxy.sent('toBroker', 'puback', 2).length === 3, 'PUBACKs on the new connection');
      expect(proxy.sent('toBroker', 'puback', 2).map((p) => p.messageId)).toEqual(proxy.sent('toClient', 'publish', 2).map((p) => p.messageId));
    });

    it('stop() waits for in-flight done()s before disconnecting', async () => {
      const { proxy, options, prefix, publisher } = await fixture();
      const { subscriber, received } = await subscribe(options);
      await publisher.publishAsync(`${prefix}/gate/g1/event`, '{"id":"e1","type":"open"}', { qos: 1 });
      await eventually(() => received.length === 1, 'the message');
      let stopped = false;
      const stopping = subscriber.stop().then(() => (stopped = true));
      await sleep(150);
      expect(stopped).toBe(false);
      received[0].done();
      await stopping;
      expect(proxy.sent('toBroker', 'puback')).toHaveLength(1);
      expect(proxy.sent('toBroker', 'disconnect')).toHaveLength(1);
    });

    it('publish() sends commands at QoS 1', async () => {
      const { options, prefix, brokerUrl } = await fixture();
      const { subscriber } = await subscribe(options);
      const device = await client(brokerUrl);
      const got: string[] = [];
      device.on('message', (topic, payload) => got.push(`${topic} ${payload.toString()}`));
      await device.subscribeAsync(`cmd/${prefix}/#`, { qos: 1 });
      await subscriber.publish(`cmd/${prefix}/light/l1`, '{"on":true}', { qos: 1 });
      await eventually(() => got.length === 1, 'the command');
      expect(got[0]).toBe(`cmd/${prefix}/light/l1 {"on":true}`);
    });
  });
}
