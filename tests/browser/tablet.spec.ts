/**
 * The leader tablet (/tablet) in a real browser against the whole demo, as a 1024×768 touch
 * tablet: province summary with Vietnamese numbers, drill down to a district and a commune, back
 * by the browser and by the breadcrumb, portrait 768×1024, then the link drops (and the server
 * stops): a reload still opens the tablet with the last figures and the offline banner.
 *
 * IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or demo build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, ownDemo, type DemoInstance } from './demo-instance.js';
import { signedInContext } from './sign-in.js';
import { launchChromium } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');


const missing = browserSuitePrerequisite('tablet browser test');

/** Nothing wider than the viewport, touch targets ≥ 44 px, KPI rows not overlapping each other. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const scroller = document.querySelector<HTMLElement>('.tablet')!;
    if (scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`horizontal overflow ${scroller.scrollWidth} > ${scroller.clientWidth}`);
    for (const el of document.querySelectorAll<HTMLElement>('.tablet button')) {
      const r = el.getBoundingClientRect();
      if (r.height < 44 || r.width < 44) problems.push(`small touch target "${el.textContent}" ${Math.round(r.width)}×${Math.round(r.height)}`);
      if (r.right > vw + 1) problems.push(`button "${el.textContent}" past the right edge`);
    }
    const rows = [...document.querySelectorAll<HTMLElement>('.tablet-kpi, .tablet-child, .tablet-event')].map((e) => e.getBoundingClientRect());
    for (let i = 0; i < rows.length; i++) {
      const a = rows[i]!;
      if (a.right > vw + 1) problems.push(`row ${i} past the right edge`);
      for (let j = i + 1; j < rows.length; j++) {
        const b = rows[j]!;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap) problems.push(`rows ${i} and ${j} overlap`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('.tablet-kpi__value, .tablet-kpi__name')) {
      const r = el.getBoundingClientRect();
      const row = el.closest('.tablet-kpi')!.getBoundingClientRect();
      if (r.right > row.right + 1 || r.left < row.left - 1) problems.push(`KPI text "${el.textContent}" outside its row`);
    }
    return problems.slice(0, 10);
  });
}

const current = (page: Page) => page.locator('.tablet-crumb--current').innerText();

describe.runIf(!missing || REQUIRE_SERVICES)('leader tablet /tablet in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  const pageErrors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `tablet-${name}.png`) });

  beforeAll(async () => {
    if (missing) throw new Error(`tablet browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    fs.mkdirSync(artifacts, { recursive: true });
    // A demo of its own: the offline part stops it.
    demo = await ownDemo();
    origin = new URL(demo.wallUrl).origin;
    browser = await launchChromium();
    context = await signedInContext(browser, origin, {}, { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true, isMobile: false, locale: 'vi-VN' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // The offline part makes requests fail on purpose.
      if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to load resource|WebSocket/.test(message.text())) pageErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('shows the province: KPIs against targets in Vietnamese number format, regions, alerts and incidents', async () => {
    await page.goto(`${origin}/tablet`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__tablet?.source === 'network', null, { timeout: 60_000 });
    // The simulator needs a few KPI cycles before values appear.
    await page.waitForFunction(() => document.querySelectorAll('.tablet-kpi[data-value]:not([data-value=""])').length >= 3, null, { timeout: 120_000, polling: 1000 });
    await page.waitForTimeout(1500); // let a refresh after the first deltas settle
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.locator('.tablet-card h2').first().innerText()).toMatch(/Huyện/);
    const numbers = await page.$$eval('.tablet-kpi[data-value]:not([data-value=""])', (rows) =>
      rows.map((r) => {
        const d = Number((r as HTMLElement).dataset.decimals);
        const expected = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: d, maximumFractionDigits: d }).format(Number((r as HTMLElement).dataset.value));
        return { shown: (r.querySelector('.tablet-kpi__value')!.firstChild as Text).textContent!.trim(), expected, pct: r.querySelector('.tablet-kpi__pct')?.textContent ?? null };
      }),
    );
    expect(numbers.length).toBeGreaterThanOrEqual(3);
    for (const n of numbers) expect(n.shown).toBe(n.expected);
    // Vietnamese separators: thousands with '.', decimals with ','.
    expect(numbers.some((n) => /\d\.\d{3}|\d,\d/.test(n.shown) || /\d,\d\u00a0%/.test(n.pct ?? ''))).toBe(true);
    expect(numbers.filter((n) => n.pct).every((n) => /^ · [\d.]+(,\d)?\u00a0%$/.test(n.pct!))).toBe(true);
    expect(await page.locator('.tablet-child').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid=count-alerts]').innerText()).toMatch(/^\d[\d.]* cảnh báo$/);
    expect(await page.locator('.tablet-conn').innerText()).toMatch(/Trực tuyến|Đang kết nối/);
    expect(await page.locator('.tablet-time').innerText()).toMatch(/^Số liệu lúc \d{2}:\d{2}:\d{2}$/);
    expect(await layoutProblems(page)).toEqual([]);
    await shot('province');
    // English on request; the drill-down below starts from the Vietnamese page again.
    await page.goto(`${origin}/tablet?lang=en`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__tablet?.source === 'network' && document.querySelector('[data-testid=count-alerts]') !== null, null, { timeout: 30_000 });
    expect(await page.locator('[data-testid=count-alerts]').innerText()).toMatch(/^\d[\d,]* alerts$/);
    expect(await page.locator('.tablet-card h2').first().innerText()).toBe('Districts and towns');
    await page.goto(`${origin}/tablet`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__tablet?.source === 'network' && document.querySelectorAll('.tablet-child').length > 0, null, { timeout: 30_000 });
    expect(pageErrors).toEqual([]);
  }, 200_000);

  it('drills down by touch: a district lists its communes, a commune shows its own view', async () => {
    const province = await current(page);
    const district = page.locator('.tablet-child').first();
    const districtName = (await district.locator('.tablet-child__name').innerText()).trim();
    const districtId = await district.getAttribute('data-region');
    await district.tap();
    await page.waitForFunction((id) => window.__tablet?.regionId === id && window.__tablet.source === 'network', districtId, { timeout: 30_000 });
    expect(await current(page)).toBe(districtName);
    expect(new URL(page.url()).searchParams.get('region')).toBe(districtId);
    expect(await page.locator('.tablet-crumb[data-region]').allInnerTexts()).toEqual([province]);
    expect(await page.locator('.tablet-card h2').first().innerText()).toMatch(/Xã, phường/);
    expect(await page.locator('.tablet-child').count()).toBeGreaterThanOrEqual(2);
    expect(await layoutProblems(page)).toEqual([]);
    await shot('district');

    const commune = page.locator('.tablet-child').first();
    const communeName = (await commune.locator('.tablet-child__name').innerText()).trim();
    const communeId = await commune.getAttribute('data-region');
    await commune.tap();
    await page.waitForFunction((id) => window.__tablet?.regionId === id && window.__tablet.source === 'network', communeId, { timeout: 30_000 });
    expect(await current(page)).toBe(communeName);
    expect(await page.locator('.tablet-child').count()).toBe(0);
    expect(await page.locator('.tablet-crumb[data-region]').allInnerTexts()).toEqual([province, districtName]);
    expect(await page.locator('.tablet-kpi').count()).toBeGreaterThan(0);
    expect(await layoutProblems(page)).toEqual([]);
    await shot('commune');

    // Browser back returns to the district; the breadcrumb to the province.
    await page.goBack();
    await page.waitForFunction((id) => window.__tablet?.regionId === id, districtId, { timeout: 30_000 });
    expect(await current(page)).toBe(districtName);
    await page.locator('.tablet-crumb[data-region]').first().tap();
    await page.waitForFunction(() => document.querySelector('.tablet-crumb--current')?.textContent !== null && document.querySelectorAll('.tablet-crumb[data-region]').length === 0, null, { timeout: 30_000 });
    expect(await current(page)).toBe(province);
    expect(new URL(page.url()).search).toBe('');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('fits portrait 768×1024 without overflow or overlap', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    expect(await layoutProblems(page)).toEqual([]);
    // One column in portrait: the KPI card sits below the regions.
    const [regions, kpis] = await Promise.all([page.locator('.tablet-children').boundingBox(), page.locator('.tablet-kpis').boundingBox()]);
    expect(kpis!.y).toBeGreaterThan(regions!.y + regions!.height - 1);
    await shot('portrait');
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  it('opens offline after a reload with the last figures and the offline banner', async () => {
    await page.waitForFunction(() => window.__tablet?.swReady === true, null, { timeout: 30_000 });
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/tablet'))?.scope)).toBe(`${origin}/tablet`);
    // The wall is outside the worker's scope.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/wall/main'))?.scope ?? null)).toBeNull();
    const before = await page.locator('.tablet-kpi').count();
    const province = await current(page);
    await context.setOffline(true);
    await demo!.stop(); // nothing answers any more, even outside the browser's offline emulation
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.tablet-banner', { timeout: 30_000 });
    expect(await page.locator('.tablet-banner').innerText()).toMatch(/^Ngoại tuyến — số liệu lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    expect(await current(page)).toBe(province);
    expect(await page.locator('.tablet-kpi').count()).toBe(before);
    expect(await page.locator('.tablet-conn').innerText()).toBe('Mất kết nối');
    expect(await layoutProblems(page)).toEqual([]);
    await shot('offline');
    // A region seen before opens offline too.
    await page.locator('.tablet-child').first().tap();
    await page.waitForFunction(() => window.__tablet?.source === 'stored', null, { timeout: 30_000 });
    expect(await page.locator('.tablet-banner').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
