/**
 * `npm run demo`: the whole IOC on embedded defaults (PGlite+TimescaleDB, embedded MQTT broker,
 * in-process bus and jobs) with the province simulator feeding it, in one command.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { bootAndServe, readConfig } from './app/boot.js';
import { EmbeddedBroker } from './engine/mqtt/index.js';
import { redactUrl } from './config/env-fields.js';
import { buildProvinceModel } from '@ioc/simulators'; // [security:devices]
import { CredentialStore } from './engine/devices/index.js'; // [security:devices]

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => resolve(true)));
  });
}

/** The demo should start on a machine that already runs a broker or a web server on the usual ports. */
async function demoEnv(): Promise<NodeJS.ProcessEnv> {
  const env = { ...process.env };
  const defaults: Array<[string, number]> = [['PORT', 8080], ['MQTT_PORT', 1883], ['MQTT_WS_PORT', 9001]];
  for (const [name, port] of defaults) {
    if (env[name] !== undefined) continue;
    if (await portFree(port)) continue;
    env[name] = '0';
    process.stderr.write(`demo: port ${port} is busy, so ${name} uses a free port instead (set ${name} to choose one)\n`);
  }
  return env;
}

/**
 * The demo's accounts share one password: IOC_DEMO_PASSWORD, else one generated at the first demo
 * run and kept in the data directory (so it stays the same across restarts). The admin gets it too
 * unless IOC_ADMIN_PASSWORD is set.
 */
function demoPassword(env: NodeJS.ProcessEnv): string {
  if (env.IOC_DEMO_PASSWORD) return env.IOC_DEMO_PASSWORD;
  const dir = path.resolve(env.DATA_DIR ?? './data');
  const file = path.join(dir, 'demo-password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dir, { recursive: true });
  const pw = `demo-${randomBytes(6).toString('base64url')}`;
  fs.writeFileSync(file, `${pw}\n`, { mode: 0o600 });
  return pw;
}

const env = await demoEnv();
const password = demoPassword(env);
env.IOC_ADMIN_PASSWORD ||= password;
const config = readConfig(env);
let simulator: ChildProcess | undefined;
const runtime = await bootAndServe(config, async () => {
  const child = simulator;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  // Ctrl-C in a terminal signals the whole process group, simulator included; a second signal
  // would make it quit without flushing. Give it a moment to stop on its own, then ask.
  const stoppedAlone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 1000))]);
  if (!stoppedAlone) child.kill('SIGTERM');
  await exited;
});

// The simulator publishes where ingest listens: the embedded broker, or MQTT_URL when set.
const brokerUrl = runtime.mqtt instanceof EmbeddedBroker ? `mqtt://127.0.0.1:${runtime.mqtt.tcpPort}` : config.mqtt.url?.toString();
// One account per role to try the policy with; the simulator acts through a service account.
const demoAccounts = (await runtime.accounts?.ensureDemoAccounts(password)) ?? [];
const simulatorToken = runtime.accounts ? await runtime.accounts.issueServiceToken('simulator', 30 * 86_400) : undefined;
if (runtime.mqtt && brokerUrl) {
  const cli = createRequire(import.meta.url).resolve('@ioc/simulators/cli');
  // Camera tiles get a generated moving picture per camera (CAMERA_BASE_URL: where a browser reaches it).
  const cameraArgs = ['--camera-streams', ...(process.env.CAMERA_BASE_URL ? ['--camera-base-url', process.env.CAMERA_BASE_URL] : [])];
  // [security:devices] begin — the simulators sign in as one gateway credential for all their sources
  const model = buildProvinceModel({ seed: 1 });
  const store = new CredentialStore(runtime.db, runtime.bus);
  const { secret } = await store.ensure('ioc-sim', [...model.sources, ...model.units].map((s) => s.id), 'demo simulators (npm run demo)');
  const simEnv = { ...process.env, IOC_SIM_MQTT_USERNAME: 'ioc-sim', IOC_SIM_MQTT_PASSWORD: secret };
  // [security:devices] end
  simulator = spawn(process.execPath, [cli, '--mqtt', brokerUrl, '--api', runtime.httpUrl, ...(simulatorToken ? ['--api-token', simulatorToken] : []), ...cameraArgs], { stdio: ['ignore', 'inherit', 'inherit'], env: simEnv });
  simulator.on('exit', (code, signal) => runtime.log.info('simulator exited', { code, signal }));
}

const wall = `${runtime.httpUrl}/wall/main`;
const logins = [`admin (${env.IOC_ADMIN_PASSWORD === password ? 'same password' : 'password from IOC_ADMIN_PASSWORD'})`, ...demoAccounts.filter((a) => a.username !== 'simulator').map((a) => `${a.username} (${a.role})`)];
process.stdout.write(
  `\n  IOC wall: ${wall}\n  Sign in at ${runtime.httpUrl}/login — password ${password} for: ${logins.join(', ')}\n  API health: ${runtime.httpUrl}/api/v1/health\n  MQTT: ${brokerUrl ? redactUrl(brokerUrl) : '-'}\n  Ctrl-C stops (flushes what was received).\n\n`,
);
