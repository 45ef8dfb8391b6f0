import { describe, expect, it } from 'vitest';
import { resolveRoute, withLang } from './route';

describe('resolveRoute', () => {
  it('redirects the root to the main wall', () => {
    expect(resolveRoute('/')).toEqual({ kind: 'redirect', to: '/wall/main' });
    expect(resolveRoute('')).toEqual({ kind: 'redirect', to: '/wall/main' });
  });

  it('reads the wall id, with or without a trailing slash', () => {
    expect(resolveRoute('/wall/main')).toEqual({ kind: 'wall', wallId: 'main' });
    expect(resolveRoute('/wall/flood-ops/')).toEqual({ kind: 'wall', wallId: 'flood-ops' });
  });

  it('reads the sector OC pages and their index', () => {
    expect(resolveRoute('/oc')).toEqual({ kind: 'oc-index' });
    expect(resolveRoute('/oc/')).toEqual({ kind: 'oc-index' });
    expect(resolveRoute('/oc/health')).toEqual({ kind: 'oc', sector: 'health' });
    expect(resolveRoute('/oc/health/')).toEqual({ kind: 'oc', sector: 'health' });
  });

  it('does not match other paths', () => {
    expect(resolveRoute('/wall')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/wall/a/b')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/oc/health/x')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/tablets')).toEqual({ kind: 'not-found' });
    expect(resolveRoute('/wall/main/console/x')).toEqual({ kind: 'not-found' });
  });

  it('reads the tablet, incident console, admin and wall operator console', () => {
    expect(resolveRoute('/tablet')).toEqual({ kind: 'tablet' });
    expect(resolveRoute('/incidents/')).toEqual({ kind: 'incidents' });
    expect(resolveRoute('/admin')).toEqual({ kind: 'admin' });
    expect(resolveRoute('/wall/main/console')).toEqual({ kind: 'wall-console', wallId: 'main' });
  });
});

describe('withLang', () => {
  it('keeps the chosen language on links', () => {
    expect(withLang('/oc/health', '?lang=en&region=x')).toBe('/oc/health?lang=en');
    expect(withLang('/oc/health', '')).toBe('/oc/health');
  });
});
