/** Starts tests/support/wire-timescale.mjs in a child process; shared by the tests and the benchmarks. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wire-timescale.mjs');

/** @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
export async function startWireTimescale() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-wire-'));
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        if (msg.listening) resolve(msg.listening.port);
      } catch {
        /* not our line */
      }
    });
    child.once('exit', (code) => reject(new Error(`wire-timescale exited with ${code}`)));
  });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
