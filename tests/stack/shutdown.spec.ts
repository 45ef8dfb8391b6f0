/**
 * SIGTERM (what Ctrl-C and orchestrators send) while QoS 1 messages are streaming in: the server
 * exits 0 and every message it acknowledged is in the database when it comes back.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { repoRoot, startStack, tempDir } from '../support/stack.js';

interface Booted {
  exit: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  httpUrl: string;
  mqttPort: number;
}

function bootMain(dataDir: string): Promise<Booted> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', AUTH_MODE: 'open', MQTT_DEVICE_AUTH: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    let mqttPort = 0;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; tcpPort?: number; http?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg === 'mqtt ingest started') mqttPort = entry.tcpPort ?? 0;
      if (entry.msg === 'IOC server started') resolve({ exit, kill: (s) => child.kill(s), httpUrl: entry.http!, mqttPort });
    });
    void exit.then((code) => reject(new Error(`server exited with ${code} before it started`)));
  });
}

describe('stopping under load', () => {
  it('exits 0 on SIGTERM and keeps every acknowledged message', async () => {
    const dataDir = tempDir('shutdown');
    const server = await bootMain(dataDir);
    const source = { id: 'stop-aq-1', sector: 'environment', kind: 'air-station', name: 'Trạm dừng', regionId: 'bp-dong-xoai', lon: 106.9, lat: 11.54 };
    const put = await fetch(`${server.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources: [source] }) });
    expect(put.status).toBe(200);

    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, { clientId: 'stop-test', reconnectPeriod: 0 });
    client.on('error', () => undefined);
    const acked: string[] = [];
    const base = Date.now() - 60_000;
    const total = 3000;
    const sends: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const ts = new Date(base + i).toISOString();
      sends.push(
        client
          .publishAsync('ioc/v1/environment/air-station/stop-aq-1/telemetry', JSON.stringify({ ts, id: `s-${i}`, metrics: { pm25: 10, pm10: 20, temperature: 30, humidity: 60 } }), { qos: 1 })
          .then(() => acked.push(ts))
          .catch(() => undefined),
      );
    }
    // Stop while messages are still arriving: some acknowledged, many in flight.
    while (acked.length < total / 4) await new Promise((r) => setTimeout(r, 5));
    server.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    client.end(true);
    await Promise.race([Promise.allSettled(sends), new Promise((r) => setTimeout(r, 2000))]);
    expect(acked.length).toBeGreaterThan(0);

    const again = await startStack({ DATA_DIR: dataDir, IOC_ROLES: 'api' });
    try {
      const rows = await again.db.query<{ ts: Date }>(`SELECT DISTINCT ts FROM reading WHERE source_id = 'stop-aq-1'`);
      const stored = new Set(rows.map((r) => new Date(r.ts).toISOString()));
      expect(acked.filter((ts) => !stored.has(ts))).toEqual([]);
      const [{ n }] = await again.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading WHERE source_id = 'stop-aq-1'`);
      expect(n).toBe(stored.size * 4);
    } finally {
      await again.close();
    }
  }, 120_000);
});
