/**
 * One demo (server + embedded DB/broker + simulator) shared by the browser suites of a run: the
 * browser project's global setup (`tests/browser/global-demo.ts`) starts it once and provides its
 * address; a suite run outside it (or one that must own its server, to restart it) starts its own.
 */
import { BROWSER_DEMO_PASSWORD } from './demo-password.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { CHROMIUM_PATH, startDemo } from './wall-browser.js';

export interface DemoInstance {
  /** `http://127.0.0.1:port` of the api role (web app, REST, socket.io). */
  base: string;
  wallUrl: string;
  /** The embedded broker, for suites that publish readings. */
  mqttUrl: string;
  /** Stops a demo this suite started; a shared one is stopped by the global teardown. */
  stop(): Promise<void>;
}

export interface SharedDemo {
  base: string;
  wallUrl: string;
  mqttUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    iocDemo: SharedDemo | null;
  }
}

export const demoScript = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../server/dist/demo.js');
const webIndex = path.resolve(path.dirname(demoScript), '../../ioc-web/dist/index.html');

/**
 * Why a browser suite cannot run here — Chromium or the build missing — printed once as
 * `[skipped] <suite>: <why>` unless IOC_TEST_REQUIRE_SERVICES=1 (then the suite fails on it);
 * null when it can run. `external`: the suite tests an IOC already running, so needs no build.
 */
export function browserSuitePrerequisite(suite: string, { external = false } = {}): string | null {
  let missing: string | null = null;
  if (!fs.existsSync(CHROMIUM_PATH)) missing = `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
  else if (!external && !fs.existsSync(demoScript)) missing = `${demoScript} is missing (npm run build)`;
  else if (!external && !fs.existsSync(webIndex)) missing = `${webIndex} is missing (npm run build)`;
  if (missing && !REQUIRE_SERVICES) process.stdout.write(`\n[skipped] ${suite}: ${missing}.\n`);
  return missing;
}

/**
 * Settings of the browser demos: short KPI cycles, so a fresh database shows district and period
 * values (sector pages, ranking, bars, pie, choropleth) within a test instead of after the default
 * 5 minutes; the map's synthetic layer for the clustering checks; a known password for its
 * accounts (pages are opened signed in, tests/browser/sign-in.ts).
 */
export const BROWSER_DEMO_ENV = { KPI_INTERVAL_S: '10', KPI_PERIOD_INTERVAL_S: '20', MAP_SYNTHETIC_MAX: '100000', IOC_DEMO_PASSWORD: BROWSER_DEMO_PASSWORD, AUTH_LOGIN_RATE_PER_MIN: '10000' };

/** The run's shared demo when there is one, else a demo of this suite's own on free ports. */
export async function useDemo(): Promise<DemoInstance> {
  let shared: SharedDemo | null = null;
  try {
    shared = inject('iocDemo') ?? null;
  } catch {
    shared = null; // not run by vitest's browser project
  }
  if (shared) return { ...shared, stop: async () => undefined };
  return ownDemo();
}

/** A demo of its own (own DATA_DIR, free ports) — for a suite that stops and restarts its server. */
export async function ownDemo(env: Record<string, string> = {}): Promise<DemoInstance> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-browser-demo-'));
  const demo = await startDemo(demoScript, { PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, ...BROWSER_DEMO_ENV, ...env }, 120_000);
  return {
    base: new URL(demo.wallUrl).origin,
    wallUrl: demo.wallUrl,
    mqttUrl: demo.mqttUrl,
    async stop() {
      await demo.stop();
      if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
