import { describe, expect, it } from 'vitest';
import { Logger, redact, redactText } from './logger.js';

function capture(): { log: Logger; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  return { log: new Logger('debug', 'test', (l) => out.push(l)), lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('Logger redaction', () => {
  it('replaces the values of secret-named keys at any depth', () => {
    const { log, lines } = capture();
    log.info('login', {
      username: 'admin',
      password: 'hunter2',
      nested: { accessToken: 'eyJ.abc.def', refreshToken: 'r-123', client_secret: 's', apiKey: 'k', deep: [{ Authorization: 'Bearer xyz' }] },
      headers: { cookie: 'ioc_refresh=abc', 'set-cookie': ['ioc_refresh=abc; HttpOnly'], 'content-type': 'application/json' },
      tokenCount: 3,
      hasPassword: true,
    });
    const text = JSON.stringify(lines()[0]);
    for (const secret of ['hunter2', 'eyJ.abc.def', 'r-123', 'xyz', 'ioc_refresh=abc']) expect(text).not.toContain(secret);
    const line = lines()[0] as { username: string; password: string; headers: Record<string, unknown>; tokenCount: number; hasPassword: boolean };
    expect(line.username).toBe('admin');
    expect(line.password).toBe('[redacted]');
    expect(line.headers['content-type']).toBe('application/json');
    expect(line.headers['set-cookie']).toBe('[redacted]');
    // Numbers and flags say nothing secret.
    expect(line.tokenCount).toBe(3);
    expect(line.hasPassword).toBe(true);
  });

  it('masks user:pass@ in URLs and Bearer/Basic credentials inside texts and the message', () => {
    expect(redactText('connect mqtt://ioc:s3cret@broker:1883 failed')).toBe('connect mqtt://ioc:***@broker:1883 failed');
    expect(redactText('postgres://u:p@db/x and redis://:pw@r:6379')).toBe('postgres://u:***@db/x and redis://:***@r:6379');
    expect(redactText('mail to a@b.vn')).toBe('mail to a@b.vn');
    expect(redactText('header Authorization: Bearer abc.def-ghi')).toBe('header Authorization: Bearer [redacted]');
    const { log, lines } = capture();
    log.warn('broker smtp://user:pw@mail:587 down', { url: new URL('smtp://user:pw@mail:587'), error: new Error('auth failed for redis://x:topsecret@h') });
    const text = JSON.stringify(lines()[0]);
    expect(text).not.toContain('pw@');
    expect(text).not.toContain('topsecret');
    expect(text).toContain('smtp://user:***@mail:587');
  });

  it('survives cycles and keeps other values', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    expect(redact(a)).toEqual({ n: 1, self: '[…]' });
    expect(redact([1, 'x', null])).toEqual([1, 'x', null]);
  });
});
