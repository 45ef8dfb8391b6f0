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

/** The embedded TimescaleDB engine served over the wire, as the production-path database. */
export async function startWireTimescale() {
  const dataDir = tempDir('wire');
  const child = spawn(process.execPath, [path.join(repoRoot, 'tests/support/wire-timescale.mjs'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const m = JSON.parse(line);
        if (m.listening) resolve(m.listening.port);
      } catch {
        /* ignore */
      }
    });
    child.once('exit', (code) => reject(new Error(`wire-timescale exited ${code}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
