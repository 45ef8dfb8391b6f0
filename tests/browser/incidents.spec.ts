/**
 * The incident console `/incidents` in a real browser against the whole demo (server + embedded
 * DB/broker + simulator with its unit fleet): an incident created over REST near a district centre
 * shows in the live queue within 2 s; selected, it offers the nearest units; Assign dispatches one,
 * whose crew acknowledges over MQTT (the fleet simulator) and the console shows it; a playbook step
 * is ticked and a chat message sent, both landing on the timeline; the map draws districts,
 * incidents and units; `?lang=en` speaks English. Screenshot: tests/.artifacts/incidents.png.
 *
 * Env: IOC_WALL_URL tests an already running IOC (its origin) instead of starting
 * `server/dist/demo.js`; IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { adminHeaders, signedInPage } from './sign-in.js';
import { launchChromium, readPixels } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');
const externalUrl = process.env.IOC_WALL_URL;
const VIEWPORT = { width: 1920, height: 1080 };
/** ioc-web/src/widgets/province-map/map-style.ts MAP_BACKGROUND. */
const MAP_BACKGROUND: [number, number, number] = [0x0a, 0x13, 0x22];
const CRITICAL_RED: [number, number, number] = [239, 68, 68];


const missing = browserSuitePrerequisite('incidents browser test', { external: Boolean(externalUrl) });

interface RegionFeature {
  properties: { id: string; name: string; level: string; center: [number, number] };
}

describe.runIf(!missing || REQUIRE_SERVICES)('incident console /incidents in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let origin: string;

  async function api<T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<T> {
    const response = await fetch(`${origin}/api/v1${pathAndQuery}`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(await adminHeaders(origin)) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery}: HTTP ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function open(pathAndQuery: string): Promise<{ page: Page; errors: string[] }> {
    const page = await signedInPage(browser!, origin, { viewport: VIEWPORT, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${origin}${pathAndQuery}`, { waitUntil: 'load' });
    try {
      await page.waitForFunction(() => window.__iocReady === true, null, { timeout: 90_000, polling: 250 });
    } catch (error) {
      const tiles = await page.evaluate(() => window.__iocTiles);
      throw new Error(`${pathAndQuery} not ready; parts: ${JSON.stringify(tiles)}; page errors: ${errors.join(' | ')}`, { cause: error });
    }
    return { page, errors };
  }

  beforeAll(async () => {
    if (missing) throw new Error(`incidents browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    fs.mkdirSync(artifacts, { recursive: true });
    if (externalUrl) origin = new URL(externalUrl).origin;
    else {
      // The run's shared demo (tests/browser/global-demo.ts), or one of its own outside it.
      demo = await useDemo();
      origin = new URL(demo.wallUrl).origin;
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('queues a new incident live, dispatches the suggested unit (acknowledged over MQTT), ticks the playbook, chats, and draws the map', async () => {
    const { page, errors } = await open('/incidents');
    await page.waitForFunction(() => document.querySelector('[data-testid="connection"]')?.getAttribute('data-state') === 'connected', null, { timeout: 30_000 });

    // A fire a little off the centre of the first district (units are stationed around the districts).
    const districts = await api<{ features: RegionFeature[] }>('GET', '/regions?level=district');
    const district = districts.features[0]!;
    const [lon, lat] = district.properties.center;
    const title = `Cháy kho thử nghiệm ${Date.now()}`;
    const created = await api<{ id: string; code: string; regionId: string | null }>('POST', '/incidents', { type: 'fire', title, lon: lon + 0.004, lat: lat + 0.003, createdBy: 'browser-test' });
    const row = page.locator(`[data-testid="queue-row"][data-incident-id="${created.id}"]`);
    // Live from the `incidents` topic, no reload: within 2 s.
    await row.waitFor({ state: 'visible', timeout: 2_000 });
    expect(await row.innerText()).toContain(created.code);
    expect(await row.innerText()).toContain(title);
    // A critical fire with its SLA running is at or near the top (nothing else is overdue in a fresh demo, or it is above).
    const order = await page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-incident-id'), overdue: r.getAttribute('data-overdue') })));
    const position = order.findIndex((r) => r.id === created.id);
    expect(order.slice(0, position).every((r) => r.overdue === 'true' || r.id !== created.id)).toBe(true);

    await row.click();
    const detail = page.locator(`[data-testid="incident-detail"][data-incident-id="${created.id}"]`);
    await detail.waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-testid="incident-state"]').innerText()).toBe('Tiếp nhận');
    // The allowed next states of an immediate-handling incident in `received`.
    expect(await detail.locator('[data-testid="incident-actions"] button').allInnerTexts()).toEqual(['Xác minh', 'Điều lực lượng', 'Hủy bỏ']);

    // Suggested units, nearest first, with type, distance and ETA.
    const suggestion = page.locator('[data-testid="suggestion"]').first();
    await suggestion.waitFor({ timeout: 15_000 });
    const suggestionText = await suggestion.innerText();
    expect(suggestionText).toMatch(/PCCC|Cấp cứu|Công an/);
    expect(suggestionText).toMatch(/\d+(,\d)? ?k?m/);
    expect(suggestionText).toMatch(/đến sau \d\d:\d\d/);
    const unitId = (await suggestion.getAttribute('data-unit-id'))!;
    await suggestion.locator('[data-testid="assign"]').click();

    const assignment = page.locator(`[data-testid="assignment"][data-unit-id="${unitId}"]`);
    await assignment.waitFor({ timeout: 10_000 });
    expect(['pending', 'acknowledged']).toContain(await assignment.getAttribute('data-state'));
    // The fleet simulator's crew acknowledges over MQTT after a few seconds; the `units` topic brings it.
    await page.waitForSelector(`[data-testid="assignment"][data-unit-id="${unitId}"][data-state="acknowledged"], [data-testid="assignment"][data-unit-id="${unitId}"][data-state="arrived"]`, { timeout: 60_000 });
    expect(await assignment.locator('[data-testid="assignment-state"]').innerText()).toMatch(/Đã nhận lệnh|Đã đến/);
    // Assigning moved the incident to "dispatched" (its procedure allows it), live.
    await page.waitForFunction((id) => document.querySelector(`[data-testid="incident-detail"][data-incident-id="${id}"]`)?.getAttribute('data-state') === 'dispatched', created.id, { timeout: 15_000 });
    await page.locator('[data-testid="timeline"] li[data-kind="unit-acknowledged"]').waitFor({ timeout: 15_000 });

    // Tick a playbook step: checked, and on the timeline.
    const step = detail.locator('[data-testid="checklist-step"][data-step-id="confirm-camera"]');
    await step.check();
    await page.waitForFunction(() => (document.querySelector('[data-step-id="confirm-camera"]') as HTMLInputElement | null)?.checked === true, null, { timeout: 10_000 });
    await page.locator('[data-testid="timeline"] li[data-kind="step-done"]').waitFor({ timeout: 10_000 });

    // Chat: a coordinator's note, shown with its author in the chat and on the timeline.
    const message = `Đã liên hệ đội PCCC khu vực ${Date.now() % 10_000}`;
    await page.locator('[data-testid="actor"]').fill('Nguyễn Văn An');
    await page.locator('[data-testid="chat-input"]').fill(message);
    await page.locator('[data-testid="chat-send"]').click();
    await page.locator('[data-testid="timeline"] li[data-kind="note"]', { hasText: message }).waitFor({ timeout: 10_000 });
    const line = page.locator('[data-testid="chat-line"]', { hasText: message });
    await line.waitFor({ timeout: 10_000 });
    expect(await line.innerText()).toContain('Nguyễn Văn An');
    // …and one to the units on the incident, over the dispatch group channel.
    await page.locator('[data-testid="chat-to-units"]').check();
    await page.locator('[data-testid="chat-input"]').fill('Tiếp cận từ cổng phía Bắc');
    await page.locator('[data-testid="chat-send"]').click();
    await page.locator('[data-testid="chat-line"].inc-chat__line--units', { hasText: 'Tiếp cận từ cổng phía Bắc' }).waitFor({ timeout: 10_000 });
    const group = await api<{ items: Array<{ text: string; from: string }> }>('GET', `/dispatch/messages?incidentId=${created.id}`);
    expect(group.items.some((m) => m.text === 'Tiếp cận từ cổng phía Bắc' && m.from === 'Nguyễn Văn An')).toBe(true);

    // The map drew: districts and dots over the background, and the selected (critical, red) incident where it is.
    await page.waitForSelector('[data-testid="incident-map"][data-drawn="true"]', { timeout: 30_000 });
    // Units on the map (the fleet's units register as they first report; the console fetches late ones).
    await page.waitForFunction(() => ((window.__iocDebug?.incidentMap as { unitCount(): number } | undefined)?.unitCount() ?? 0) > 5, null, { timeout: 20_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, 'incidents.png') });
    const box = (await page.locator('[data-testid="incident-map"]').boundingBox())!;
    const at = await page.evaluate(([x, y]) => (window.__iocDebug!.incidentMap as { project(lon: number, lat: number): { x: number; y: number } }).project(x!, y!), [lon + 0.004, lat + 0.003]);
    const clip = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
    const pixels = await readPixels(page, clip, MAP_BACKGROUND, [CRITICAL_RED], [at]);
    expect(pixels.nonBackgroundShare, 'share of the map that is not background').toBeGreaterThan(0.2);
    expect(pixels.distinctColors).toBeGreaterThan(8);
    expect(pixels.targetShare, 'critical-red pixels (the incident dot)').toBeGreaterThan(0);
    // The incident's red dot is drawn over the units (one of them may already be on its way there).
    const [r, g, b] = pixels.probes[0]!;
    expect(r > 180 && g < 120 && b < 120, `pixel at the incident is rgb(${r},${g},${b})`).toBe(true);
    // …and the available units (green) around the districts.
    const green = await readPixels(page, clip, MAP_BACKGROUND, [[74, 222, 128]]); // available (ioc-web/src/colors/severity.ts)
    expect(green.targetShare, 'available-unit green pixels').toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, 'incidents-map.png'), clip });

    // Nothing scrolls the page or spills off the screen.
    const scroll = await page.evaluate(() => ({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight }));
    expect(scroll).toEqual({ w: VIEWPORT.width, h: VIEWPORT.height });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('the public-order OC page shows its alerts, the open incidents and the police units live (alert-list, incident-queue, unit-list widgets)', async () => {
    const open0 = await api<{ items: Array<{ id: string; code: string }> }>('GET', '/incidents?open=true');
    expect(open0.items.length).toBeGreaterThan(0);
    const { page, errors } = await open('/oc/security');
    const queue = page.locator('[data-widget="incident-queue"] [data-testid="incident-queue-widget"]');
    await queue.waitFor({ timeout: 10_000 });
    expect(await queue.innerText()).toContain(open0.items[0]!.code);
    // A new incident appears on the wall tile without a reload.
    const created = await api<{ id: string; code: string }>('POST', '/incidents', { type: 'public-disorder', title: 'Tụ tập gây rối trước chợ', lon: 106.9, lat: 11.54, createdBy: 'browser-test' });
    await page.locator(`[data-widget="incident-queue"] li[data-incident-id="${created.id}"]`).waitFor({ timeout: 5_000 });
    // The sector's alerts (`alerts:security`), or the note that there are none.
    const alerts = page.locator('[data-widget="alert-list"] .tile__body');
    expect(await alerts.innerText()).toMatch(/\S/);
    expect(await page.locator('[data-widget="alert-list"] [data-testid="alert-list"]').evaluateAll((lists) => lists.every((l) => l.getAttribute('data-sector') === 'security'))).toBe(true);
    // Police units only (the tile's option), with status and district.
    const units = page.locator('[data-widget="unit-list"] [data-testid="unit-list"]');
    await units.waitFor({ timeout: 10_000 });
    expect(await units.innerText()).toMatch(/\d+\/\d+ sẵn sàng/);
    expect(await units.innerText()).toContain('CA113');
    expect(await units.innerText()).not.toContain('PC114');
    const spill = await page.evaluate(() =>
      ['alert-list', 'incident-queue', 'unit-list'].filter((id) => {
        const body = document.querySelector<HTMLElement>(`[data-widget="${id}"] .tile__body`)!;
        return body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1;
      }),
    );
    expect(spill).toEqual([]);
    await page.screenshot({ path: path.join(artifacts, 'incidents-oc-security.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('lists field reports, opens an incident from one, and speaks English with ?lang=en', async () => {
    const categories = await api<{ items: Array<{ id: string }> }>('GET', '/feedback-categories');
    const report = await api<{ id: string; code: string }>('POST', '/feedback', {
      category: categories.items[0]!.id,
      text: 'Ổ gà lớn giữa đường, nguy hiểm cho xe máy',
      lon: 106.9,
      lat: 11.54,
      channel: 'app',
      // An 8×8 PNG: the inbox shows it as the report's thumbnail.
      photos: [{ contentType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4EaCBFTEMLQkAaplQAc/OcKAAAAAASUVORK5CYII=' }],
    });
    const { page, errors } = await open('/incidents?lang=en');
    expect(await page.locator('h1').innerText()).toBe('Incident coordination');
    expect(await page.locator('[data-testid="tab-queue"]').innerText()).toMatch(/^Incidents \(\d+\)$/);
    await page.locator('[data-testid="tab-reports"]').click();
    const item = page.locator(`[data-testid="report"][data-report-id="${report.id}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.innerText()).toContain(report.code);
    expect(await item.innerText()).toMatch(/Due \d\d:\d\d|Overdue/);
    await page.waitForFunction((id) => (document.querySelector(`[data-report-id="${id}"] img.inc-report__photo`) as HTMLImageElement | null)?.naturalWidth === 8, report.id, { timeout: 10_000 });
    await item.locator('[data-testid="report-process"]').click();
    await page.waitForSelector(`[data-testid="report"][data-report-id="${report.id}"][data-state="processing"]`, { timeout: 10_000 });
    await item.locator('[data-testid="report-to-incident"]').click();
    // The console switches to the new incident, with English labels.
    const detail = page.locator('[data-testid="incident-detail"]');
    await detail.waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-testid="incident-state"]').innerText()).toBe('Received');
    await detail.locator('[data-testid="links"]').waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-testid="links"]').innerText()).toContain('Field report');
    expect(await page.locator('.inc-section h3').allInnerTexts()).toEqual(expect.arrayContaining(['PLAYBOOK', 'TIMELINE', 'CHAT']));
    await page.screenshot({ path: path.join(artifacts, 'incidents-en.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
