/**
 * Global setup of the browser project: one demo for every browser suite of the run (each demo
 * boots a database, a broker and the simulator — starting one per suite would cost minutes on a
 * 2-core machine). Nothing is started when Chromium or the build is missing and services are not
 * required: the suites then skip, saying why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_PATH, startDemo, type DemoProcess } from './wall-browser.js';
import { BROWSER_DEMO_ENV, demoScript } from './demo-instance.js';

let demo: DemoProcess | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const webIndex = path.resolve(path.dirname(demoScript), '../../ioc-web/dist/index.html');
  if (!fs.existsSync(CHROMIUM_PATH) || !fs.existsSync(demoScript) || !fs.existsSync(webIndex) || process.env.IOC_WALL_URL) {
    project.provide('iocDemo', null);
    return;
  }
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-browser-shared-'));
  demo = await startDemo(demoScript, { PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, ...BROWSER_DEMO_ENV }, 180_000);
  project.provide('iocDemo', { base: new URL(demo.wallUrl).origin, wallUrl: demo.wallUrl, mqttUrl: demo.mqttUrl });
}

export async function teardown(): Promise<void> {
  await demo?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
