#!/usr/bin/env node
/**
 * `npm run bench:wall -- [--readings 40] [--pushes 20] [--json]`: the wall's figures in real
 * Chromium (SwiftShader WebGL, as on a machine without a GPU) against the demo.
 *
 * - paint: first contentful paint, first tile with its data ("first meaningful paint": the
 *   `ioc:first-tile` mark of ioc-web/src/wall/readiness.ts) and every tile drawn (`ioc:ready`),
 *   median of `--loads` cold loads. Baseline: the same page's plain HTML shell (`/api/v1/health`
 *   fetched from the page, no app) — what the network and browser alone cost.
 * - delta: a reading published over MQTT → the wall's table shows it; split into MQTT → socket
 *   frame in the page (server: ingest batch, commit, topic hub coalescing) and socket frame → on
 *   screen (the web app: reducer, React, layout). Baseline: an MQTT round trip through the broker
 *   to a second client (what the transport alone costs).
 * - console: a KPI pushed by `POST /api/v1/walls/main/commands` → the wall in another page shows
 *   it. Baseline: the same request's HTTP answer time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import { chromium } from 'playwright-core';
import { machine, parseArgs, percentile, repoRoot, sleep, tempDir } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

async function startDemo(dataDir) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/demo.js')], { env: { ...process.env, PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', AUTH_MODE: 'open', MQTT_DEVICE_AUTH: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.resume();
  const urls = await new Promise((resolve, reject) => {
    const found = {};
    const timer = setTimeout(() => reject(new Error('demo did not print its URLs in 180 s')), 180_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const wall = /IOC wall: (http:\/\/\S+)/.exec(line);
      const broker = /^\s*MQTT: (mqtt:\/\/\S+)/.exec(line);
      if (wall) found.wall = wall[1].replace('//0.0.0.0:', '//127.0.0.1:');
      if (broker) found.mqtt = broker[1].replace('//0.0.0.0:', '//127.0.0.1:');
      if (found.wall && found.mqtt) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited with ${code}`)));
  });
  return { ...urls, base: new URL(urls.wall).origin, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: Math.round(percentile(sorted, 50)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? 0) };
};

export async function benchWall({ readings = 40, pushes = 20, loads = 3 } = {}) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing (apt-get install -y chromium)` };
  const dataDir = tempDir('bench-wall');
  const demo = await startDemo(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    // A station of the bench's own: the simulator's readings of its stations would race ours
    // (latest wins within the topic's coalescing window) and hide some from the screen.
    const probe = { id: 'aq-bench-probe', sector: 'environment', kind: 'air-station', name: 'Trạm đo thử (benchmark)', regionId: 'bp-dong-xoai-tan-phu', lon: 106.9, lat: 11.53 };
    const registered = await fetch(`${demo.base}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources: [probe] }) });
    if (!registered.ok) throw new Error(`registering the probe station: HTTP ${registered.status} ${await registered.text()}`);
    // Let the simulator register its sources and the first readings arrive.
    await sleep(10_000);
    const paints = [];
    const shells = [];
    for (let i = 0; i < loads; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.goto(`${demo.base}/wall/main`);
      await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 120_000 });
      paints.push(await page.evaluate(() => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, firstTile: performance.getEntriesByName('ioc:first-tile')[0]?.startTime, ready: performance.getEntriesByName('ioc:ready')[0]?.startTime })));
      const shell = await context.newPage();
      await shell.goto(`${demo.base}/api/v1/health`);
      shells.push(await shell.evaluate(() => performance.getEntriesByType('navigation')[0].responseEnd));
      await context.close();
    }
    const median = (k) => Math.round(stats(paints.map((p) => p[k] ?? Infinity)).p50);

    // Live deltas: each reading carries a value of its own, so its frame and its cell are told apart.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => {
      const Native = window.WebSocket;
      window.__frames = [];
      window.WebSocket = class extends Native {
        constructor(...args) {
          super(...args);
          this.addEventListener('message', (e) => {
            if (typeof e.data === 'string' && e.data.includes('"temperature"')) window.__frames.push({ at: performance.timeOrigin + performance.now(), data: e.data });
          });
        }
      };
    });
    const wall = await context.newPage();
    await wall.goto(`${demo.base}/wall/main`);
    await wall.waitForFunction(() => window.__iocReady === true, null, { timeout: 120_000 });
    const topic = `ioc/v1/${probe.sector}/${probe.kind}/${probe.id}/telemetry`;
    const pub = await mqtt.connectAsync(demo.mqtt, { clientId: `bench-wall-pub-${process.pid}` });
    const echo = await mqtt.connectAsync(demo.mqtt, { clientId: `bench-wall-echo-${process.pid}` });
    const toScreen = [];
    const toFrame = [];
    const frameToScreen = [];
    const transport = [];
    for (let i = 0; i < readings; i += 1) {
      const value = Math.round((10 + i / 10) * 10) / 10; // a temperature the simulator never sends here (25–35 °C), one decimal
      const shown = value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      await wall.evaluate((text) => {
        window.__seenAt = undefined;
        const observer = new MutationObserver(() => {
          if (document.querySelector('[data-testid="latest-values"]')?.textContent?.includes(text)) {
            window.__seenAt = performance.timeOrigin + performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }, shown);
      const sentAt = Date.now();
      await pub.publishAsync(topic, JSON.stringify({ ts: new Date().toISOString(), metrics: { aqi: 499, pm25: 300, temperature: value } }), { qos: 1 });
      try {
        await wall.waitForFunction(() => window.__seenAt !== undefined, null, { timeout: 10_000, polling: 10 });
      } catch (err) {
        const table = await wall.evaluate(() => document.querySelector('[data-testid="latest-values"]')?.textContent ?? '(no table)');
        throw new Error(`reading ${i} (${shown}) not on screen after 10 s; the table shows: ${table}`, { cause: err });
      }
      // The frame that carried this reading: the probe's temperature with this value, after it was sent.
      const { seenAt, frameAt } = await wall.evaluate(
        ({ v, id, after }) => ({ seenAt: window.__seenAt, frameAt: window.__frames.find((f) => f.at >= after && new RegExp(`"sourceId":"${id}","metric":"temperature","ts":"[^"]*","value":${v}[,}]`).test(f.data))?.at }),
        { v: value, id: probe.id, after: sentAt - 5 },
      );
      toScreen.push(seenAt - sentAt);
      if (frameAt) {
        toFrame.push(frameAt - sentAt);
        frameToScreen.push(seenAt - frameAt);
      }
      // Transport baseline: the same payload through the broker to another client.
      const echoTopic = `bench/echo/${process.pid}/${i}`;
      await echo.subscribeAsync(echoTopic, { qos: 1 });
      const echoed = new Promise((r) => echo.once('message', () => r(Date.now())));
      const t0 = Date.now();
      await pub.publishAsync(echoTopic, 'x', { qos: 1 });
      transport.push((await echoed) - t0);
      await echo.unsubscribeAsync(echoTopic);
      await sleep(1_200); // past the topic hub's coalescing window, so each reading is its own delta
    }
    await pub.endAsync();
    await echo.endAsync();

    // Operator console → another page's wall.
    const pushMs = [];
    const httpMs = [];
    const kpis = ['administration.procedures_on_time_rate', 'citizen.reports_received'];
    for (let i = 0; i < pushes; i += 1) {
      const kpiId = kpis[i % 2];
      const sentAt = Date.now();
      const res = await fetch(`${demo.base}/api/v1/walls/main/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command: { kind: 'focus-kpi', tileId: 'trend-traffic', kpiId }, actor: 'bench' }) });
      httpMs.push(Date.now() - sentAt);
      const { revision } = await res.json();
      await wall.waitForFunction((r) => Number(document.querySelector('.wall')?.getAttribute('data-revision')) >= r, revision, { timeout: 10_000, polling: 5 });
      pushMs.push(Date.now() - sentAt);
      await sleep(300);
    }
    await fetch(`${demo.base}/api/v1/walls/main/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command: { kind: 'clear' }, actor: 'bench' }) });
    await context.close();
    return {
      machine: machine(),
      paint: { runs: paints.length, firstContentfulPaintMs: median('fcp'), firstMeaningfulPaintMs: median('firstTile'), everyTileDrawnMs: median('ready'), baseline: { htmlResponseEndMs: Math.round(stats(shells).p50) } },
      delta: { publishToScreenMs: stats(toScreen), publishToSocketFrameMs: stats(toFrame), socketFrameToScreenMs: stats(frameToScreen), baseline: { mqttRoundTripMs: stats(transport) } },
      console: { pushToOtherPageMs: stats(pushMs), baseline: { commandHttpMs: stats(httpMs) } },
    };
  } finally {
    await browser.close();
    await demo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), { readings: 40, pushes: 20, loads: 3 });
  const out = await benchWall({ readings: Number(args.readings), pushes: Number(args.pushes), loads: Number(args.loads) });
  process.stdout.write(`${JSON.stringify(out, null, args.json ? 0 : 2)}\n`);
}
