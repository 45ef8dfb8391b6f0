import { describe, expect, it } from 'vitest';
import { Policy, type Grant } from './policy.js';
import type { Principal, RoleBinding } from './principal.js';

// province P → districts D1, D2 → communes C11, C12, C21
const parents: Record<string, string | null> = { P: null, D1: 'P', D2: 'P', C11: 'D1', C12: 'D1', C21: 'D2' };
const tree = {
  lineage(id: string) {
    if (!(id in parents)) return undefined;
    const out: string[] = [];
    for (let n: string | null = id; n; n = parents[n] ?? null) out.push(n);
    return out;
  },
};
const who = (...bindings: RoleBinding[]): Principal => ({ kind: 'user', id: 'u1', name: 'u1', bindings });

describe('Policy', () => {
  const policy = new Policy(tree);

  it('reaches a region subtree: a district official reads its communes, not the next district', () => {
    const p = who({ role: 'viewer', scope: { regions: ['D1'] } });
    expect(policy.allows(p, 'kpi:read', { region: 'C12' })).toBe(true);
    expect(policy.allows(p, 'kpi:read', { region: 'D1' })).toBe(true);
    expect(policy.decide(p, 'kpi:read', { region: 'C21' })).toMatchObject({ allow: false, reason: expect.stringContaining('region C21') });
    expect(policy.decide(p, 'kpi:read', {})).toMatchObject({ allow: false, reason: expect.stringContaining('whole province') });
    expect(policy.allows(p, 'kpi:read', { region: 'nowhere' })).toBe(false);
    expect(policy.allows(who({ role: 'viewer', scope: { regions: [] } }), 'kpi:read', { region: 'nowhere' })).toBe(true); // the route says 404
  });

  it('a scope rooted at the province is the whole province', () => {
    expect(policy.allows(who({ role: 'viewer', scope: { regions: ['P'] } }), 'kpi:read', {})).toBe(true);
  });

  it('binds sector staff to their sectors for sector data, not for geography', () => {
    const p = who({ role: 'sector-staff', scope: { regions: [], sectors: ['health'] } });
    expect(policy.allows(p, 'alert:read', { sector: 'health' })).toBe(true);
    expect(policy.allows(p, 'alert:read', { sector: 'education' })).toBe(false);
    expect(policy.allows(p, 'alert:read', {})).toBe(false); // every sector
    expect(policy.allows(p, 'geo:read', {})).toBe(true);
  });

  it('a field unit reaches only what concerns its own unit', () => {
    const p = who({ role: 'field-unit', scope: { regions: [], unitId: 'u-7' } });
    expect(policy.allows(p, 'incident:read', { unitIds: ['u-3', 'u-7'] })).toBe(true);
    expect(policy.allows(p, 'incident:read', { unitIds: ['u-3'] })).toBe(false);
    expect(policy.allows(p, 'incident:read', {})).toBe(false);
    expect(policy.allows(p, 'incident:act', { unitIds: ['u-7'] })).toBe(false); // not its role
  });

  it('a device publishes for its own sources only (the MQTT ACL asks this)', () => {
    const gw = { kind: 'device' as const, id: 'gw-1', name: 'gw-1', bindings: [{ role: 'device' as const, scope: { regions: [], sources: ['aq-1', 'aq-2'] } }] };
    expect(policy.allows(gw, 'telemetry:publish', { source: 'aq-2', sector: 'environment' })).toBe(true);
    expect(policy.decide(gw, 'telemetry:publish', { source: 'aq-9' })).toMatchObject({ allow: false, reason: expect.stringContaining('not source aq-9') });
    expect(policy.allows(gw, 'kpi:read', {})).toBe(false);
    expect(policy.allows(who({ role: 'admin', scope: { regions: [] } }), 'telemetry:publish', { source: 'aq-1' })).toBe(false); // people do not publish as devices
  });

  it('refuses what no role carries and says so', () => {
    expect(policy.decide(who({ role: 'viewer', scope: { regions: [] } }), 'wall:command')).toMatchObject({ allow: false, reason: 'no role of u1 grants wall:command' });
    expect(policy.allows(who(), 'kpi:read')).toBe(false);
  });

  it('an active emergency grant adds its sector data to the grantee role until it expires or is revoked', () => {
    let now = new Date('2026-12-03T08:00:00Z');
    const grant: Grant = { id: 'g1', sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read'], regions: [], expiresAt: new Date('2026-12-03T10:00:00Z') };
    const grants = { active: (at: Date) => [grant].filter((g) => !g.revokedAt && g.expiresAt > at) };
    const withGrants = new Policy(tree, grants, () => now);
    const operator = who({ role: 'operator', scope: { regions: [] } });
    const staff = who({ role: 'sector-staff', scope: { regions: [], sectors: ['education'] } });
    const grantToStaff: Grant = { ...grant, id: 'g2', grantee: { role: 'sector-staff' } };
    const g2 = new Policy(tree, { active: (at) => [grantToStaff].filter((g) => !g.revokedAt && g.expiresAt > at) }, () => now);
    expect(g2.allows(staff, 'report:read', { sector: 'health' })).toBe(true);
    expect(g2.decide(staff, 'report:read', { sector: 'health' }).grantId).toBe('g2');
    expect(g2.allows(staff, 'report:write', { sector: 'health' })).toBe(false);
    expect(g2.allows(staff, 'report:read', { sector: 'finance' })).toBe(false);
    now = new Date('2026-12-03T10:00:01Z');
    expect(g2.allows(staff, 'report:read', { sector: 'health' })).toBe(false);
    expect(withGrants.allows(operator, 'report:read', { sector: 'health' })).toBe(false); // expired
    now = new Date('2026-12-03T09:00:00Z');
    expect(withGrants.allows(operator, 'report:read', { sector: 'health' })).toBe(true);
    expect(withGrants.allows(operator, 'report:read', { sector: 'education' })).toBe(false);
    grant.revokedAt = now;
    expect(withGrants.allows(operator, 'report:read', { sector: 'health' })).toBe(false);
  });
});
