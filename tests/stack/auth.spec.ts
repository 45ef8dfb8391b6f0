/**
 * Accounts through the real HTTP server (AUTH_MODE=required): sign-in, lockout and unlock, the
 * per-address throttle, refresh rotation and reuse detection, logout, token expiry under the
 * runtime's ManualClock, the first-boot admin, and the users admin with field-naming errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/engine/time/clock.js';
import { startStack, tempDir } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
const ADMIN_PASSWORD = 'admin-password-for-tests';

describe('accounts (AUTH_MODE=required)', () => {
  let stack: Stack;
  const clock = new ManualClock(new Date());
  const url = (p: string) => `${stack.httpUrl}${p}`;
  const post = (p: string, body: unknown, headers: Record<string, string> = {}) => fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const login = (username: string, password: string, ip?: string) => post('/api/v1/auth/login', { username, password }, ip ? { 'x-test-ip': ip } : {});
  const cookieOf = (res: Response) => /ioc_refresh=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  let admin: string;
  const asAdmin = (method: string, p: string, body?: unknown) => fetch(url(p), { method, headers: { authorization: `Bearer ${admin}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

  beforeAll(async () => {
    stack = await startStack({ AUTH_MODE: 'required', IOC_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_LOCKOUT_ATTEMPTS: '3', AUTH_LOCKOUT_S: '600', AUTH_LOGIN_RATE_PER_MIN: '1000' }, { clock });
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    admin = ((await res.json()) as { accessToken: string }).accessToken;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('signs in with the first-boot admin; a protected route answers 401 without a token and 200 with one', async () => {
    const res = await login('ADMIN', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken: string; expiresIn: number; user: { username: string; bindings: Array<{ role: string }> } };
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({ username: 'admin', bindings: [{ role: 'admin', scope: { regions: [] } }] });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^ioc_refresh=[^;]+;/);
    for (const flag of ['Path=/api/v1/auth', 'HttpOnly', 'SameSite=Strict']) expect(cookie).toContain(flag);
    expect((await fetch(url('/api/v1/incidents'))).status).toBe(401);
    expect((await fetch(url('/api/v1/incidents'), { headers: { authorization: `Bearer ${body.accessToken}` } })).status).toBe(200);
    const me = await fetch(url('/api/v1/auth/me'), { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(await me.json()).toMatchObject({ username: 'admin' });
    expect(await (await fetch(url('/api/v1/auth/config'))).json()).toEqual({ local: true, oidc: { enabled: false } });
  });

  it('refuses a bad login with one message, and names a missing field', async () => {
    const a = await login('admin', 'wrong-password-x');
    const b = await login('nobody-here', 'wrong-password-x');
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.headers.get('content-type')).toContain('application/problem+json');
    expect(((await a.json()) as { detail: string }).detail).toBe(((await b.json()) as { detail: string }).detail);
    const c = await post('/api/v1/auth/login', { username: 'admin' });
    expect(c.status).toBe(422);
    expect(((await c.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('password');
    const d = await post('/api/v1/auth/login', { username: 5, password: 'x' });
    expect(((await d.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('username');
    await login('admin', ADMIN_PASSWORD); // resets the failure count
  });

  it('creates users with validation errors naming the field; never answers hashes', async () => {
    const bad = async (body: unknown, field: string) => {
      const res = await asAdmin('POST', '/api/v1/users', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(((await res.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toContain(field);
    };
    await bad({ username: 'op1', displayName: 'Op', password: 'long-enough-1', bindings: [{ role: 'operator', scope: { regions: ['nowhere'] } }] }, 'bindings[0].scope.regions[0]');
    await bad({ username: 'op1', displayName: 'Op', password: 'long-enough-1', bindings: [{ role: 'sector-staff', scope: { regions: [], sectors: ['nosuch'] } }] }, 'bindings[0].scope.sectors[0]');
    await bad({ username: 'op1', displayName: 'Op', password: 'long-enough-1', bindings: [{ role: 'field-unit', scope: { regions: [] } }] }, 'bindings[0].scope.unitId');
    await bad({ username: 'op1', displayName: 'Op', password: 'long-enough-1', bindings: [{ role: 'king', scope: { regions: [] } }] }, 'bindings[0].role');
    await bad({ username: 'op1', displayName: 'Op', password: 'short', bindings: [] }, 'password');
    const created = await asAdmin('POST', '/api/v1/users', { username: 'op1', displayName: 'Operator 1', password: 'long-enough-1', bindings: [{ role: 'operator', scope: { regions: ['bp-dong-xoai'] } }, { role: 'sector-staff', scope: { regions: [], sectors: ['health'] } }] });
    expect(created.status).toBe(201);
    const user = (await created.json()) as { id: string };
    expect(JSON.stringify(user)).not.toMatch(/argon|hash/i);
    expect((await asAdmin('POST', '/api/v1/users', { username: 'OP1', displayName: 'x', bindings: [] })).status).toBe(409);
    const put = await asAdmin('PUT', `/api/v1/users/${user.id}`, { displayName: 'Operator One', bindings: [{ role: 'viewer', scope: { regions: [] } }] });
    expect(await put.json()).toMatchObject({ displayName: 'Operator One', bindings: [{ role: 'viewer' }] });
    const list = (await (await asAdmin('GET', '/api/v1/users')).json()) as { items: Array<{ username: string }> };
    expect(list.items.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'op1']));
    // A viewer may not manage users.
    const viewer = ((await (await login('op1', 'long-enough-1')).json()) as { accessToken: string }).accessToken;
    expect((await fetch(url('/api/v1/users'), { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(403);
  });

  it('locks an account after consecutive failures (423 + Retry-After) until unlocked or the time passes', async () => {
    await asAdmin('POST', '/api/v1/users', { username: 'locky', displayName: 'Locky', password: 'locky-password', bindings: [{ role: 'viewer', scope: { regions: [] } }] });
    const id = ((await (await asAdmin('GET', '/api/v1/users')).json()) as { items: Array<{ id: string; username: string }> }).items.find((u) => u.username === 'locky')!.id;
    expect((await login('locky', 'nope-nope-nope')).status).toBe(401);
    expect((await login('locky', 'nope-nope-nope')).status).toBe(401);
    const third = await login('locky', 'nope-nope-nope');
    expect(third.status).toBe(423);
    const right = await login('locky', 'locky-password');
    expect(right.status).toBe(423);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await (await asAdmin('GET', `/api/v1/users/${id}`)).json()).toMatchObject({ lockedUntil: expect.any(String) });
    expect((await asAdmin('POST', `/api/v1/users/${id}/unlock`)).status).toBe(200);
    expect((await login('locky', 'locky-password')).status).toBe(200);
    for (let i = 0; i < 3; i++) await login('locky', 'nope-nope-nope');
    expect((await login('locky', 'locky-password')).status).toBe(423);
    clock.advance(601_000);
    expect((await login('locky', 'locky-password')).status).toBe(200);
    // An admin sets a new password.
    expect((await asAdmin('POST', `/api/v1/users/${id}/password`, { password: 'short' })).status).toBe(422);
    expect((await asAdmin('POST', `/api/v1/users/${id}/password`, { password: 'new-locky-password' })).status).toBe(204);
    expect((await login('locky', 'new-locky-password')).status).toBe(200);
  });

  it('rotates the refresh token; a reused one revokes the family; logout clears it', async () => {
    const first = await login('admin', ADMIN_PASSWORD);
    const c1 = cookieOf(first)!;
    const r1 = await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie: `ioc_refresh=${c1}` } });
    expect(r1.status).toBe(200);
    expect(((await r1.json()) as { accessToken: string }).accessToken).toBeTruthy();
    const c2 = cookieOf(r1)!;
    expect(c2).not.toBe(c1);
    // c1 again: reuse → the family (c2 too) is revoked.
    expect((await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie: `ioc_refresh=${c1}` } })).status).toBe(401);
    expect((await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie: `ioc_refresh=${c2}` } })).status).toBe(401);
    expect((await fetch(url('/api/v1/auth/refresh'), { method: 'POST' })).status).toBe(401);
    // Logout.
    const c3 = cookieOf(await login('admin', ADMIN_PASSWORD))!;
    const out = await fetch(url('/api/v1/auth/logout'), { method: 'POST', headers: { cookie: `ioc_refresh=${c3}` } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ioc_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await fetch(url('/api/v1/auth/refresh'), { method: 'POST', headers: { cookie: `ioc_refresh=${c3}` } })).status).toBe(401);
  });

  it('refuses an expired access token', async () => {
    const token = ((await (await login('admin', ADMIN_PASSWORD)).json()) as { accessToken: string }).accessToken;
    expect((await fetch(url('/api/v1/auth/me'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    clock.advance(901_000);
    expect((await fetch(url('/api/v1/auth/me'), { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    admin = ((await (await login('admin', ADMIN_PASSWORD)).json()) as { accessToken: string }).accessToken;
  });
});

describe('login throttle', () => {
  it('answers 429 with Retry-After beyond AUTH_LOGIN_RATE_PER_MIN attempts from one address', async () => {
    const stack = await startStack({ AUTH_MODE: 'required', IOC_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_LOGIN_RATE_PER_MIN: '3' });
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await fetch(`${stack.httpUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x', password: 'y' }) });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  }, 120_000);
});

describe('first-boot admin', () => {
  it('prints a random password once, not at a second boot of the same DATA_DIR', async () => {
    const dataDir = tempDir('auth-boot');
    // The runtime hands the generated password to the boot, which prints it once to the terminal (never the log).
    const one = await startStack({ AUTH_MODE: 'required', DATA_DIR: dataDir });
    const password = one.generatedAdmin?.password;
    await one.close();
    const two = await startStack({ AUTH_MODE: 'required', DATA_DIR: dataDir });
    expect(two.generatedAdmin).toBeUndefined();
    expect(password).toBeTruthy();
    const res = await fetch(`${two.httpUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      expect(res.status).toBe(200);
      await two.close();
  }, 180_000);
});
