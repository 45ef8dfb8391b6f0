/**
 * The admin page (/admin) in a real browser against the whole demo: sources listed and filtered,
 * a source registered through PUT /api/v1/sources (the server's field error shown next to the
 * field first), a rule disabled and re-enabled with the state surviving reloads, a KPI target set
 * and read back from the API, and the wall layout editor.
 *
 * IOC_TEST_REQUIRE_SERVICES=1 turns a missing Chromium or demo build into a failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { adminHeaders, signedInPage } from './sign-in.js';
import { launchChromium } from './wall-browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'tests/.artifacts');


const missing = browserSuitePrerequisite('admin browser test');

describe.runIf(!missing || REQUIRE_SERVICES)('admin /admin in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let origin: string;
  /** The suite's own API calls, as admin. */
  const api = async (p: string) => fetch(`${origin}${p}`, { headers: await adminHeaders(origin) });
  const pageErrors: string[] = [];
  const sourceRows = () => page.locator('[data-table=sources] tbody tr');

  beforeAll(async () => {
    if (missing) throw new Error(`admin browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    fs.mkdirSync(artifacts, { recursive: true });
    // The run's shared demo (tests/browser/global-demo.ts), or one of its own outside it.
    demo = await useDemo();
    origin = new URL(demo.wallUrl).origin;
    browser = await launchChromium();
    page = await signedInPage(browser, origin, { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      // A refused PUT (422) is logged by Chromium as a failed resource; the test provokes those.
      if (message.type() === 'error' && !/status of 422|status of 404/.test(message.text())) pageErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('lists sources with sector, kind, district, state and last seen, and filters them', async () => {
    // The simulator registers the province's sources through the API a moment after the demo starts.
    for (let i = 0; i < 120; i++) {
      const n = ((await (await fetch(`${origin}/api/v1/sources`, { headers: await adminHeaders(origin) })).json()) as { items: unknown[] }).items.length;
      if (n >= 5) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('[data-table=sources] tbody tr').length >= 5, null, { timeout: 30_000 });
    // District names come from the region tree.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-table=sources] tbody tr td:nth-child(5)')].some((td) => /Huyện|Thành phố|Thị xã/.test(td.textContent ?? '')), null, { timeout: 30_000 });
    const total = await sourceRows().count();
    const firstId = (await sourceRows().first().locator('td').first().innerText()).trim();
    await page.fill('[data-filter=q]', firstId);
    await page.waitForFunction((id) => [...document.querySelectorAll('[data-table=sources] tbody tr')].every((r) => r.querySelector('td')!.textContent!.includes(id)), firstId);
    expect(await sourceRows().count()).toBeGreaterThanOrEqual(1);
    expect(await sourceRows().count()).toBeLessThan(total + 1);
    await page.fill('[data-filter=q]', '');
    await page.selectOption('[data-panel=sources] [data-filter=sector]', 'environment');
    await page.waitForTimeout(200);
    const sectors = await page.locator('[data-table=sources] tbody tr td:nth-child(3)').allInnerTexts();
    expect(sectors.length).toBeGreaterThan(0);
    expect(new Set(sectors).size).toBe(1);
    expect(await page.locator('[data-testid=sources-count]').innerText()).toMatch(/^Hiển thị \d+ \/ \d+$/);
    await page.screenshot({ path: path.join(artifacts, 'admin.png') });
  }, 120_000);

  it('registers a source: the server names a bad field beside it, then the source is listed', async () => {
    await page.click('[data-panel=sources] .admin-toolbar button:has-text("Thêm mới")');
    const form = page.locator('[data-form=source]');
    const id = `admin-test-${Date.now().toString(36)}`;
    await form.locator('[data-field=id] input').fill(id);
    await form.locator('[data-field=name] input').fill('Trạm thử quản trị');
    await form.locator('[data-field=sector] select').selectOption('environment');
    await form.locator('[data-field=kind] input').fill('air-station');
    await form.locator('[data-field=regionId] input').fill('bp-nowhere');
    await form.locator('[data-field=lon] input').fill('106.9');
    await form.locator('[data-field=lat] input').fill('95');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-field=lat] .admin-field__error');
    expect(await page.locator('[data-field=lat] .admin-field__error').innerText()).toMatch(/90/);
    await form.locator('[data-field=lat] input').fill('11.54');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-field=regionId] .admin-field__error');
    expect(await page.locator('[data-field=regionId] .admin-field__error').innerText()).toMatch(/bp-nowhere/);
    await form.locator('[data-field=regionId] input').fill('bp-dong-xoai-tan-phu');
    const communes = ((await (await api('/api/v1/regions?level=commune&parentId=bp-dong-xoai')).json()) as { features: Array<{ id: string }> }).features.map((f) => f.id);
    await form.locator('[data-field=regionId] input').fill(communes[0]!);
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('.admin-outcome:has-text("Đã lưu")');
    await page.fill('[data-filter=q]', id);
    await page.waitForSelector(`[data-source="${id}"]`);
    expect(await page.locator(`[data-source="${id}"] td:nth-child(5)`).innerText()).toBe('Thành phố Đồng Xoài');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('disables and re-enables a rule; the state survives a reload', async () => {
    await page.click('[data-tab=rules]');
    await page.waitForSelector('[data-table=rules] tbody tr');
    const row = page.locator('[data-table=rules] tbody tr').first();
    const ruleId = (await row.getAttribute('data-rule'))!;
    const rowOf = () => page.locator(`[data-rule="${ruleId}"]`);
    const was = await rowOf().getAttribute('data-enabled');
    const flipped = was === '1' ? '0' : '1';
    await rowOf().locator('[data-action=toggle]').click();
    await page.waitForSelector(`[data-rule="${ruleId}"][data-enabled="${flipped}"]`);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(`[data-rule="${ruleId}"]`);
    expect(await rowOf().getAttribute('data-enabled')).toBe(flipped);
    expect(((await (await api(`/api/v1/rules/${ruleId}`)).json()) as { enabled: boolean }).enabled).toBe(flipped === '1');
    await rowOf().locator('[data-action=toggle]').click();
    await page.waitForSelector(`[data-rule="${ruleId}"][data-enabled="${was}"]`);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(`[data-rule="${ruleId}"]`);
    expect(await rowOf().getAttribute('data-enabled')).toBe(was);

    // An invalid edit: the server's problem shows under the condition field.
    await rowOf().locator('[data-action=edit]').click();
    await page.fill('[data-form=rule] [data-field=when] textarea', JSON.stringify({ type: 'threshold', sourceKind: 'no-such-kind', metric: 'x', op: '>', value: 1 }));
    await page.click('[data-form=rule] button[type=submit]');
    await page.waitForSelector('[data-form=rule] [data-field=when] .admin-field__error');
    expect(await page.locator('[data-form=rule] [data-field=when] .admin-field__error').innerText()).toMatch(/no-such-kind/);
    await page.fill('[data-form=rule] [data-field=when] textarea', '{ nope');
    await page.click('[data-form=rule] button[type=submit]');
    expect(await page.locator('[data-form=rule] [data-field=when] .admin-field__error').innerText()).toBe('không phải JSON hợp lệ');
    await page.screenshot({ path: path.join(artifacts, 'admin-rules.png') });
    await page.click('[data-form=rule] button:has-text("Huỷ")');

    // A new rule through the form, then deleted (a module default offers no delete).
    expect(await rowOf().locator('button:has-text("Xoá")').count()).toBe(0);
    await page.click('[data-panel=rules] .admin-toolbar button:has-text("Thêm mới")');
    const newId = 'environment.admin-test-rule';
    await page.fill('[data-form=rule] [data-field=id] input', newId);
    await page.selectOption('[data-form=rule] [data-field=sector] select', 'environment');
    await page.fill('[data-form=rule] [data-field="name.vi"] input', 'Mực nước rất cao (thử)');
    await page.fill('[data-form=rule] [data-field=when] textarea', JSON.stringify({ type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>', value: 9 }));
    await page.click('[data-form=rule] button[type=submit]');
    await page.waitForSelector(`[data-rule="${newId}"]`);
    expect(await page.locator(`[data-rule="${newId}"] td:nth-child(5)`).innerText()).toBe('Quản trị thêm');
    await page.click(`[data-rule="${newId}"] button:has-text("Xoá")`);
    await page.click(`[data-rule="${newId}"] button:has-text("Xác nhận xoá")`);
    await page.waitForSelector(`[data-rule="${newId}"]`, { state: 'detached' });
    expect((await api(`/api/v1/rules/${newId}`)).status).toBe(404);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('sets a KPI target and reads it back from the API', async () => {
    await page.click('[data-tab=kpis]');
    const kpiId = 'environment.pm25_avg';
    await page.click(`[data-kpi="${kpiId}"]`);
    await page.waitForSelector('[data-form=target]');
    await page.selectOption('[data-form=target] [data-field=period] select', 'day');
    await page.fill('[data-form=target] [data-field=value] input', 'nhiều');
    await page.click('[data-form=target] button[type=submit]');
    await page.waitForSelector('[data-form=target] [data-field=value] .admin-field__error');
    await page.selectOption('[data-form=target] [data-field=level] select', 'district');
    await page.fill('[data-form=target] [data-field=value] input', '27,5');
    await page.click('[data-form=target] button[type=submit]');
    await page.waitForSelector('[data-table=targets] tr[data-target="day|*|*|district|operator"]');
    expect(await page.locator('[data-table=targets] tr[data-target="day|*|*|district|operator"] td[data-value]').getAttribute('data-value')).toBe('27.5');
    const fromApi = ((await (await api(`/api/v1/kpis/${kpiId}/targets`)).json()) as { targets: Array<{ period: string; level: string; value: number; origin: string; updatedBy?: string }> }).targets;
    expect(fromApi).toContainEqual(expect.objectContaining({ period: 'day', level: 'district', value: 27.5, origin: 'operator', updatedBy: 'quản trị viên' }));
    await page.screenshot({ path: path.join(artifacts, 'admin-kpis.png') });
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('edits a wall layout as JSON: checked against the grid and widgets, saved through the walls API, reset', async () => {
    await page.click('[data-tab=walls]');
    await page.waitForFunction(() => ((document.querySelector('[data-editor=wall]') as HTMLTextAreaElement | null)?.value ?? '').includes('"tiles"'), null, { timeout: 20_000 });
    expect(await page.locator('.admin-walls__check').getAttribute('data-check')).toBe('ok');
    const text = await page.locator('[data-editor=wall]').inputValue();
    const layout = JSON.parse(text) as { tiles: Array<{ x: number; y: number; w: number; h: number; id: string }> };
    layout.tiles[1] = { ...layout.tiles[1]!, x: layout.tiles[0]!.x, y: layout.tiles[0]!.y };
    await page.fill('[data-editor=wall]', JSON.stringify(layout, null, 2));
    await page.waitForSelector('.admin-walls__check[data-check=errors]');
    expect(await page.locator('.admin-walls__check li').first().innerText()).toMatch(/overlap/);
    expect(await page.locator('[data-action=save-wall]').isDisabled()).toBe(true);

    // What only the server refuses (an unknown key) comes back as a named field.
    const original = JSON.parse(text) as Record<string, unknown> & { tiles: Array<{ title?: { vi: string; en: string } }> };
    await page.fill('[data-editor=wall]', JSON.stringify({ ...original, colour: 'red' }, null, 2));
    await page.click('[data-action=save-wall]');
    await page.waitForSelector('.admin-walls__check li[data-server-field]');
    expect(await page.locator('.admin-outcome--error').innerText()).toMatch(/colour|unrecognized|key/i);

    // A real change saved through PUT /api/v1/walls/:id, then back to the shipped layout.
    const changed = { ...original, tiles: original.tiles.map((tile, i) => (i === 0 ? { ...tile, title: { vi: 'Ô thử quản trị', en: 'Admin test tile' } } : tile)) };
    await page.fill('[data-editor=wall]', JSON.stringify(changed, null, 2));
    await page.click('[data-action=save-wall]');
    await page.waitForSelector('.admin-outcome:has-text("Đã lưu")');
    expect(await page.locator('[data-testid=wall-meta]').innerText()).toMatch(/^Bố cục đã lưu · Phiên bản \d+ · .+ · quản trị viên$/);
    const wallId = JSON.parse(text).id as string;
    const saved = (await (await api(`/api/v1/walls/${wallId}`)).json()) as { layoutSource: string; layout: { tiles: Array<{ title?: { vi: string } }> } };
    expect(saved.layoutSource).toBe('saved');
    expect(saved.layout.tiles[0]!.title?.vi).toBe('Ô thử quản trị');
    await page.screenshot({ path: path.join(artifacts, 'admin-walls.png') });
    await page.click('[data-action=reset-wall]');
    await page.waitForFunction(() => document.querySelector('[data-testid=wall-meta]')?.textContent?.startsWith('Bố cục gốc'));
    expect(((await (await api(`/api/v1/walls/${wallId}`)).json()) as { layoutSource: string }).layoutSource).toBe('seed');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
