/**
 * Throughput of both adapters with ack-after-commit, printed for information (asserted only
 * loosely: every message arrives). The sink simulates the ingest: it collects done()s and
 * "commits" them every 5 ms. One mqtt.js publisher, ~100-byte JSON payloads, QoS 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { serviceAvailable } from '../../../../tests/support/services.js';
import { EmbeddedBroker } from './embedded-broker.js';
import { ExternalSubscriber } from './external-subscriber.js';
import type { MessageSink } from './mqtt-ingress.js';
import { freePort, sleep } from './test-kit.js';

const PAYLOAD = Buffer.from(JSON.stringify({ id: '0123456789abcdef0123', ts: '2026-11-01T00:00:00Z', metrics: { speed: 42.5, flow: 17 } }));

/** A sink that commits (calls done for) everything it holds every `intervalMs`. */
function batchingSink(intervalMs = 5): { sink: MessageSink; received: () => number; committed: () => number; close: () => void } {
  let pending: Array<() => void> = [];
  let received = 0;
  let committed = 0;
  const timer = setInterval(() => {
    const batch = pending;
    pending = [];
    for (const done of batch) done();
    committed += batch.length;
  }, intervalMs);
  return {
    sink: (_msg, done) => {
      received++;
      pending.push(done);
    },
    received: () => received,
    committed: () => committed,
    close: () => clearInterval(timer),
  };
}

/**
 * Publishes `count` QoS 1 messages keeping at most `window` unfinished, where finished means
 * `finished()` (publisher PUBACK, or the subscriber's commit for an external broker, whose
 * PUBACK to the publisher does not wait for us). Returns messages per second.
 */
async function pump(publisher: MqttClient, topic: string, count: number, window: number, finished: () => number): Promise<number> {
  const t0 = performance.now();
  let sent = 0;
  while (finished() < count) {
    while (sent < count && sent - finished() < window) {
      publisher.publish(topic, PAYLOAD, { qos: 1 });
      sent++;
    }
    await sleep(1);
  }
  return Math.round(count / ((performance.now() - t0) / 1000));
}

function report(label: string, count: number, rate: number): void {
  process.stdout.write(`\n[throughput] ${label}: ${rate.toLocaleString('en-US')} msg/s (${count.toLocaleString('en-US')} QoS 1 messages, done() batched every 5 ms)\n`);
}

const mosquitto = await serviceAvailable('Mosquitto', '127.0.0.1', 1883, 'MQTT throughput against Mosquitto');

describe('MQTT ingress throughput (printed, for information)', () => {
  it('embedded aedes over TCP and WebSocket', async () => {
    const committer = batchingSink();
    const broker = new EmbeddedBroker({ host: '127.0.0.1', tcpPort: 0, wsPort: 0 });
    await broker.start(committer.sink);
    try {
      for (const transport of ['tcp', 'ws'] as const) {
        const url = transport === 'tcp' ? `mqtt://127.0.0.1:${broker.tcpPort}` : `ws://127.0.0.1:${broker.wsPort}`;
        const publisher = await connectAsync(url, { reconnectPeriod: 0 });
        let acked = 0;
        publisher.on('packetreceive', (p) => void (p.cmd === 'puback' && acked++));
        const count = transport === 'tcp' ? 50_000 : 20_000;
        const before = committer.received();
        const rate = await pump(publisher, 'ioc/v1/traffic/sensor/bench/telemetry', count, 2_000, () => acked);
        await publisher.endAsync();
        expect(committer.received() - before).toBe(count);
        report(`embedded aedes ${transport.toUpperCase()}`, count, rate);
      }
    } finally {
      committer.close();
      await broker.stop();
    }
  });

  it.skipIf(!mosquitto)("external subscriber via the machine's Mosquitto (default limits)", async () => {
    // Mosquitto's defaults (max_inflight_messages 20, max_queued_messages 1000) bound this
    // path, and a queue over 1000 drops QoS 1 messages: keep the end-to-end window below it.
    const rate = await externalRun('mqtt://127.0.0.1:1883', 10_000, 500);
    report("external subscriber via Mosquitto 127.0.0.1:1883 (default limits)", 10_000, rate);
  });

  it.skipIf(!existsSync('/usr/sbin/mosquitto'))('external subscriber via a private Mosquitto with production limits', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ioc-mosquitto-'));
    const conf = path.join(dir, 'mosquitto.conf');
    // What docker/ should ship: a wide in-flight window and a deep queue for the ingest session.
    writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'max_inflight_messages 0', 'max_queued_messages 100000', ''].join('\n'));
    const child: ChildProcess = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 5_000;
      while (!(await connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0, connectTimeout: 500 }).then((c) => c.endAsync().then(() => true), () => false))) {
        if (Date.now() > deadline) throw new Error('private mosquitto did not start');
        await sleep(50);
      }
      const rate = await externalRun(`mqtt://127.0.0.1:${port}`, 50_000, 20_000);
      report('external subscriber via private Mosquitto (max_inflight_messages 0, max_queued_messages 100000)', 50_000, rate);
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function externalRun(url: string, count: number, window: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const committer = batchingSink();
  const clientId = `ioc-bench-${run}`;
  const subscriber = new ExternalSubscriber({ url, clientId, shareGroup: `ioc-bench-${run}`, topicFilter: `ioc/v1/bench-${run}/#` });
  await subscriber.start(committer.sink);
  const publisher = await connectAsync(url, { reconnectPeriod: 0 });
  try {
    const rate = await pump(publisher, `ioc/v1/bench-${run}/sensor/s1/telemetry`, count, window, committer.committed);
    expect(committer.received()).toBe(count);
    return rate;
  } finally {
    await publisher.endAsync();
    await subscriber.stop();
    committer.close();
    // Drop the persistent session the run left at the broker.
    const cleaner = await connectAsync(url, { clientId, clean: true, reconnectPeriod: 0 });
    await cleaner.endAsync();
  }
}
