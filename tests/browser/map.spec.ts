/**
 * The operations map `/wall/map` in real Chromium (SwiftShader WebGL) against the whole demo
 * (server + embedded DB/broker + simulator, its own DATA_DIR, MAP_SYNTHETIC_MAX=100000): one
 * full-screen map tile with the choropleth of a KPI by district, sources, cameras, field reports,
 * open incidents and the dispatch units. Judged by pixels: the choropleth classes fill the
 * districts, an incident opened over REST shows as its severity's marker, the units are drawn at
 * their positions, and zoomed out over the synthetic layer of 100,000 points the server's
 * clusters are drawn as circles with their counts inside. Screenshot: tests/.artifacts/map.png.
 *
 * Env: IOC_MAP_BASE_URL tests an already running IOC (with MAP_SYNTHETIC_MAX ≥ 100000);
 * IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or demo build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { DispatchUnit, IncidentRecord } from '@ioc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { adminHeaders, signedInPage } from './sign-in.js';
import { launchChromium, readPixels } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');
/** An already running IOC (started with MAP_SYNTHETIC_MAX ≥ 100000) instead of starting the demo. */
const externalBase = process.env.IOC_MAP_BASE_URL;

type Rgb = [number, number, number];
// A live indicator (hospital census, every hour of the day): a night-shift map is never empty,
// unlike a KPI of office hours, which has no value today before 07:30.
const KPI = 'health.bed_occupancy';
/** ioc-web province-map colours (choropleth.ts, layer-colors.ts), before blending. */
const RAMP: Rgb[] = [[22, 163, 74], [132, 204, 22], [234, 179, 8], [249, 115, 22], [220, 38, 38]];
const CRITICAL: Rgb = [220, 38, 38];
const UNIT_COLORS: Rgb[] = [[74, 222, 128], [56, 189, 248], [232, 121, 249], [45, 212, 191], [100, 116, 139]];
const SYNTHETIC: Rgb = [167, 139, 250];
const TEXT_DARK: Rgb = [7, 13, 26];
const MAP_BACKGROUND: Rgb = [10, 19, 34];
/** The choropleth (alpha 235) over the district fill (alpha 230 over Vietnam's fill): as Chromium shows it. */
const over = (top: Rgb, alpha: number, under: Rgb): Rgb => top.map((c, i) => Math.round(c * alpha + under[i]! * (1 - alpha))) as Rgb;
const DISTRICT_UNDER: Rgb[] = [over([30, 58, 95], 230 / 255, [19, 32, 54]), over([24, 48, 82], 230 / 255, [19, 32, 54])];
const rampShown = (c: Rgb) => DISTRICT_UNDER.map((u) => over(c, 235 / 255, u));
const close = (a: Rgb, b: Rgb, tolerance = 40) => a.every((x, i) => Math.abs(x - b[i]!) <= tolerance);


const missing = browserSuitePrerequisite('map browser test');

type Probe = {
  project(lon: number, lat: number): { x: number; y: number };
  setLayers(ids: string[] | null): void;
  jumpTo(lon: number, lat: number, zoom: number): void;
  clusterStats(): Record<string, { features: number; clusters: number; total: number }>;
  clusters(layer: string): Array<{ lon: number; lat: number; count: number }>;
};

describe.runIf(!missing || REQUIRE_SERVICES)('operations map /wall/map in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let base: string;
  let incident: IncidentRecord;
  const pageErrors: string[] = [];
  const api = async <T>(p: string, init?: RequestInit): Promise<T> => (await (await fetch(`${base}${p}`, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...(await adminHeaders(base)) } })).json()) as T;
  const project = (lon: number, lat: number) => page.evaluate(([lon, lat]) => (window.__iocDebug!.map as Probe).project(lon!, lat!), [lon, lat]);
  const mapBox = async () => (await page.locator('[data-tile="map"] .tile__body').boundingBox())!;

  beforeAll(async () => {
    if (missing) throw new Error(`map browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    if (externalBase) base = externalBase.replace(/\/$/, '');
    else {
      // The run's shared demo (tests/browser/global-demo.ts: MAP_SYNTHETIC_MAX=100000), or its own.
      demo = await useDemo();
      base = demo.base;
    }
    // The simulator's first readings give the KPI its district values shortly after the start.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const b = await api<{ items: Array<{ value: { value: number | null } | null }> }>(`/api/v1/kpis/${KPI}/breakdown?period=realtime&level=district`);
      const distinct = new Set(b.items.map((i) => i.value?.value).filter((v) => v !== null && v !== undefined));
      if (distinct.size >= 3) break;
      if (Date.now() > deadline) throw new Error(`${KPI} has no district values after 5 minutes`);
      await new Promise((r) => setTimeout(r, 3000));
    }
    // Where no unit is (units are drawn above incidents): the candidate farthest from every unit.
    const { items: units } = await api<{ items: DispatchUnit[] }>('/api/v1/dispatch/units');
    const communes = await api<{ features: Array<{ properties: { center: [number, number] } }> }>('/api/v1/regions?level=commune');
    const candidates = communes.features.map((f) => f.properties.center);
    const clearance = ([lon, lat]: [number, number]) => Math.min(...units.map((u) => Math.hypot((u.position?.lon ?? u.base.lon) - lon, (u.position?.lat ?? u.base.lat) - lat)));
    const [lon, lat] = candidates.sort((a, b) => clearance(b) - clearance(a))[0]!;
    incident = await api<IncidentRecord>('/api/v1/incidents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'flash-flood', title: 'Lũ quét thử nghiệm bản đồ', severity: 'critical', lon, lat, createdBy: 'kiểm thử bản đồ' }),
    });
    browser = await launchChromium();
    page = await signedInPage(browser, base, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(`${base}/wall/map`, { waitUntil: 'load' });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('gets ready with every layer drawn, without page errors', async () => {
    await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 120_000, polling: 250 });
    // Let the incident's marker and the units settle (live topics), then keep the picture.
    await page.waitForTimeout(2000);
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'map.png') });
    expect(pageErrors).toEqual([]);
  }, 130_000);

  it('fills the districts with the choropleth classes of the KPI', async () => {
    const box = await mapBox();
    // One screenshot, read on a 16 px grid (each readPixels is a full screenshot on SwiftShader).
    const grid = [];
    for (let y = box.y + 4; y < box.y + box.height - 4; y += 16) for (let x = box.x + 4; x < box.x + box.width - 4; x += 16) grid.push({ x, y });
    const { probes } = await readPixels(page, box, MAP_BACKGROUND, [], grid);
    const classesShown = RAMP.map((c) => probes.filter((p) => rampShown(c).some((t) => close(p, t, 12))).length / probes.length);
    const total = classesShown.reduce((a, b) => a + b, 0);
    expect(total, `choropleth colours cover ${(total * 100).toFixed(1)} % of the map`).toBeGreaterThan(0.1);
    expect(classesShown.filter((s) => s > 0.005).length, `classes shown: ${classesShown.map((s) => s.toFixed(3))}`).toBeGreaterThanOrEqual(2);
    // The legend names the KPI and its classes.
    expect(await page.locator('.map-legend').innerText()).toMatch(/Công suất sử dụng giường bệnh/);
  });

  it('draws the opened incident as a critical marker where it is', async () => {
    const at = await project(incident.lon!, incident.lat!);
    const box = await mapBox();
    // The ring of the marker (its centre carries the "!").
    const probes = [{ x: at.x + 8, y: at.y }, { x: at.x - 8, y: at.y }, { x: at.x, y: at.y + 8 }, { x: at.x, y: at.y - 8 }];
    const { probes: colors } = await readPixels(page, box, MAP_BACKGROUND, [], probes);
    expect(colors.filter((c) => close(c, CRITICAL)).length, `ring colours ${JSON.stringify(colors)}`).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.map-legend').innerText()).toMatch(/Sự cố đang mở/);
  });

  it('draws the dispatch units at their positions, coloured by status', async () => {
    const { items } = await api<{ items: DispatchUnit[] }>('/api/v1/dispatch/units');
    expect(items.length).toBeGreaterThan(5);
    // Stationary ones (available at base) are where the API says at the moment of the screenshot.
    const still = items.filter((u) => u.status === 'available').slice(0, 10);
    expect(still.length).toBeGreaterThan(3);
    const box = await mapBox();
    const probes = [];
    for (const u of still) {
      const at = await project(u.position?.lon ?? u.base.lon, u.position?.lat ?? u.base.lat);
      probes.push({ x: at.x + 7, y: at.y }, { x: at.x - 7, y: at.y });
    }
    const { probes: colors } = await readPixels(page, box, MAP_BACKGROUND, [], probes.filter((p) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height));
    const onUnit = colors.filter((c) => UNIT_COLORS.some((u) => close(c, u, 30))).length;
    expect(onUnit / colors.length, `unit colours at ${onUnit}/${colors.length} probes`).toBeGreaterThan(0.6);
  });

  it('draws server clusters with their counts when zoomed out over 100,000 synthetic points', async () => {
    await page.evaluate(() => {
      const probe = window.__iocDebug!.map as Probe;
      probe.setLayers(['choropleth', 'synthetic', 'incidents', 'units']);
      probe.jumpTo(106.9, 11.8, 8);
    });
    await page.waitForFunction(() => ((window.__iocDebug!.map as Probe).clusterStats().synthetic?.clusters ?? 0) > 5, null, { timeout: 60_000, polling: 250 });
    await page.waitForTimeout(1500);
    const stats = await page.evaluate(() => (window.__iocDebug!.map as Probe).clusterStats().synthetic!);
    expect(stats.total).toBe(100_000);
    expect(stats.features).toBeLessThan(2000);
    const clusters = await page.evaluate(() => (window.__iocDebug!.map as Probe).clusters('synthetic'));
    expect(clusters.reduce((s, c) => s + c.count, 0)).toBeGreaterThan(50_000);
    const box = await mapBox();
    const big = clusters.filter((c) => c.count >= 100).slice(0, 8);
    // Per cluster, a 24×14 px box around its centre read on a 2 px grid, all from one screenshot.
    const boxes = [];
    for (const c of big) {
      const at = await project(c.lon, c.lat);
      const points = [];
      for (let dy = -7; dy <= 7; dy += 2) for (let dx = -12; dx <= 12; dx += 2) points.push({ x: at.x + dx, y: at.y + dy });
      if (points.every((p) => p.x > box.x && p.y > box.y && p.x < box.x + box.width && p.y < box.y + box.height)) boxes.push(points);
    }
    const { probes } = await readPixels(page, box, MAP_BACKGROUND, [], boxes.flat());
    const violet = over(SYNTHETIC, 215 / 255, DISTRICT_UNDER[0]!);
    let withText = 0;
    let offset = 0;
    for (const points of boxes) {
      const colors = probes.slice(offset, offset + points.length);
      offset += points.length;
      const dark = colors.filter((c) => close(c, TEXT_DARK, 30)).length / colors.length;
      const circle = colors.filter((c) => close(c, violet, 45) || close(c, SYNTHETIC, 45)).length / colors.length;
      // Violet circle around dark count digits.
      if (circle > 0.2 && dark > 0.03) withText += 1;
    }
    expect(withText, `clusters with a count drawn, of ${boxes.length}`).toBeGreaterThanOrEqual(Math.min(3, boxes.length));
    expect(boxes.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'map-clusters.png') });
    await page.evaluate(() => (window.__iocDebug!.map as Probe).setLayers(null));
  }, 150_000);

  it('speaks English with ?lang=en', async () => {
    const english = await signedInPage(browser!, base, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    try {
      await english.goto(`${base}/wall/map?lang=en`, { waitUntil: 'load' });
      await english.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
      const legend = await english.locator('.map-legend').innerText();
      expect(legend).toMatch(/Bed occupancy/);
      expect(legend).toMatch(/Open incidents/);
      expect(legend).toMatch(/Response units/);
      await english.screenshot({ path: path.join(artifacts, 'map-en.png') });
    } finally {
      await english.close();
    }
  }, 100_000);
});
