import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeJson, etagMatches } from './summary.js';

describe('summary encoding', () => {
  const body = { kpis: Array.from({ length: 50 }, (_, i) => ({ id: `k${i}`, name: { vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn', en: 'On-time rate' }, value: i })) };

  it('gzips a body worth it when the client accepts gzip, with the same weak ETag either way', () => {
    const plain = encodeJson(body, undefined);
    const zipped = encodeJson(body, 'gzip, deflate, br');
    expect(plain.gzip).toBeNull();
    expect(zipped.gzip).not.toBeNull();
    expect(gunzipSync(zipped.gzip!).equals(plain.raw)).toBe(true);
    expect(zipped.etag).toBe(plain.etag);
    expect(plain.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(encodeJson(body, 'gzip;q=0, deflate').gzip).toBeNull();
    expect(encodeJson({ a: 1 }, 'gzip').gzip).toBeNull();
    expect(encodeJson({ ...body, x: 1 }, undefined).etag).not.toBe(plain.etag);
  });

  it('matches If-None-Match weakly, in lists and with *', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"abc"')).toBe(false);
  });
});
