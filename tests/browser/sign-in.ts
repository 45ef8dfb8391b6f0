/**
 * Signing the browser suites in once the server enforces auth: log in through the API from Node
 * (POST /api/v1/auth/login), take the httpOnly `ioc_refresh` cookie from Set-Cookie and put it in
 * the browser context, so every page opens already signed in (the app refreshes from the cookie
 * at start, exactly as a kiosk does after a reload).
 *
 *   const context = await signedInContext(browser, demo.base);            // admin / $IOC_ADMIN_PASSWORD
 *   const context = await signedInContext(browser, demo.base, { username: 'operator', password: 'operator' }, { viewport });
 *   const page = await context.newPage();
 *   // or, on a context a suite made itself: await signIn(context, demo.base);
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { BROWSER_DEMO_PASSWORD } from './demo-password.js';

export interface Credentials {
  username?: string;
  password?: string;
}

export interface SignedIn {
  /** For Node-side API calls of the suite: `{ authorization: 'Bearer …' }`. */
  headers: Record<string, string>;
  accessToken: string;
  refreshCookie: string;
}

export const REFRESH_COOKIE = 'ioc_refresh';

function credentials(c: Credentials = {}): { username: string; password: string } {
  return { username: c.username ?? 'admin', password: c.password ?? process.env.IOC_ADMIN_PASSWORD ?? BROWSER_DEMO_PASSWORD };
}

/** Whether the server has the auth API at all (false when /api/v1/auth/config answers 404). */
export async function authAvailable(baseUrl: string): Promise<boolean> {
  const response = await fetch(new URL('/api/v1/auth/config', baseUrl));
  await response.body?.cancel();
  return response.status !== 404;
}

/** Logs in through the API; throws with the server's problem when refused. */
export async function apiLogin(baseUrl: string, creds: Credentials = {}): Promise<SignedIn> {
  const { username, password } = credentials(creds);
  const response = await fetch(new URL('/api/v1/auth/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} at ${baseUrl}: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { accessToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!.trim())
    .find((pair) => pair.startsWith(`${REFRESH_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in as ${username}: no ${REFRESH_COOKIE} cookie in Set-Cookie`);
  return { accessToken: body.accessToken, headers: { authorization: `Bearer ${body.accessToken}` }, refreshCookie: cookie.slice(REFRESH_COOKIE.length + 1) };
}

/** Logs in and gives `context` the refresh cookie for `baseUrl`'s origin. */
export async function signIn(context: BrowserContext, baseUrl: string, creds: Credentials = {}): Promise<SignedIn> {
  const signedIn = await apiLogin(baseUrl, creds);
  const origin = new URL(baseUrl);
  await context.addCookies([
    {
      name: REFRESH_COOKIE,
      value: signedIn.refreshCookie,
      domain: origin.hostname,
      path: '/api/v1/auth',
      httpOnly: true,
      secure: origin.protocol === 'https:',
      sameSite: 'Strict',
    },
  ]);
  return signedIn;
}

/** A new browser context already signed in (options as for `browser.newContext`). */
export async function signedInContext(browser: Browser, baseUrl: string, creds: Credentials = {}, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await signIn(context, baseUrl, creds);
  return context;
}

/** A page in a context of its own, already signed in (options as for `browser.newPage`); closing the page closes the context. */
export async function signedInPage(browser: Browser, anyUrlOfTheServer: string, options: BrowserContextOptions = {}, creds: Credentials = {}): Promise<Page> {
  const context = await signedInContext(browser, new URL(anyUrlOfTheServer).origin, creds, options);
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => undefined));
  return page;
}

const tokens = new Map<string, Promise<SignedIn>>();
/** `Authorization` headers of an admin signed in at `anyUrlOfTheServer` (one sign-in per server and run), for a suite's own API calls. */
export async function adminHeaders(anyUrlOfTheServer: string): Promise<Record<string, string>> {
  const origin = new URL(anyUrlOfTheServer).origin;
  if (!tokens.has(origin)) tokens.set(origin, apiLogin(origin));
  return (await tokens.get(origin)!).headers;
}
