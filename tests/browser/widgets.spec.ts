/**
 * The showcase wall (/wall/showcase) in a real browser against the whole demo: every widget of
 * the showcase set draws something, the camera tiles show moving pictures from the simulator's
 * camera server, and nothing overlaps or spills at 1920×1080.
 *
 * Env: IOC_SHOWCASE_URL tests an already running IOC (its /wall/showcase) instead of starting
 * `server/dist/demo.js`; IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { signedInPage } from './sign-in.js';
import { launchChromium, readPixels } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');
const externalUrl = process.env.IOC_SHOWCASE_URL;

/** The tile background (styles.css --tile-bg). */
const TILE_BG: [number, number, number] = [11, 20, 36];
const SHOWCASE_TILES = ['clock', 'kpi-procedures', 'gauge-beds', 'camera-junction', 'camera-tour', 'ranking-pm25', 'bars-pm25', 'pie-beds', 'feedback-sla'];


const missing = browserSuitePrerequisite('showcase browser test', { external: Boolean(externalUrl) });

describe.runIf(!missing || REQUIRE_SERVICES)('showcase wall /wall/showcase in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  const bodyBox = async (tile: string) => (await page.locator(`[data-tile="${tile}"] .tile__body`).boundingBox())!;

  beforeAll(async () => {
    if (missing) throw new Error(`showcase browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    let url: string;
    if (externalUrl) url = externalUrl;
    else {
      // The run's shared demo runs short KPI cycles (tests/browser/global-demo.ts), so a fresh
      // database has the district values of the ranking, bars and pie within the test.
      demo = await useDemo();
      url = demo.wallUrl.replace(/\/wall\/main$/, '/wall/showcase');
    }
    browser = await launchChromium();
    page = await signedInPage(browser, url, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(url, { waitUntil: 'load' });
  }, 180_000);

  afterAll(async () => {
    if (page && !page.isClosed()) {
      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'showcase.png') }).catch(() => undefined);
    }
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('gets ready: every tile reports that it drew its data', async () => {
    try {
      await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
    } catch (error) {
      const tiles = await page.evaluate(() => window.__iocTiles);
      throw new Error(`showcase not ready; tiles: ${JSON.stringify(tiles)}; page errors: ${pageErrors.join(' | ')}`, { cause: error });
    }
    expect(await page.locator('[data-tile]').count()).toBe(SHOWCASE_TILES.length);
    expect(pageErrors).toEqual([]);
  }, 100_000);

  it('fits 1920×1080: no overlapping tiles, nothing spilling out of a tile', async () => {
    const layout = await page.evaluate(() => {
      const tiles = [...document.querySelectorAll<HTMLElement>('[data-tile]')].map((element) => {
        const r = element.getBoundingClientRect();
        return { id: element.dataset.tile!, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const overflowing = [...document.querySelectorAll<HTMLElement>('.tile__body')]
        .filter((body) => body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)
        .map((body) => body.parentElement?.dataset.tile);
      return { tiles, overflowing, scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight };
    });
    expect(layout.scrollWidth).toBeLessThanOrEqual(1920);
    expect(layout.scrollHeight).toBeLessThanOrEqual(1080);
    for (const [i, a] of layout.tiles.entries()) {
      expect(a.right, a.id).toBeLessThanOrEqual(1920);
      expect(a.bottom, a.id).toBeLessThanOrEqual(1080);
      for (const b of layout.tiles.slice(i + 1)) {
        expect(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom, `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    expect(layout.overflowing).toEqual([]);
  });

  it('draws something in every tile (not a blank tile background)', async () => {
    // On a fresh demo the simulator registers its cameras a moment after the page loads (a tile
    // says "no camera" until then), and the KPI engine's first values follow.
    for (const tile of ['camera-junction', 'camera-tour']) {
      await page.locator(`[data-tile="${tile}"] img.camera-tile__picture`).waitFor({ state: 'visible', timeout: 60_000 });
    }
    await page.locator('[data-tile="bars-pm25"] [data-testid="breakdown-row"]').first().waitFor({ timeout: 60_000 });
    // A busy machine computes the first district values late: wait generously (they are data, not drawing).
    await page.locator('[data-tile="ranking-pm25"] [data-testid="ranking-row"]').first().waitFor({ timeout: 180_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-tile="pie-beds"] [data-testid="region-pie"]')?.getAttribute('data-slices')) > 0, null, {
      timeout: 180_000,
      polling: 500,
    });
    for (const tile of SHOWCASE_TILES) {
      const stats = await readPixels(page, await bodyBox(tile), TILE_BG, []);
      expect(stats.nonBackgroundShare, `${tile} is blank`).toBeGreaterThan(0.02);
      expect(stats.distinctColors, `${tile} has too few colours to be drawn`).toBeGreaterThan(6);
    }
    // The charts are charts: canvases with ink on them.
    for (const tile of ['gauge-beds', 'pie-beds']) {
      expect(await page.locator(`[data-tile="${tile}"] canvas`).count(), tile).toBeGreaterThan(0);
    }
    expect(await page.locator('[data-tile="bars-pm25"] [data-testid="breakdown-row"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="header-clock-date"]').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  }, 450_000);

  it('shows moving camera pictures streamed from the simulator', async () => {
    for (const tile of ['camera-junction', 'camera-tour']) {
      const img = page.locator(`[data-tile="${tile}"] img.camera-tile__picture`);
      await img.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.locator(`[data-tile="${tile}"] [data-testid="camera-tile"]`).getAttribute('data-mode')).toBe('stream');
      const box = (await img.boundingBox())!;
      // The middle of the picture: the camera's own clock at the bottom must not be what moves.
      const clip = { x: box.x, y: box.y + box.height * 0.15, width: box.width, height: box.height * 0.6 };
      const first = await page.screenshot({ clip });
      await page.waitForTimeout(1_600);
      const second = await page.screenshot({ clip });
      expect(first.equals(second), `${tile} shows a still picture`).toBe(false);
      const stats = await readPixels(page, clip, [0, 0, 0], []);
      expect(stats.distinctColors, `${tile} picture is blank`).toBeGreaterThan(20);
    }
    expect(await page.locator('[data-testid="camera-stale"]').count()).toBe(0);
  }, 60_000);

  it('speaks English with ?lang=en, still fitting its tiles', async () => {
    const english = await signedInPage(browser!, page.url(), { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    try {
      const url = new URL(page.url());
      url.searchParams.set('lang', 'en');
      await english.goto(url.toString(), { waitUntil: 'load' });
      await english.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
      expect(await english.locator('[data-testid="header-clock-date"]').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(await english.locator('[data-testid="feedback-sla"]').innerText()).toMatch(/Done in time/);
      const overflowing = await english.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.tile__body')]
          .filter((body) => body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1)
          .map((body) => body.parentElement?.dataset.tile),
      );
      expect(overflowing).toEqual([]);
      await english.screenshot({ path: path.join(artifacts, 'showcase-en.png') });
    } finally {
      await english.close();
    }
  }, 100_000);

  it('falls back to snapshots with their age when the stream cannot be read', async () => {
    const fallback = await signedInPage(browser!, page.url(), { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 });
    try {
      // Block the MJPEG streams only: the tile must switch to refreshing snapshots.
      await fallback.route('**/stream.mjpeg', (route) => route.abort('connectionrefused'));
      await fallback.goto(page.url(), { waitUntil: 'load' });
      const tile = fallback.locator('[data-tile="camera-junction"] [data-testid="camera-tile"]');
      await fallback.waitForFunction(() => document.querySelector('[data-tile="camera-junction"] [data-testid="camera-age"]') !== null, null, { timeout: 30_000 });
      expect(await tile.getAttribute('data-mode')).toBe('snapshot');
      expect(await fallback.locator('[data-tile="camera-junction"] [data-testid="camera-age"]').innerText()).toMatch(/ảnh chụp cách đây \d+ giây/);
      await fallback.screenshot({ path: path.join(artifacts, 'showcase-snapshot-fallback.png') });
    } finally {
      await fallback.close();
    }
  }, 60_000);
});
