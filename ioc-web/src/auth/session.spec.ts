import { describe, expect, it } from 'vitest';
import { createApiFetch, loginPath, safeNext } from './api-fetch';
import { Session, parseRetryAfter } from './session';

const user = { id: 'u1', username: 'operator', displayName: 'Trực ban', bindings: [{ role: 'operator', scope: { regions: ['vn-qn'] } }] };

interface Call {
  url: string;
  method: string;
  authorization: string | null;
}

/** A stub of the server's auth API and one protected route, recording every request. */
function stubServer(opts: { refreshOk?: boolean; validToken?: () => string | null; loginStatus?: number; retryAfter?: string } = {}) {
  const calls: Call[] = [];
  let issued = 0;
  let refreshGate: Promise<void> = Promise.resolve();
  const stub = {
    calls,
    openGate: () => {},
    holdRefresh() {
      refreshGate = new Promise((resolve) => (stub.openGate = resolve));
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const headers = new Headers(init?.headers);
      calls.push({ url, method: init?.method ?? 'GET', authorization: headers.get('authorization') });
      const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
        new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...extra } });
      if (url === '/api/v1/auth/refresh') {
        await refreshGate;
        if (opts.refreshOk === false) return json(401, { title: 'Unauthorized' });
        issued += 1;
        return json(200, { accessToken: `t${issued}`, expiresIn: 900, user });
      }
      if (url === '/api/v1/auth/login') {
        const status = opts.loginStatus ?? 200;
        if (status !== 200) return json(status, { title: 'Refused', detail: 'nope' }, opts.retryAfter ? { 'retry-after': opts.retryAfter } : {});
        issued += 1;
        return json(200, { accessToken: `t${issued}`, expiresIn: 900, user });
      }
      const valid = opts.validToken ? opts.validToken() : `t${issued}`;
      if (headers.get('authorization') !== `Bearer ${valid}`) return json(401, { title: 'Unauthorized' });
      if (url.includes('forbidden')) return json(403, { title: 'Forbidden' });
      return json(200, { ok: true });
    }) as typeof fetch,
  };
  return stub;
}

function clock() {
  const timers: Array<{ at: number; action: () => void }> = [];
  let now = 1_000_000;
  return {
    now: () => now,
    setTimer: (action: () => void, ms: number) => {
      const t = { at: now + ms, action };
      timers.push(t);
      return t;
    },
    clearTimer: (handle: unknown) => {
      const i = timers.indexOf(handle as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      now += ms;
      for (const t of [...timers].filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.action();
      }
    },
    pending: () => timers.map((t) => t.at - now),
  };
}

describe('Session', () => {
  it('signs in from the refresh cookie at start, keeps the token in memory and renews it 60 s before expiry', async () => {
    const server = stubServer();
    const c = clock();
    const s = new Session({ fetch: server.fetch, now: c.now, setTimer: c.setTimer, clearTimer: c.clearTimer });
    expect(await s.start()).toBe(true);
    expect(s.token).toBe('t1');
    expect(s.user?.username).toBe('operator');
    expect(c.pending()).toEqual([840_000]);
    c.advance(840_000);
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.token).toBe('t2');
    expect(server.calls.filter((x) => x.url === '/api/v1/auth/refresh')).toHaveLength(2);
  });

  it('shares one refresh among concurrent callers', async () => {
    const server = stubServer();
    server.holdRefresh();
    const s = new Session({ fetch: server.fetch });
    const all = Promise.all([s.refresh(), s.refresh(), s.refresh()]);
    server.openGate();
    expect(await all).toEqual([true, true, true]);
    expect(server.calls.filter((x) => x.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('is signed out when the refresh cookie is refused', async () => {
    const s = new Session({ fetch: stubServer({ refreshOk: false }).fetch });
    expect(await s.start()).toBe(false);
    expect(s.token).toBeNull();
  });

  it('tells wrong credentials from a locked or throttled account, with Retry-After', async () => {
    expect(await new Session({ fetch: stubServer({ loginStatus: 401 }).fetch }).login('a', 'b')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await new Session({ fetch: stubServer({ loginStatus: 423, retryAfter: '120' }).fetch }).login('a', 'b')).toMatchObject({ ok: false, reason: 'locked', retryAfterSeconds: 120 });
    expect(await new Session({ fetch: stubServer({ loginStatus: 429, retryAfter: '7' }).fetch }).login('a', 'b')).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 7 });
    const s = new Session({ fetch: stubServer().fetch });
    expect(await s.login('operator', 'pw')).toMatchObject({ ok: true });
    expect(s.token).toBe('t1');
  });

  it('forgets the token on logout and tells the server', async () => {
    const server = stubServer();
    const s = new Session({ fetch: server.fetch });
    await s.login('operator', 'pw');
    await s.logout();
    expect(s.token).toBeNull();
    expect(server.calls.at(-1)).toMatchObject({ url: '/api/v1/auth/logout', method: 'POST', authorization: 'Bearer t1' });
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('30', 0)).toBe(30);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60);
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});

describe('apiFetch', () => {
  function setup(opts: Parameters<typeof stubServer>[0] = {}) {
    const server = stubServer(opts);
    const session = new Session({ fetch: server.fetch });
    const redirects: string[] = [];
    const apiFetch = createApiFetch({ session, fetch: server.fetch, redirect: (to) => redirects.push(to), here: () => '/incidents?x=1', origin: () => 'https://ioc.example' });
    return { server, session, redirects, apiFetch };
  }

  it('waits for the start-up refresh and sends the Bearer token', async () => {
    const { server, session, apiFetch } = setup();
    void session.start();
    const res = await apiFetch('/api/v1/kpis');
    expect(res.status).toBe(200);
    expect(server.calls.at(-1)).toMatchObject({ url: '/api/v1/kpis', authorization: 'Bearer t1' });
  });

  it('on 401 refreshes once and retries with the new token', async () => {
    let valid = 't1';
    const { server, session, apiFetch } = setup({ validToken: () => valid });
    await session.start();
    valid = 't2'; // the server no longer takes t1 (expired)
    const res = await apiFetch('/api/v1/kpis');
    expect(res.status).toBe(200);
    expect(server.calls.map((x) => `${x.url} ${x.authorization ?? ''}`)).toEqual([
      '/api/v1/auth/refresh ',
      '/api/v1/kpis Bearer t1',
      '/api/v1/auth/refresh ',
      '/api/v1/kpis Bearer t2',
    ]);
  });

  it('concurrent 401s share one refresh', async () => {
    let valid = 't1';
    const { server, session, apiFetch } = setup({ validToken: () => valid });
    await session.start();
    valid = 't2';
    const answers = await Promise.all([apiFetch('/api/v1/a'), apiFetch('/api/v1/b'), apiFetch('/api/v1/c')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.calls.filter((x) => x.url === '/api/v1/auth/refresh')).toHaveLength(2);
  });

  it('goes to /login?next=<current path> when the refresh is refused', async () => {
    const { redirects, apiFetch } = setup({ refreshOk: false });
    const res = await apiFetch('/api/v1/kpis');
    expect(res.status).toBe(401);
    expect(redirects).toEqual(['/login?next=%2Fincidents%3Fx%3D1']);
  });

  it('does not redirect on 403 (not allowed is not signed out)', async () => {
    const { session, redirects, apiFetch, server } = setup();
    await session.start();
    const res = await apiFetch('/api/v1/forbidden');
    expect(res.status).toBe(403);
    expect(redirects).toEqual([]);
    expect(server.calls.filter((x) => x.url === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('never sends the token to another origin', async () => {
    const { session, server, apiFetch } = setup();
    await session.start();
    await apiFetch('https://cameras.example/snap/1.jpg');
    expect(server.calls.at(-1)).toMatchObject({ url: 'https://cameras.example/snap/1.jpg', authorization: null });
    await apiFetch('https://ioc.example/api/v1/kpis');
    expect(server.calls.at(-1)).toMatchObject({ authorization: 'Bearer t1' });
  });

  it('keeps `next` to same-origin relative paths', () => {
    expect(safeNext('/oc/traffic?lang=en')).toBe('/oc/traffic?lang=en');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
    expect(loginPath('/admin')).toBe('/login?next=%2Fadmin');
  });
});
