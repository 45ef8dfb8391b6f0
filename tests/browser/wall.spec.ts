/**
 * The main wall in a real browser against the whole demo (server + embedded DB/broker +
 * simulator): it must draw every tile, fit 1920×1080, show the map and live values.
 *
 * Env: IOC_WALL_URL tests an already running IOC instead of starting `server/dist/demo.js`;
 * IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or demo build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { signedInPage } from './sign-in.js';
import { launchChromium, parseDisplayedInteger, readPixels } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');
const externalWallUrl = process.env.IOC_WALL_URL;

/** Colours the wall draws (ioc-web map-style.ts and map-layers.ts), blended as Chromium shows them. */
const MAP_BACKGROUND: [number, number, number] = [10, 19, 34];
/** `--tile-bg` of ioc-web/src/styles.css. */
const TILE_BACKGROUND: [number, number, number] = [11, 20, 36];
const DISTRICT_FILLS: Array<[number, number, number]> = [
  [29, 55, 91],
  [23, 46, 79],
];
const PROVINCE_CENTRE = { lon: 106.9, lat: 11.75 };


const missing = browserSuitePrerequisite('wall browser test', { external: Boolean(externalWallUrl) });

describe.runIf(!missing || REQUIRE_SERVICES)('wall /wall/main in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let wallUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`wall browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    if (externalWallUrl) wallUrl = externalWallUrl;
    else {
      // The run's shared demo (tests/browser/global-demo.ts), or one of its own outside it.
      demo = await useDemo();
      wallUrl = demo.wallUrl;
    }
    browser = await launchChromium();
    page = await signedInPage(browser, wallUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(wallUrl, { waitUntil: 'load' });
  }, 180_000);

  afterAll(async () => {
    if (page && !page.isClosed()) {
      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'wall-main.png') }).catch(() => undefined);
    }
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('gets ready: every tile reports that it drew its data', async () => {
    try {
      await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
    } catch (error) {
      const tiles = await page.evaluate(() => window.__iocTiles);
      throw new Error(`wall not ready; tiles: ${JSON.stringify(tiles)}; page errors: ${pageErrors.join(' | ')}`, { cause: error });
    }
    expect(pageErrors).toEqual([]);
  }, 100_000);

  it('fits 1920×1080 with no scrollbars and no overlapping or clipped tiles', async () => {
    const layout = await page.evaluate(() => {
      const root = document.documentElement;
      const tiles = [...document.querySelectorAll<HTMLElement>('[data-tile]')].map((element) => {
        const r = element.getBoundingClientRect();
        return { id: element.dataset.tile!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const header = document.querySelector('header')!.getBoundingClientRect();
      return { scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight, tiles, headerBottom: header.bottom };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(1920);
    expect(layout.scrollHeight).toBeLessThanOrEqual(1080);
    expect(layout.tiles.length).toBeGreaterThanOrEqual(4);
    for (const tile of layout.tiles) {
      expect(tile.left, tile.id).toBeGreaterThanOrEqual(0);
      expect(tile.top, tile.id).toBeGreaterThanOrEqual(layout.headerBottom);
      expect(tile.right, tile.id).toBeLessThanOrEqual(1920);
      expect(tile.bottom, tile.id).toBeLessThanOrEqual(1080);
    }
    for (const [i, a] of layout.tiles.entries()) {
      for (const b of layout.tiles.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    // Nothing inside a tile spills out of it either (text that would be cut off on the wall).
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.tile__body')]
        .filter((body) => body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)
        .map((body) => body.parentElement?.dataset.tile),
    );
    expect(overflowing).toEqual([]);
  });

  it('draws content in every tile, judged by its pixels, not only its DOM', async () => {
    const tiles = await page.locator('[data-tile]').evaluateAll((elements) => elements.map((e) => (e as HTMLElement).dataset.tile!));
    expect(tiles.length).toBeGreaterThanOrEqual(4);
    for (const id of tiles) {
      const box = (await page.locator(`[data-tile="${id}"] .tile__body`).boundingBox())!;
      const stats = await readPixels(page, box, TILE_BACKGROUND, []);
      // Text, numbers, chart lines or map: a drawn tile is far from a flat background.
      expect(stats.nonBackgroundShare, `tile "${id}" looks empty`).toBeGreaterThan(0.03);
      expect(stats.distinctColors, `tile "${id}" shows too few colours to hold content`).toBeGreaterThan(8);
    }
  });

  it('draws the map: a non-blank canvas with the district polygons of the province', async () => {
    const map = page.locator('[data-tile="map"] .tile__body');
    const box = (await map.boundingBox())!;
    const regionCount = await page.evaluate(() => (window.__iocDebug?.map as { regionCount(): number }).regionCount());
    expect(regionCount).toBeGreaterThanOrEqual(5);
    const centre = await page.evaluate(
      ({ lon, lat }) => (window.__iocDebug?.map as { project(lon: number, lat: number): { x: number; y: number } }).project(lon, lat),
      PROVINCE_CENTRE,
    );
    expect(centre.x).toBeGreaterThan(box.x);
    expect(centre.x).toBeLessThan(box.x + box.width);
    const stats = await readPixels(page, box, MAP_BACKGROUND, DISTRICT_FILLS);
    expect(stats.nonBackgroundShare, 'map tile is mostly empty background').toBeGreaterThan(0.3);
    expect(stats.distinctColors, 'map shows too few colours to be drawn').toBeGreaterThan(20);
    expect(stats.targetShare, 'district fill colour covers too little of the map').toBeGreaterThan(0.15);
  });

  it('counts online sources', async () => {
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'connected', null, {
      timeout: 30_000,
    });
    // The simulator registers its sources once the server answers, which may be after the page
    // loaded on a busy machine: the wall must pick them up without a reload.
    await page.waitForFunction(() => Number((document.querySelector('[data-testid="online-total"]')?.textContent ?? '0').replace(/\D/g, '')) > 0, null, {
      timeout: 60_000,
      polling: 500,
    });
    const online = parseDisplayedInteger(await page.locator('[data-testid="online-total"]').innerText());
    expect(online).toBeGreaterThan(0);
  }, 90_000);

  it('updates values live without a reload', async () => {
    const table = page.locator('[data-testid="latest-values"] tbody');
    const lastUpdate = page.locator('[data-testid="last-update"]');
    const before = { table: await table.innerText(), lastUpdate: await lastUpdate.innerText() };
    await page.waitForFunction(
      (previous) =>
        document.querySelector('[data-testid="latest-values"] tbody')?.textContent !== previous.tableText &&
        document.querySelector('[data-testid="last-update"]')?.textContent !== previous.lastUpdateText,
      { tableText: await table.textContent(), lastUpdateText: await lastUpdate.textContent() },
      { timeout: 90_000, polling: 500 },
    );
    expect(await table.innerText()).not.toBe(before.table);
    expect(await lastUpdate.innerText()).not.toBe(before.lastUpdate);
  }, 100_000);

  it('speaks English with ?lang=en', async () => {
    const english = await signedInPage(browser!, wallUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    try {
      await english.goto(`${wallUrl}?lang=en`, { waitUntil: 'load' });
      await english.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
      expect(await english.locator('h1').innerText()).toMatch(/Operations Center/i);
      await english.screenshot({ path: path.join(artifacts, 'wall-main-en.png') });
    } finally {
      await english.close();
    }
  }, 100_000);
});
