import { describe, expect, it } from 'vitest';
import { resolveRoute } from './route';

describe('resolveRoute', () => {
  it('redirects the root to the main wall', () => {
    expect(resolveRoute('/')).toEqual({ kind: 'redirect', to: '/wall/main' });
    expect(resolveRoute('')).toEqual({ kind: 'redirect', to: '/wall/main' });
  });

  it('reads the wall id, with or without a trailing slash', () => {
    expect(resolveRoute('/wall/main')).toEqual({ kind: 'wall', wallId: 'main' });
    expect(resolveRoute('/wall/flood-ops/')).toEqual({ kind: 'wall', wallId: 'flood-ops' });
  });

  it('does not match other paths', () => {
    expect(resolveRoute('/wall')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/wall/a/b')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/tablet')).toEqual({ kind: 'not-found' });
  });
});
