/**
 * The /login page in a real browser: a wrong password shows the error and stays on the page; the
 * right one lands on `next`, the session survives a reload (refresh cookie), an off-site `next` is
 * not followed, and a context signed in by the helper (sign-in.ts) opens pages signed in.
 *
 * Skips (printed) when the server has no auth API (GET /api/v1/auth/config answers 404).
 * Credentials: admin / $IOC_ADMIN_PASSWORD, or IOC_TEST_USERNAME / IOC_TEST_PASSWORD.
 */
import { BROWSER_DEMO_PASSWORD } from './demo-password.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { browserSuitePrerequisite, useDemo, type DemoInstance } from './demo-instance.js';
import { authAvailable, signedInContext } from './sign-in.js';
import { launchChromium } from './wall-browser.js';

const missing = browserSuitePrerequisite('login browser test');
const username = process.env.IOC_TEST_USERNAME ?? 'admin';
const password = process.env.IOC_TEST_PASSWORD ?? process.env.IOC_ADMIN_PASSWORD ?? BROWSER_DEMO_PASSWORD;

describe.runIf(!missing || REQUIRE_SERVICES)('/login in Chromium', () => {
  let demo: DemoInstance | undefined;
  let browser: Browser | undefined;
  let origin = '';
  let auth = false;

  beforeAll(async () => {
    if (missing) throw new Error(`login browser test: ${missing}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
    demo = await useDemo();
    origin = new URL(demo.wallUrl).origin;
    auth = await authAvailable(origin);
    if (!auth) process.stdout.write('\n[skipped] login browser test: the server has no auth API (/api/v1/auth/config answers 404).\n');
    else browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  }, 60_000);

  it('a wrong password shows the error; the right one lands on next and survives a reload', async (ctx) => {
    if (!auth) return ctx.skip();
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/login?next=${encodeURIComponent('/incidents')}`, { waitUntil: 'load' });
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(`${password}-wrong`);
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('login-error').textContent(), { timeout: 10_000 }).toContain('Sai tên đăng nhập hoặc mật khẩu');
      expect(new URL(page.url()).pathname).toBe('/login');

      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.pathname === '/incidents', { timeout: 15_000 });
      await page.getByTestId('session-badge').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('session-badge').textContent()).toContain('Đăng xuất');

      // The access token lives in memory only: a reload signs in again from the refresh cookie.
      await page.reload({ waitUntil: 'load' });
      await page.getByTestId('session-badge').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('does not follow an off-site next', async (ctx) => {
    if (!auth) return ctx.skip();
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/login?next=${encodeURIComponent('//example.com/x')}`, { waitUntil: 'load' });
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL((url) => url.origin === origin && url.pathname !== '/login', { timeout: 15_000 });
      expect(new URL(page.url()).origin).toBe(origin);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a context signed in by the helper opens pages signed in, and sign-out goes to /login', async (ctx) => {
    if (!auth) return ctx.skip();
    const context = await signedInContext(browser!, origin, { username, password });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/admin`, { waitUntil: 'load' });
      await page.getByTestId('session-badge').waitFor({ timeout: 15_000 });
      await page.getByTestId('logout').click();
      await page.waitForURL((url) => url.pathname === '/login', { timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get('next')).toBe('/admin');
    } finally {
      await context.close();
    }
  }, 60_000);
});
