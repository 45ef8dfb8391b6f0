import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { EnvError, byteSize, originList, trustProxy } from '../config/env-fields.js';
import { TokenBuckets, feedbackJsonLimit, isLoopback, originAllowed, webCsp } from './hardening.js';

describe('hardening pieces', () => {
  it('token buckets: a burst of perMin, then one token per 60/perMin s, answering the wait', () => {
    let now = 1_000_000;
    const b = new TokenBuckets(3, () => now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0]);
    expect(b.take('a')).toBe(20);
    expect(b.take('b')).toBe(0); // another key has its own
    now += 20_000;
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBeGreaterThan(0);
    now += 10 * 60_000;
    b.take('c'); // the sweep drops the refilled buckets
    expect(b.size).toBe(1);
  });

  it('origins: none, own host and listed ones pass; others and "null" do not', () => {
    expect(originAllowed(undefined, 'ioc.vn', [])).toBe(true);
    expect(originAllowed('https://ioc.vn', 'ioc.vn', [])).toBe(true);
    expect(originAllowed('https://a.vn', 'ioc.vn', ['https://a.vn'])).toBe(true);
    expect(originAllowed('https://evil.com', 'ioc.vn', ['https://a.vn'])).toBe(false);
    expect(originAllowed('null', 'ioc.vn', [])).toBe(false);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });

  it('config: CORS_ORIGINS, HTTP_TRUST_PROXY and HTTP_BODY_LIMIT readers stop the boot naming the variable', () => {
    expect(originList()('CORS_ORIGINS', 'https://a.vn, http://b.vn:8080,https://a.vn')).toEqual(['https://a.vn', 'http://b.vn:8080']);
    expect(() => originList()('CORS_ORIGINS', 'https://a.vn/path')).toThrow(EnvError);
    expect(() => originList()('CORS_ORIGINS', '*')).toThrow(/CORS_ORIGINS/);
    expect(trustProxy()('HTTP_TRUST_PROXY', '')).toBe(false);
    expect(trustProxy()('HTTP_TRUST_PROXY', '1')).toBe(1);
    expect(trustProxy()('HTTP_TRUST_PROXY', 'loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => trustProxy()('HTTP_TRUST_PROXY', 'everyone')).toThrow(/HTTP_TRUST_PROXY/);
    expect(byteSize(1)('HTTP_BODY_LIMIT', '2mb')).toBe(2 * 1024 * 1024);
    expect(byteSize(1)('HTTP_BODY_LIMIT', '512kb')).toBe(512 * 1024);
    expect(() => byteSize(1)('HTTP_BODY_LIMIT', 'lots')).toThrow(/HTTP_BODY_LIMIT/);
    expect(() => loadConfig({ HTTP_RATE_PER_MIN: '0' })).toThrow(/HTTP_RATE_PER_MIN/);
    const c = loadConfig({});
    expect(c.hardening).toMatchObject({ corsOrigins: [], trustProxy: false, ratePerMin: 6000, ingestRatePerMin: 60, bodyLimitBytes: 1024 * 1024, hsts: false, rateLoopbackExempt: true });
    // JSON field reports with base64 photos fit: 5 × 5 MB × 4/3 plus the text.
    expect(feedbackJsonLimit(c)).toBeGreaterThan((5 * 5 * 1024 * 1024 * 4) / 3);
  });

  it('CSP: own scripts, blob: workers, camera and tile origins', () => {
    const csp = webCsp(loadConfig({ CAMERA_BASE_URL: 'http://cam.vn:81/x', MAP_STYLE_URL: 'https://tiles.vn/s.json' }));
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/img-src [^;]*http:\/\/cam\.vn:81/);
    expect(csp).toMatch(/img-src [^;]*https:\/\/tiles\.vn/);
    expect(webCsp(loadConfig({}))).toContain('http://127.0.0.1:*');
  });
});
