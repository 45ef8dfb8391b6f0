#!/usr/bin/env node
/**
 * `npm run bench:map -- [--seconds 20] [--n 100000] [--zoom 10] [--width 1920 --height 1080] [--json]`: the map under load in
 * real Chromium on this machine's software WebGL (SwiftShader).
 *
 * Starts the demo (`server/dist/demo.js`, embedded everything, port 0, its own DATA_DIR, with
 * MAP_SYNTHETIC_MAX=n), opens `/wall/map` (one full-screen map tile, 1920×1080) and pans it
 * programmatically through the page's debug probe (`panBy`, no animation) in segments of 1.2 s
 * of panning and 0.4 s of rest — each rest lets the map ask the server for the clusters of the
 * new viewport (debounced moveend), as a user's drag-and-release does. While it pans, the page
 * counts requestAnimationFrame callbacks and their intervals. Two phases, same path and time:
 * `baseline` = the wall's own layers; `entities` = the same plus the synthetic layer of n points
 * clustered by the server. Frame rate: mean over the phase, the minimum over 1 s windows, and the
 * 5th percentile of per-frame rates (1000 / frame interval).
 *
 * Bundle: gzip (node:zlib, level 9) of the chunks index.html loads before anything else (its
 * module scripts and modulepreload links), and of the lazy map chunk (ProvinceMap-*.js) with the
 * chunks only it imports.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import zlib from 'node:zlib';
import { machine, parseArgs, repoRoot, tempDir } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const dist = path.join(repoRoot, 'ioc-web/dist');

const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Entry chunks of index.html and the lazy map chunk(s), gzipped. */
export function bundleSizes() {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = new Set();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) entry.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) entry.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)) entry.add(m[1]);
  const file = (href) => path.join(dist, href.replace(/^\//, ''));
  const entryFiles = [...entry].map(file);
  const assets = path.join(dist, 'assets');
  const mapChunk = fs.readdirSync(assets).find((f) => /^ProvinceMap-.*\.js$/.test(f));
  if (!mapChunk) throw new Error('no ProvinceMap-*.js chunk in ioc-web/dist/assets (is the map lazy-loaded?)');
  // The map chunk's static imports that the entry does not already load.
  const mapSource = fs.readFileSync(path.join(assets, mapChunk), 'utf8');
  const imported = [...mapSource.matchAll(/from\s*"\.\/([^"]+\.js)"/g)].map((m) => path.join(assets, m[1]));
  const mapFiles = [path.join(assets, mapChunk), ...new Set(imported.filter((f) => !entryFiles.includes(f)))];
  const entryText = entryFiles.filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  return {
    firstChunkGzipBytes: entryFiles.reduce((s, f) => s + gz(f), 0),
    firstChunkFiles: entryFiles.map((f) => path.relative(dist, f)),
    mapChunkGzipBytes: gz(path.join(assets, mapChunk)),
    mapChunksGzipBytes: mapFiles.reduce((s, f) => s + gz(f), 0),
    mapChunkFiles: mapFiles.map((f) => path.relative(dist, f)),
    /** Markers of the map libraries that must not be in the entry chunk. */
    entryHasMapLibraries: /maplibre-gl|MapboxOverlay|deck\.gl|luma\.gl/i.test(entryText),
  };
}

async function startDemo(env, timeoutMs = 180_000) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/demo.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (l) => (tail.push(l), tail.length > 30 && tail.shift());
  createInterface({ input: child.stderr }).on('line', keep);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print its URL in ${timeoutMs} ms:\n${tail.join('\n')}`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (l) => {
      keep(l);
      const m = /IOC wall: (http:\/\/\S+)/.exec(l);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('//0.0.0.0:', '//127.0.0.1:').replace(/\/wall\/.*$/, '').replace(/\/$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${tail.join('\n')}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** In the page: pans for `seconds`, counting animation frames. */
async function panAndCount(page, seconds) {
  return page.evaluate(async (seconds) => {
    const probe = window.__iocDebug.map;
    const frames = [];
    const end = performance.now() + seconds * 1000;
    let segmentStart = performance.now();
    let direction = 0;
    const dirs = [[6, 0], [0, 4], [-6, 0], [0, -4]];
    await new Promise((resolve) => {
      const tick = (t) => {
        frames.push(t);
        if (t >= end) return resolve();
        const inSegment = t - segmentStart;
        if (inSegment < 1200) {
          const [dx, dy] = dirs[direction];
          probe.panBy(dx, dy);
        } else if (inSegment >= 1600) {
          segmentStart = t;
          direction = (direction + 1) % dirs.length;
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return frames;
  }, seconds);
}

function frameStats(frames) {
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  const duration = (frames.at(-1) - frames[0]) / 1000;
  const windows = [];
  for (let start = frames[0]; start + 1000 <= frames.at(-1); start += 1000) windows.push(frames.filter((t) => t >= start && t < start + 1000).length);
  const perFrame = intervals.map((ms) => 1000 / ms).sort((a, b) => a - b);
  const sorted = [...intervals].sort((a, b) => a - b);
  const r1 = (x) => Math.round(x * 10) / 10;
  return {
    mean: r1(intervals.length / duration),
    min1s: windows.length ? Math.min(...windows) : null,
    p5: r1(perFrame[Math.floor(perFrame.length * 0.05)] ?? 0),
    frames: frames.length,
    seconds: r1(duration),
    frameMs: { p50: r1(sorted[Math.floor(sorted.length * 0.5)]), p95: r1(sorted[Math.floor(sorted.length * 0.95)]), max: r1(sorted.at(-1)) },
  };
}

export async function benchMap({ seconds = 20, n = 100_000, zoom = 10, width = 1920, height = 1080 } = {}) {
  const bundle = bundleSizes();
  const { chromium } = await import('playwright-core');
  const dataDir = tempDir('map');
  const demo = await startDemo({ PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: dataDir, MAP_SYNTHETIC_MAX: String(n), LOG_LEVEL: 'warn', AUTH_MODE: 'open' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.goto(`${demo.url}/wall/map`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 120_000, polling: 250 });
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const ext = gl?.getExtension('WEBGL_debug_renderer_info');
      return ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl?.getParameter(gl.RENDERER);
    });
    const tileLayers = ['choropleth', 'sources', 'cameras', 'feedback', 'incidents', 'units'];
    const centre = [106.9, 11.8];
    const settle = async (layers) => {
      await page.evaluate(({ layers, centre, zoom, n }) => {
        const probe = window.__iocDebug.map;
        probe.setSyntheticCount(n);
        probe.setLayers(layers);
        probe.jumpTo(centre[0], centre[1], zoom);
      }, { layers, centre, zoom, n });
      if (layers.includes('synthetic')) await page.waitForFunction(() => (window.__iocDebug.map.clusterStats().synthetic?.total ?? 0) > 0, null, { timeout: 60_000 });
      await page.waitForTimeout(1500);
    };
    const loadBefore = os.loadavg().map((x) => Math.round(x * 10) / 10);
    // Idle: the same page not moving (live updates only), to tell panning cost from the rest.
    const idle = async () => frameStats(await page.evaluate(async () => {
      const frames = [];
      const end = performance.now() + 3000;
      await new Promise((resolve) => { const tick = (t) => (frames.push(t), t >= end ? resolve() : requestAnimationFrame(tick)); requestAnimationFrame(tick); });
      return frames;
    })).mean;
    await settle(tileLayers);
    const baselineIdle = await idle();
    const baseline = frameStats(await panAndCount(page, seconds));
    await settle([...tileLayers, 'synthetic']);
    const stats = await page.evaluate(() => window.__iocDebug.map.clusterStats().synthetic);
    const entitiesIdle = await idle();
    const entities = frameStats(await panAndCount(page, seconds));
    const loadAfter = os.loadavg().map((x) => Math.round(x * 10) / 10);
    const after = await page.evaluate(() => window.__iocDebug.map.clusterStats().synthetic);
    await page.screenshot({ path: path.join(repoRoot, 'tests/.artifacts/bench-map.png') }).catch(() => undefined);
    return {
      fps: { mean: entities.mean, p5: entities.p5, min1s: entities.min1s, frameMs: entities.frameMs, frames: entities.frames, seconds: entities.seconds, idleMean: entitiesIdle },
      entities: stats.total,
      drawnFeatures: { atStart: stats.features, clustersAtStart: stats.clusters, atEnd: after.features },
      baseline: { fps: { mean: baseline.mean, p5: baseline.p5, min1s: baseline.min1s, frameMs: baseline.frameMs, frames: baseline.frames, idleMean: baselineIdle } },
      viewport: { width, height, zoom },
      /** Load average of this machine (shared by other jobs) before and after the runs. */
      loadavg: { before: loadBefore, after: loadAfter },
      ...bundle,
      method: `Chromium ${CHROMIUM} headless, SwiftShader WebGL (${renderer}), ${width}×${height}, /wall/map at zoom ${zoom}: ${seconds} s of panBy (1.2 s panning, 0.4 s rest for the debounced cluster fetch), requestAnimationFrame intervals; baseline = same without the synthetic layer`,
      machine: machine(),
    };
  } finally {
    await browser.close();
    await demo.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), { seconds: 20, n: 100_000, zoom: 10, width: 1920, height: 1080 });
  fs.mkdirSync(path.join(repoRoot, 'tests/.artifacts'), { recursive: true });
  const result = await benchMap({ seconds: args.seconds, n: args.n, zoom: args.zoom, width: args.width, height: args.height });
  process.stdout.write(`${JSON.stringify(result, null, args.json ? 0 : 2)}\n`);
  process.exit(0);
}
