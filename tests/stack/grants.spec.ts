/**
 * Emergency grants through the real runtime under a ManualClock: create (validated: sector-data
 * permissions, future expiry within GRANT_MAX_HOURS, a real sector), list, get, revoke; a granter
 * lacking the permission on that sector is refused; the Policy lets an operator read health
 * reports only while the grant is active — not education's, not after expiry or revocation;
 * create, revoke and expiry (once) are in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/engine/time/clock.js';
import { GrantService, GrantError, type GrantRecord } from '../../server/dist/engine/grants/grant.service.js';
import { AuditTrail } from '../../server/dist/engine/audit/audit-trail.js'; // the runtime's classes (Nest looks providers up by class)
import { verifyChain, type AuditRow } from '../../server/src/engine/audit/audit-trail.js';
import { Policy } from '../../server/src/engine/auth/policy.js';
import type { Principal } from '../../server/src/engine/auth/principal.js';
import { RegionTree } from '../../server/dist/engine/registry/region-tree.js';
import { EMBEDDED } from '../support/modes.js';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
const MIN = 60_000;
const operator: Principal = { kind: 'user', id: 'u-op', name: 'operator one', bindings: [{ role: 'operator', scope: { regions: [], sectors: ['traffic'] } }] };
const healthOc: Principal = { kind: 'user', id: 'u-health', name: 'health OC', bindings: [{ role: 'sector-staff', scope: { regions: [], sectors: ['health'] } }] };

describe(`emergency grants: ${EMBEDDED.name}`, () => {
  let stack: Stack;
  const clock = new ManualClock(new Date());
  let grants: GrantService;
  let policy: Policy;
  const url = (p: string) => `${stack.httpUrl}${p}`;
  const post = (p: string, body: unknown) => fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = async <T>(r: Response | Promise<Response>) => (await (await r).json()) as T;
  const healthReports = () => policy.decide(operator, 'report:read', { sector: 'health' });

  beforeAll(async () => {
    stack = await startStack({ GRANT_MAX_HOURS: '24' }, { clock });
    grants = stack.grants!;
    expect(stack.app!.get(GrantService)).toBe(grants);
    policy = stack.policy; // the runtime's policy reads the runtime's grants
    // The Policy of the brief, built directly on the service: same answers.
    const direct = new Policy(stack.app!.get(RegionTree), grants, () => clock.now());
    expect(direct.decide(operator, 'report:read', { sector: 'health' }).allow).toBe(false);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('refuses bad grants naming the field', async () => {
    const base = { sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read'], durationMin: 60, reason: 'lũ quét xã A' };
    const cases: Array<[unknown, number, string]> = [
      [{ ...base, permissions: ['audit:read'] }, 422, 'permissions[0]'],
      [{ ...base, durationMin: 25 * 60 }, 422, 'durationMin'],
      [{ ...base, durationMin: undefined, expiresAt: new Date(clock.now().getTime() - MIN).toISOString() }, 422, 'expiresAt'],
      [{ ...base, sector: 'no-such-sector' }, 422, 'sector'],
      [{ ...base, reason: undefined }, 422, 'reason'],
    ];
    for (const [body, status, field] of cases) {
      const r = await post('/api/v1/grants', body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect((await r.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await json<{ items: unknown[] }>(fetch(url('/api/v1/grants')))).items).toEqual([]);
  });

  it('a granter may lend only what it holds on that sector', async () => {
    await expect(grants.create(healthOc, { sector: 'education', grantee: { role: 'operator' }, permissions: ['report:read'], durationMin: 60, reason: 'not ours to lend' })).rejects.toMatchObject({ status: 403 });
    await expect(grants.create(operator, { sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read'], durationMin: 60, reason: 'operator lends to itself' })).rejects.toBeInstanceOf(GrantError);
    const g = await grants.create(healthOc, { sector: 'health', grantee: { userId: 'u-other' }, permissions: ['report:read'], durationMin: 10, reason: 'health lends health' });
    expect(g.sector).toBe('health');
    const educationOc: Principal = { ...healthOc, id: 'u-edu', name: 'education OC', bindings: [{ role: 'sector-staff', scope: { regions: [], sectors: ['education'] } }] };
    await expect(grants.revoke(educationOc, g.id, 'not ours')).rejects.toMatchObject({ status: 403 });
    await grants.revoke(healthOc, g.id, 'test done');
  });

  it('the operator reads health reports only while the grant is active', async () => {
    expect(healthReports().allow).toBe(false);
    const res = await post('/api/v1/grants', { sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read'], durationMin: 60, reason: 'dịch sốt xuất huyết', incidentId: '42' });
    expect(res.status).toBe(201);
    const g = (await res.json()) as GrantRecord;
    expect(healthReports()).toMatchObject({ allow: true, grantId: g.id });
    expect(policy.decide(operator, 'report:read', { sector: 'education' }).allow).toBe(false);
    expect(policy.decide(operator, 'report:write', { sector: 'health' }).allow).toBe(false);
    const active = await json<{ items: GrantRecord[] }>(fetch(url('/api/v1/grants?active=true&sector=health')));
    expect(active.items.map((x) => x.id)).toEqual([g.id]);
    expect(await json<GrantRecord>(fetch(url(`/api/v1/grants/${g.id}`)))).toMatchObject({ id: g.id, state: 'active', incidentId: '42' });

    clock.advance(61 * MIN);
    expect(healthReports().allow).toBe(false);
    expect(await grants.noticeExpired()).toBeGreaterThanOrEqual(1);
    expect(await grants.noticeExpired()).toBe(0); // once
    expect(await json<GrantRecord>(fetch(url(`/api/v1/grants/${g.id}`)))).toMatchObject({ state: 'expired' });
    expect((await json<{ items: GrantRecord[] }>(fetch(url('/api/v1/grants?active=false')))).items.map((x) => x.id)).toContain(g.id);
  });

  it('revocation ends the grant at once, is visible and audited', async () => {
    const changes: string[] = [];
    const off = grants.onChange((c) => changes.push(c.kind));
    const g = await json<GrantRecord>(post('/api/v1/grants', { sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read', 'kpi:read'], durationMin: 120, reason: 'sạt lở' }));
    expect(healthReports().allow).toBe(true);
    const r = await post(`/api/v1/grants/${g.id}/revoke`, { reason: 'incident closed' });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ state: 'revoked', revokeReason: 'incident closed' });
    expect(healthReports().allow).toBe(false);
    expect((await post(`/api/v1/grants/${g.id}/revoke`, { reason: 'again' })).status).toBe(409);
    expect((await fetch(url('/api/v1/grants/nope'))).status).toBe(404);
    expect(changes).toEqual(['created', 'revoked']);
    off();

    await stack.app!.get(AuditTrail).flush();
    const actions = (await json<{ items: AuditRow[] }>(fetch(url('/api/v1/audit?action=grant.*&limit=100')))).items.map((x) => `${x.action} ${x.target}`);
    expect(actions).toContain(`grant.create grant:${g.id}`);
    expect(actions).toContain(`grant.revoke grant:${g.id}`);
    expect(actions.filter((a) => a.startsWith('grant.expire'))).toHaveLength(1);
    expect(await verifyChain(stack.db)).toMatchObject({ ok: true });
  });
});
