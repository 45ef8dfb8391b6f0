/** Shared pieces of the benchmark scripts: argument parsing, percentiles, the stack under test. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) out[key] = true;
    else {
      out[key] = Number.isNaN(Number(next)) ? next : Number(next);
      i++;
    }
  }
  return out;
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[idx] * 10) / 10;
}

export function machine() {
  return { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ioc-bench-${prefix}-`));
}

/** Runs a command, returns { code, lines } where lines are its stdout lines. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...opts });
    const lines = [];
    createInterface({ input: child.stdout }).on('line', (l) => {
      lines.push(l);
      opts.onLine?.(l);
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, lines }));
  });
}

export { startWireTimescale } from '../support/wire-timescale-process.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A private Mosquitto on a free port with the queue limits we ship (docker/mosquitto), because a
 * stock Mosquitto drops QoS 1 messages for a slow subscriber past max_queued_messages (1000).
 */
export async function startPrivateMosquitto() {
  const net = await import('node:net');
  const port = await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const dir = tempDir('mosquitto');
  const conf = path.join(dir, 'mosquitto.conf');
  fs.writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'max_queued_messages 1000000', 'max_inflight_messages 1000', ''].join('\n'));
  const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise((r) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); r(true); });
      s.once('error', () => r(false));
    });
    if (ok) break;
    await sleep(100);
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
