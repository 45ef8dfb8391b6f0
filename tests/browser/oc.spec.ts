/**
 * The sector OC pages in a real browser against the whole demo (server + embedded DB/broker +
 * simulator): `/oc` lists the sectors; `/oc/health`, `/oc/environment` and `/oc/traffic` draw
 * their modules' layouts, show indicators against targets, drill down from the province to a
 * district's communes with who has not reported, follow the region picked in the header, and
 * speak English with `?lang=en`. Screenshots go to tests/.artifacts/oc-*.png (1920×1080).
 *
 * Env: IOC_WALL_URL tests an already running IOC (its origin) instead of starting
 * `server/dist/demo.js`; IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { adminHeaders, signedInPage } from './sign-in.js';
import { launchChromium } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');
const externalUrl = process.env.IOC_WALL_URL;
const VIEWPORT = { width: 1920, height: 1080 };


const missing = browserSuitePrerequisite('OC browser test', { external: Boolean(externalUrl) });

/** A page that records its errors; `ready()` waits for every tile to have drawn. */
interface OcPage {
  page: Page;
  errors: string[];
  ready(): Promise<void>;
}

/** Geometry of the page: nothing outside 1920×1080, no tile over another, no text spilling out of a tile. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight) problems.push(`page scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
    const header = document.querySelector('header')!.getBoundingClientRect();
    if (header.right > innerWidth + 0.5) problems.push(`header is ${header.right}px wide`);
    for (const element of document.querySelectorAll<HTMLElement>('header > *')) {
      const r = element.getBoundingClientRect();
      if (r.right > innerWidth + 0.5 || r.left < -0.5) problems.push(`header part ${element.className} is cut off`);
    }
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-tile]')].map((element) => ({ id: element.dataset.tile!, r: element.getBoundingClientRect() }));
    for (const { id, r } of tiles) {
      if (r.left < 0 || r.top < header.bottom || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) problems.push(`tile ${id} is outside the screen`);
      if (r.width < 40 || r.height < 40) problems.push(`tile ${id} is ${r.width}×${r.height}`);
    }
    for (const [i, a] of tiles.entries()) {
      for (const b of tiles.slice(i + 1)) {
        if (a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5 && a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5) problems.push(`${a.id} overlaps ${b.id}`);
      }
    }
    for (const body of document.querySelectorAll<HTMLElement>('.tile__body')) {
      if (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1) problems.push(`tile ${body.parentElement?.dataset.tile} spills out of its box`);
      // Blank = no text and nothing drawn (a chart or map canvas).
      if (!body.innerText.trim() && !body.querySelector('canvas')) problems.push(`tile ${body.parentElement?.dataset.tile} is blank`);
    }
    return problems;
  });
}

/** KPI tiles that show a number, and those of them that show a target next to it. */
async function kpiTileNumbers(page: Page): Promise<{ withNumber: string[]; withTarget: string[] }> {
  return page.evaluate(() => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid="kpi-tile"]')];
    const withNumber = tiles.filter((t) => /\d/.test(t.querySelector('[data-testid="kpi-value"]')?.textContent ?? '')).map((t) => t.dataset.kpi!);
    const withTarget = tiles
      .filter((t) => withNumber.includes(t.dataset.kpi!) && /(Mục tiêu|Target)\D*\d/.test(t.querySelector('[data-testid="kpi-target"]')?.textContent ?? ''))
      .map((t) => t.dataset.kpi!);
    return { withNumber, withTarget };
  });
}

describe.runIf(!missing || REQUIRE_SERVICES)('sector OC pages /oc/:sector in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let origin: string;
  const opened: OcPage[] = [];

  async function open(pathAndQuery: string): Promise<OcPage> {
    const page = await signedInPage(browser!, origin, { viewport: VIEWPORT, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${origin}${pathAndQuery}`, { waitUntil: 'load' });
    const ocPage: OcPage = {
      page,
      errors,
      async ready() {
        try {
          await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
        } catch (error) {
          const tiles = await page.evaluate(() => window.__iocTiles);
          throw new Error(`${pathAndQuery} not ready; tiles: ${JSON.stringify(tiles)}; page errors: ${errors.join(' | ')}`, { cause: error });
        }
      },
    };
    opened.push(ocPage);
    return ocPage;
  }

  /** Waits (the KPI engine computes every minute) until `count` tiles show a number and `targets` of them a target. */
  async function waitForKpiNumbers(page: Page, count: number, targets: number): Promise<{ withNumber: string[]; withTarget: string[] }> {
    const deadline = Date.now() + 150_000;
    let seen = await kpiTileNumbers(page);
    while (Date.now() < deadline && (seen.withNumber.length < count || seen.withTarget.length < targets)) {
      await page.waitForTimeout(2_000);
      seen = await kpiTileNumbers(page);
    }
    return seen;
  }

  const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(artifacts, `oc-${name}.png`) });

  beforeAll(async () => {
    if (missing) throw new Error(`OC browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    fs.mkdirSync(artifacts, { recursive: true });
    if (externalUrl) origin = new URL(externalUrl).origin;
    else {
      // The run's shared demo (tests/browser/global-demo.ts), or one of its own outside it.
      demo = await useDemo();
      origin = new URL(demo.wallUrl).origin;
    }
    browser = await launchChromium();
  }, 180_000);

  // A page left open keeps its live topics and WebGL map busy and slows the next one down.
  afterEach(async () => {
    for (const { page } of opened.splice(0)) await page.close().catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('/oc lists the sectors, each opening its OC page', async () => {
    const index = await open('/oc');
    await index.ready();
    const cards = await index.page.locator('[data-testid="sector-card"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href')));
    expect(cards).toEqual(expect.arrayContaining(['/oc/health', '/oc/environment', '/oc/traffic']));
    expect(await index.page.locator('h1').innerText()).toMatch(/TRUNG TÂM ĐIỀU HÀNH/i);
    await shoot(index.page, 'index');
    expect(await layoutProblems(index.page)).toEqual([]);
    expect(index.errors).toEqual([]);
  }, 120_000);

  it('/oc/health draws every tile of the module layout and shows indicators against targets', async () => {
    const health = await open('/oc/health');
    await health.ready();
    expect(await health.page.locator('h1').innerText()).toMatch(/Y TẾ/i);
    await health.page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'connected', null, { timeout: 30_000 });
    // Hospitals report every few minutes; their indicators (bed occupancy has a target) come with the first KPI cycles.
    const kpis = await waitForKpiNumbers(health.page, 3, 1);
    expect(kpis.withNumber.length, `KPI tiles with a number: ${kpis.withNumber.join(', ')}`).toBeGreaterThanOrEqual(3);
    expect(kpis.withTarget.length, `KPI tiles with a target: ${kpis.withTarget.join(', ')}`).toBeGreaterThanOrEqual(1);
    // The layout's alert list follows the sector's alerts (`alerts:health`): a list, or its "none" note.
    const alertTile = health.page.locator('[data-widget="alert-list"] .tile__body');
    expect(await alertTile.count()).toBe(1);
    expect(await alertTile.innerText()).toMatch(/\S/);
    expect(await health.page.locator('[data-widget="alert-list"] [data-testid="alert-list"]').evaluateAll((lists) => lists.every((l) => l.getAttribute('data-sector') === 'health'))).toBe(true);
    expect(await health.page.locator('[data-testid="report-status"]').count()).toBe(2);
    await shoot(health.page, 'health');
    expect(await layoutProblems(health.page)).toEqual([]);
    expect(health.errors).toEqual([]);
  }, 240_000);

  it('answers "which districts are behind on immunisation this quarter, and who has not reported?"', async () => {
    const health = await open('/oc/health?period=quarter');
    await health.ready();
    const widget = health.page.locator('[data-testid="kpi-by-region"]').first();
    await widget.locator('[data-level="district"]').click();
    await widget.locator('[data-testid="breakdown-kpi"]').selectOption('health.immunisation_coverage');
    await health.page.waitForFunction(
      () => {
        const w = document.querySelector('[data-testid="kpi-by-region"]');
        return w?.getAttribute('data-kpi') === 'health.immunisation_coverage' && w.querySelectorAll('[data-testid="breakdown-reporting"]').length > 0;
      },
      null,
      { timeout: 30_000 },
    );
    // Districts, worst first, each saying how many communes reported and who is missing.
    const firstRow = widget.locator('[data-testid="breakdown-row"]').first();
    const district = (await firstRow.getAttribute('data-region-id'))!;
    expect(district).toMatch(/^bp-[a-z-]+$/);
    expect(await firstRow.locator('[data-testid="breakdown-reporting"]').innerText()).toMatch(/\d+\/\d+ đơn vị đã báo cáo/);
    expect(await widget.locator('.chip--static').innerText()).toMatch(/Quý \d\/\d{4}/);
    // The tile's title follows the indicator picked.
    expect(await health.page.locator('[data-widget="kpi-by-region"] .tile__title').first().innerText()).toMatch(/tiêm chủng.*theo địa bàn/i);
    // The reporting tiles cover the quarter too, with the consolidated report to download.
    const status = health.page.locator('[data-testid="report-status"]').first();
    expect(await status.innerText()).toMatch(/Quý \d\/\d{4}/);
    const csv = await health.page.request.get(`${origin}${await status.locator('[data-testid="report-export-csv"]').getAttribute('href')}`, { headers: await adminHeaders(origin) });
    expect(csv.status()).toBe(200);
    const xlsx = await health.page.request.get(`${origin}${await status.locator('[data-testid="report-export-xlsx"]').getAttribute('href')}`, { headers: await adminHeaders(origin) });
    expect(xlsx.status()).toBe(200);

    // Drill down: the district's communes, and a breadcrumb back to the province.
    await firstRow.click();
    await health.page.waitForFunction((id) => document.querySelector('[data-testid="kpi-by-region"]')?.getAttribute('data-root') === id, district, { timeout: 30_000 });
    await health.page.waitForFunction(
      (id) => [...document.querySelectorAll('[data-testid="kpi-by-region"] [data-testid="breakdown-row"]')].some((row) => row.getAttribute('data-region-id')?.startsWith(`${id}-`)),
      district,
      { timeout: 30_000 },
    );
    const communes = await widget.locator('[data-testid="breakdown-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region-id')));
    expect(communes.every((id) => id?.startsWith(`${district}-`))).toBe(true);
    const crumbs = widget.locator('[data-testid="breadcrumb"] .breadcrumb__item');
    expect(await crumbs.count()).toBe(2);
    await shoot(health.page, 'health-drill');
    expect(await layoutProblems(health.page)).toEqual([]);
    await crumbs.first().locator('button').click();
    await health.page.waitForFunction(() => document.querySelector('[data-testid="kpi-by-region"]')?.getAttribute('data-root') === 'bp', null, { timeout: 30_000 });
    expect(health.errors).toEqual([]);
  }, 240_000);

  it('follows the region picked in the header: KPI widgets show that district and the address keeps it', async () => {
    const health = await open('/oc/health');
    await health.ready();
    await waitForKpiNumbers(health.page, 3, 1);
    const district = health.page.locator('[data-testid="region-district"]');
    const options = await district.locator('option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(options.length).toBeGreaterThanOrEqual(5);
    await district.selectOption('bp-dong-xoai');
    await health.page.waitForFunction(() => new URLSearchParams(location.search).get('region') === 'bp-dong-xoai', null, { timeout: 10_000 });
    await health.page.waitForFunction(() => document.querySelector('[data-testid="kpi-by-region"]')?.getAttribute('data-root') === 'bp-dong-xoai', null, { timeout: 30_000 });
    // The commune picker now lists the district's communes.
    const communes = await health.page.locator('[data-testid="region-commune"] option').evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(communes.length).toBeGreaterThan(0);
    expect(communes.every((id) => id.startsWith('bp-dong-xoai-'))).toBe(true);
    // Đồng Xoài has the provincial hospital: its own indicators arrive over kpi:health:bp-dong-xoai.
    const kpis = await waitForKpiNumbers(health.page, 2, 0);
    expect(kpis.withNumber.length).toBeGreaterThanOrEqual(2);
    await shoot(health.page, 'health-district');
    expect(await layoutProblems(health.page)).toEqual([]);
    expect(health.errors).toEqual([]);
  }, 240_000);

  it('/oc/environment shows air quality against its targets and updates it live', async () => {
    const environment = await open('/oc/environment');
    await environment.ready();
    expect(await environment.page.locator('h1').innerText()).toMatch(/MÔI TRƯỜNG/i);
    const kpis = await waitForKpiNumbers(environment.page, 3, 1);
    expect(kpis.withNumber).toEqual(expect.arrayContaining(['environment.pm25_avg']));
    expect(kpis.withTarget).toEqual(expect.arrayContaining(['environment.pm25_avg']));
    // The realtime window moves every engine cycle: a delta on kpi:environment:bp redraws the tile without a reload.
    await environment.page.locator('[data-testid="period-selector"] [data-period="realtime"]').click();
    const pm25 = environment.page.locator('[data-testid="kpi-tile"][data-kpi="environment.pm25_avg"]');
    await environment.page.waitForFunction(() => document.querySelector('[data-kpi="environment.pm25_avg"][data-testid="kpi-tile"]')?.getAttribute('data-period') === 'realtime');
    await environment.page.waitForFunction(() => /\d/.test(document.querySelector('[data-kpi="environment.pm25_avg"] [data-testid="kpi-computed-at"]')?.textContent ?? ''), null, { timeout: 90_000 });
    const before = await pm25.locator('[data-testid="kpi-computed-at"]').innerText();
    await environment.page.waitForFunction(
      (previous) => {
        const text = document.querySelector('[data-kpi="environment.pm25_avg"] [data-testid="kpi-computed-at"]')?.textContent ?? '';
        return /\d/.test(text) && text !== previous;
      },
      before,
      { timeout: 150_000, polling: 1_000 },
    );
    await environment.page.locator('[data-testid="period-selector"] [data-period="auto"]').click();
    const byRegion = environment.page.locator('[data-testid="kpi-by-region"]').first();
    await byRegion.locator('[data-testid="breakdown-row"]').first().waitFor({ timeout: 30_000 });
    await shoot(environment.page, 'environment');
    expect(await layoutProblems(environment.page)).toEqual([]);
    expect(environment.errors).toEqual([]);
  }, 360_000);

  it('/oc/traffic draws its layout', async () => {
    const traffic = await open('/oc/traffic');
    await traffic.ready();
    expect(await traffic.page.locator('h1').innerText()).toMatch(/GIAO THÔNG/i);
    const kpis = await waitForKpiNumbers(traffic.page, 2, 0);
    expect(kpis.withNumber.length).toBeGreaterThanOrEqual(2);
    await shoot(traffic.page, 'traffic');
    expect(await layoutProblems(traffic.page)).toEqual([]);
    expect(traffic.errors).toEqual([]);
  }, 240_000);

  it('speaks English with ?lang=en', async () => {
    const english = await open('/oc/health?lang=en');
    await english.ready();
    expect(await english.page.locator('h1').innerText()).toMatch(/Health operations centre/i);
    expect(await english.page.locator('[data-testid="period-selector"]').innerText()).toMatch(/Quarter/);
    expect(await english.page.locator('[data-testid="region-district"] option').first().innerText()).toBe('Whole province');
    await waitForKpiNumbers(english.page, 3, 1);
    // Numbers in English conventions, and links that keep the language.
    expect(await english.page.locator('.oc-header__back').getAttribute('href')).toBe('/oc?lang=en');
    await shoot(english.page, 'health-en');
    expect(await layoutProblems(english.page)).toEqual([]);
    expect(english.errors).toEqual([]);
  }, 240_000);
});
