import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@ioc/server/config';
import { startRuntime, type Runtime, type RuntimeOptions } from '@ioc/server/runtime';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ioc-${prefix}-`));
}

/**
 * A whole IOC in this process on free ports; `env` overrides the embedded defaults. Sign-in is
 * `AUTH_MODE=open` here (a request without a token acts as admin) so suites of other capabilities
 * need no accounts; the security suites pass `AUTH_MODE: 'required'`.
 */
export async function startStack(env: Record<string, string> = {}, options: RuntimeOptions = {}): Promise<Runtime & { dataDir: string; mqttPort: number }> {
  const dataDir = env.DATA_DIR ?? tempDir('stack');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', LIVE_COALESCE_MS: '100', AUTH_MODE: 'open', MQTT_DEVICE_AUTH: 'off', ...env });
  const runtime = await startRuntime(config, undefined, options);
  const mqttPort = runtime.mqtt && 'tcpPort' in runtime.mqtt ? (runtime.mqtt.tcpPort ?? 0) : 0;
  return Object.assign(runtime, { dataDir, mqttPort });
}

export { startWireTimescale } from './wire-timescale-process.mjs';

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
