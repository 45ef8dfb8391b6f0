/**
 * HTTP hardening through the real server (server/src/app/hardening.ts): security headers on API
 * and web answers, the web app's CSP, CORS allowed / refused by CORS_ORIGINS for REST and the
 * socket.io handshake, 413 naming the body limit, 429 + Retry-After on the public ingest routes
 * (per client address, X-Forwarded-For only through HTTP_TRUST_PROXY), the general API limit, and
 * a photo whose declared type lies refused by its content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Problem = { status: number; title: string; detail?: string; errors?: Array<{ field: string; problem: string }> };

const ALLOWED = 'https://ioc.example.vn';
const FOREIGN = 'https://evil.example.com';
const INGEST_PER_MIN = 3;
const RATE_PER_MIN = 60;

describe('HTTP hardening', () => {
  let stack: Stack;
  const url = (p: string) => `${stack.httpUrl}${p}`;

  beforeAll(async () => {
    stack = await startStack({
      CORS_ORIGINS: `${ALLOWED}, http://127.0.0.1:1`,
      HTTP_BODY_LIMIT: '64kb',
      HTTP_INGEST_RATE_PER_MIN: String(INGEST_PER_MIN),
      HTTP_RATE_PER_MIN: String(RATE_PER_MIN),
      // Loopback counts here, so the general limit is testable from this process.
      HTTP_RATE_LOOPBACK: 'limited',
      HTTP_TRUST_PROXY: 'loopback',
      HTTP_HSTS: 'true',
      CAMERA_BASE_URL: 'http://cams.example.vn:8081/cam',
      MAP_STYLE_URL: 'https://tiles.example.vn/styles/basic/style.json',
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const expectCommonHeaders = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('permissions-policy')).toContain('camera=()');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('x-powered-by')).toBeNull();
  };

  it('puts the security headers on API answers (and their errors)', async () => {
    const health = await fetch(url('/api/v1/health'));
    expect(health.status).toBe(200);
    expectCommonHeaders(health);
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    const missing = await fetch(url('/api/v1/no-such-route'));
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing);
  });

  it('serves the web app with a CSP it works with: own scripts only, blob: workers, tiles, cameras, same-origin ws', async () => {
    const page = await fetch(url('/wall/main'), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expectCommonHeaders(page);
    const csp = page.headers.get('content-security-policy')!;
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['img-src']).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:', 'http://cams.example.vn:8081', 'https://tiles.example.vn']));
    expect(directives['connect-src']).toEqual(expect.arrayContaining(["'self'", 'ws:', 'wss:', 'http://cams.example.vn:8081', 'https://tiles.example.vn']));
    // Without CAMERA_BASE_URL the loopback camera server of the demo would be allowed instead.
    expect(csp).not.toContain('127.0.0.1');
    // Every script of the built page is a file of our own origin (no inline script the CSP would block).
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    // Its assets carry the headers too.
    const asset = /<script[^>]*src="([^"]+)"/.exec(html)?.[1];
    if (asset) expectCommonHeaders(await fetch(url(asset)));
  });

  it('keeps Swagger UI on its own CSP', async () => {
    const docs = await fetch(url('/api/docs'), { headers: { accept: 'text/html' } });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(docs.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers CORS for CORS_ORIGINS only, preflight included', async () => {
    const allowed = await fetch(url('/api/v1/sectors'), { headers: { origin: ALLOWED } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);

    const foreign = await fetch(url('/api/v1/sectors'), { headers: { origin: FOREIGN } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await fetch(url('/api/v1/incidents'), { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const refused = await fetch(url('/api/v1/incidents'), { method: 'OPTIONS', headers: { origin: FOREIGN, 'access-control-request-method': 'POST' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await refused.json()) as Problem).errors?.[0]?.field).toBe('Origin');
  });

  it('refuses a socket.io handshake from a foreign origin, takes its own and CORS_ORIGINS', async () => {
    const handshake = (origin: string | undefined) =>
      new Promise<'connected' | string>((resolve) => {
        const socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'], reconnection: false, timeout: 5000, ...(origin ? { extraHeaders: { origin } } : {}) });
        socket.once('connect', () => {
          socket.close();
          resolve('connected');
        });
        socket.once('connect_error', (err) => {
          socket.close();
          resolve(`refused: ${err.message}`);
        });
      });
    expect(await handshake(ALLOWED)).toBe('connected');
    expect(await handshake(stack.httpUrl)).toBe('connected'); // same origin
    expect(await handshake(undefined)).toBe('connected'); // not a browser
    expect(await handshake(FOREIGN)).toMatch(/^refused/);
    // The polling transport's CORS answer names only allowed origins.
    const poll = await fetch(url('/socket.io/?EIO=4&transport=polling'), { headers: { origin: ALLOWED } });
    expect(poll.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const foreignPoll = await fetch(url('/socket.io/?EIO=4&transport=polling'), { headers: { origin: FOREIGN } });
    expect(foreignPoll.status).toBeGreaterThanOrEqual(400);
    expect(foreignPoll.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a JSON body over HTTP_BODY_LIMIT with 413 naming the limit', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(70 * 1024) });
    const res = await fetch(url('/api/v1/incidents'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.detail).toContain('64 KB');
    expect(problem.detail).toContain('HTTP_BODY_LIMIT');
    expect(problem.errors?.[0]?.field).toBe('body');
    // Under the limit the route itself answers (a validation problem, not a size one).
    const small = await fetch(url('/api/v1/incidents'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(1000) }) });
    expect(small.status).not.toBe(413);
  });

  it('refuses a photo whose declared type lies, by its content, naming the field', async () => {
    const commune = ((await (await fetch(url('/api/v1/regions?level=commune'))).json()) as { features: Array<{ properties: { center: [number, number] } }> }).features[0]!.properties;
    const form = new FormData();
    form.set('category', 'environment');
    form.set('text', 'Ảnh giả: một SVG khai là JPEG');
    form.set('lon', String(commune.center[0]));
    form.set('lat', String(commune.center[1]));
    form.append('photos', new Blob([new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')], { type: 'image/jpeg' }), 'anh.jpg');
    const res = await fetch(url('/api/v1/feedback'), { method: 'POST', body: form });
    const problem = (await res.json()) as Problem;
    expect(res.status, JSON.stringify(problem)).toBe(415);
    expect(problem.errors?.map((e) => e.field).join(' ')).toContain('photos');
  });

  it('limits each public ingest route per client address: 429 problem+json with Retry-After', async () => {
    const postCap = (headers: Record<string, string> = {}) => fetch(url('/api/v1/cap/messages'), { method: 'POST', headers: { 'content-type': 'application/cap+xml', ...headers }, body: '<alert/>' });
    const answers: string[] = [];
    for (let i = 0; i < INGEST_PER_MIN; i++) {
      const res = await postCap();
      answers.push(`${res.status} ${await res.text()}`);
    }
    expect(answers.filter((a) => a.startsWith('429'))).toEqual([]);
    const limited = await postCap();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as Problem).detail).toContain('HTTP_INGEST_RATE_PER_MIN');
    // Another address behind the trusted (loopback) proxy has its own budget.
    expect((await postCap({ 'x-forwarded-for': '203.0.113.9' })).status).not.toBe(429);
    // Reading the same route is not an ingest.
    expect((await fetch(url('/api/v1/cap/messages'))).status).toBe(200);
  });

  it('limits all API requests of one address at HTTP_RATE_PER_MIN', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < RATE_PER_MIN + 5 && !limited; i++) {
      const res = await fetch(url('/api/v1/health'));
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited!.json()) as Problem).detail).toContain('HTTP_RATE_PER_MIN');
    // The web app's files are not API calls.
    expect((await fetch(url('/wall/main'), { headers: { accept: 'text/html' } })).status).toBe(200);
  });
});
