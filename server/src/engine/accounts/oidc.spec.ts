import { describe, expect, it } from 'vitest';
import { claimAt, OidcService, safeNext } from './oidc.js';

describe('oidc helpers', () => {
  it('keeps only same-origin relative next paths', () => {
    expect(safeNext('/wall/main')).toBe('/wall/main');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });

  it('reads dotted claims and maps ioc- roles with regions and sectors', () => {
    expect(claimAt({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
    const svc = new OidcService({ issuer: 'x', clientId: 'ioc', rolesClaim: 'realm_access.roles', regionsClaim: 'ioc_regions', sectorsClaim: 'ioc_sectors' }, undefined as never, undefined as never, undefined as never, undefined as never, undefined as never);
    expect(svc.bindingsOf({ realm_access: { roles: ['ioc-operator', 'offline_access', 'ioc-king'] }, resource_access: { ioc: { roles: ['ioc-viewer'] } }, ioc_regions: ['bp-dong-xoai'], ioc_sectors: 'health' })).toEqual([
      { role: 'operator', scope: { regions: ['bp-dong-xoai'], sectors: ['health'] } },
      { role: 'viewer', scope: { regions: ['bp-dong-xoai'], sectors: ['health'] } },
    ]);
  });
});
