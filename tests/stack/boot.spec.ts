/** The server as an operator starts it: `node server/dist/main.js` with a bad environment. */
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/stack.js';

function boot(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: tempDir('boot'), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('boot with a bad environment', () => {
  it('stops with every bad variable named and exit code 2', async () => {
    const r = await boot({ PORT: 'http', IOC_ROLES: 'api,chef', REDIS_URL: 'redis//nohost' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT: "http" is not an integer');
    expect(r.stderr).toContain('IOC_ROLES: "chef" is not one of api, ingest, worker');
    expect(r.stderr).toContain('REDIS_URL:');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names MQTT_PORT when the embedded broker port is busy', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await boot({ MQTT_PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`MQTT_PORT: .*${port}.*(in use|EADDRINUSE)`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('names DATABASE_URL when the database cannot be reached', async () => {
    const r = await boot({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ioc: cannot start: DATABASE_URL: cannot connect to postgres:\/\/nobody@127\.0\.0\.1:1\/none/m);
  });
});
