/**
 * The access matrix, through the real HTTP server and socket.io with real accounts and tokens:
 * every route of the route table and every live topic × every role × a target inside and one
 * outside the role's region (and sector, and unit) → allow or deny, compared with the model
 * below (written from the issue, not from the code). A route without an access policy fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { routeTable, type AccessSpec, type RouteEntry } from '@ioc/server/auth';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Role = 'admin' | 'operator' | 'leader' | 'sector-staff' | 'coordinator' | 'field-unit' | 'reporter' | 'viewer';
const ROLES: Role[] = ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'field-unit', 'reporter', 'viewer'];

// The model: which roles hold each permission (issue #6: admin all; operator = IOC wall and console;
// leader = read all + command; sector staff = their sectors; coordinator = incidents and dispatch;
// field unit = own unit's incidents; reporter = submits statistics; viewer = looks).
const ALL: Role[] = ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'field-unit', 'reporter', 'viewer'];
const MODEL: Record<string, Role[]> = {
  'geo:read': ALL,
  'kpi:read': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'reporter', 'viewer'],
  'kpi:write': ['admin', 'sector-staff'],
  'telemetry:read': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator'],
  'source:write': ['admin'],
  'alert:read': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator'],
  'alert:act': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator'],
  'rule:read': ['admin', 'operator', 'leader', 'sector-staff'],
  'rule:write': ['admin', 'sector-staff'],
  'incident:read': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'field-unit'],
  'incident:act': ['admin', 'operator', 'leader', 'coordinator'],
  'dispatch:read': ['admin', 'operator', 'leader', 'coordinator', 'field-unit'],
  'dispatch:assign': ['admin', 'leader', 'coordinator'],
  'unit:report': ['admin', 'coordinator', 'field-unit'],
  'report:read': ['admin', 'leader', 'sector-staff', 'reporter'],
  'report:submit': ['admin', 'reporter'],
  'report:write': ['admin', 'sector-staff'],
  'feedback:read': ['admin', 'operator', 'leader', 'coordinator'],
  'feedback:act': ['admin', 'coordinator'],
  'wall:read': ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'viewer'],
  'wall:command': ['admin', 'operator', 'leader'],
  'wall:write': ['admin'],
  'notify:read': ['admin', 'operator', 'leader'],
  'notify:write': ['admin'],
  'cap:read': ['admin', 'operator', 'leader', 'coordinator'],
  'cap:write': ['admin', 'coordinator'],
  'deadletter:read': ['admin', 'operator'],
  'audit:read': ['admin', 'leader'],
  'user:manage': ['admin'],
  'grant:manage': ['admin', 'sector-staff'],
  'device:manage': ['admin'],
};
/** Data that belongs to a sector: sector staff reach only their sectors' share of it. */
const SECTOR_DATA = new Set(['kpi:read', 'kpi:write', 'telemetry:read', 'source:write', 'alert:read', 'alert:act', 'rule:read', 'rule:write', 'report:read', 'report:submit', 'report:write']);

/** What a request carries about where its data lies (what the guard can see). */
interface Carries {
  region: boolean;
  sector: boolean;
  units: boolean;
}

/** The model's verdict: role holds the permission and the target is fully inside its scope. */
function expected(role: Role | 'anonymous', permission: string, target: 'in' | 'out', c: Carries): boolean {
  if (permission === 'public') return true;
  if (role === 'anonymous') return false;
  if (permission === 'signed-in') return true;
  if (!MODEL[permission]?.includes(role)) return false;
  if (role === 'admin') return true; // bound to the whole province
  // Every other account is bound to one region subtree (IN): the request must say where, and it must be IN.
  if (!c.region || target === 'out') return false;
  if (role === 'sector-staff' && SECTOR_DATA.has(permission) && !c.sector) return false;
  if (role === 'field-unit' && !c.units) return false;
  return true;
}

const ADMIN_PASSWORD = 'Matrix-admin-2026!';
const PASSWORD = 'Matrix-user-2026!';

describe('access matrix: every route and topic × every role × in / out of scope', () => {
  let stack: Stack;
  let routes: RouteEntry[];
  const tokens = new Map<Role | 'anonymous', string>();
  // Fixture ids per target.
  const fx: Record<'in' | 'out', Record<string, string | undefined>> = { in: {}, out: {} };
  const base = (p: string) => `${stack.httpUrl}${p}`;
  const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
    const res = await fetch(base(path), {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    return res.status;
  };
  const asAdmin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(base(path), { method, headers: { authorization: `Bearer ${tokens.get('admin')}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const login = async (username: string, password: string) => {
    const res = await fetch(base('/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };

  beforeAll(async () => {
    stack = await startStack({ AUTH_MODE: 'required', IOC_ADMIN_PASSWORD: ADMIN_PASSWORD, AUTH_LOGIN_RATE_PER_MIN: '100000', HTTP_RATE_PER_MIN: '1000000', HTTP_INGEST_RATE_PER_MIN: '100000', MQTT_DEVICE_AUTH: 'off' });
    routes = routeTable(stack.controllers ?? []);
    tokens.set('admin', await login('admin', ADMIN_PASSWORD));

    // IN: the station of one response unit; OUT: the station of a unit in another district.
    const regions = await asAdmin<{ features: Array<{ properties: { id: string; parentId: string | null; level: string } }> }>('GET', '/api/v1/regions');
    const parent = new Map(regions.features.map((f) => [f.properties.id, f.properties.parentId]));
    const lineage = (id: string) => {
      const out: string[] = [];
      for (let n: string | null | undefined = id; n; n = parent.get(n)) out.push(n);
      return out;
    };
    // Two response units registered here, in communes of two different districts.
    const communes = regions.features.filter((f) => f.properties.level === 'commune').map((f) => f.properties);
    const cIn = communes[0]!;
    const cOut = communes.find((c) => c.parentId !== cIn.parentId)!;
    const unitDef = (id: string, regionId: string) => ({ id, sector: 'dispatch', kind: 'unit', name: id, regionId, lon: 106.9, lat: 11.5, attributes: { unitType: 'fire', callSign: id.toUpperCase(), cruiseKmh: 40, station: 'matrix' } });
    // And a hospital in each (health), an education-free OUT sector check comes from the sector itself.
    const hospital = (id: string, regionId: string) => ({ id, sector: 'health', kind: 'hospital', name: id, regionId, lon: 106.9, lat: 11.5 });
    await asAdmin('PUT', '/api/v1/sources', { sources: [unitDef('unit-matrix-in', cIn.id), unitDef('unit-matrix-out', cOut.id), hospital('bv-matrix-in', cIn.id), hospital('bv-matrix-out', cOut.id)] });
    const unitIn = { id: 'unit-matrix-in', regionId: cIn.id };
    const unitOut = { id: 'unit-matrix-out', regionId: cOut.id };
    expect(lineage(cIn.id)).not.toContain(cOut.id);
    const sectorIn = 'health';
    const sectorOut = 'education';
    const types = (await asAdmin<{ items: Array<{ id: string }> }>('GET', '/api/v1/incident-types')).items;
    for (const [t, unit, sector] of [['in', unitIn, sectorIn], ['out', unitOut, sectorOut]] as const) {
      const f = fx[t];
      f.region = unit.regionId;
      f.sector = sector;
      f.unit = unit.id;
      f.source = t === 'in' ? 'bv-matrix-in' : 'bv-matrix-out';
      f.kpi = f.rule = f['report-template'] = `${sector}.matrix_probe`;
      const inc = await asAdmin<{ id: string }>('POST', '/api/v1/incidents', { type: types[0]!.id, regionId: unit.regionId, lon: 106.9, lat: 11.5, title: `matrix ${t}`, createdBy: 'matrix' });
      f.incident = inc.id;
      const a = await asAdmin<{ id: string }>('POST', '/api/v1/dispatch/assignments', { incidentId: inc.id, unitId: unit.id, actor: 'matrix' });
      f.assignment = a.id;
    }
    // One account per role, bound to IN (sector staff also to IN's sector, the field unit to IN's unit).
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const scope = { regions: [fx.in.region!], ...(role === 'sector-staff' ? { sectors: [fx.in.sector!] } : {}), ...(role === 'field-unit' ? { unitId: fx.in.unit! } : {}) };
      const username = `matrix-${role}`;
      await asAdmin('POST', '/api/v1/users', { username, displayName: username, password: PASSWORD, bindings: [{ role, scope }] });
      tokens.set(role, await login(username, PASSWORD));
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('every route has an access policy', () => {
    const missing = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(routes.length).toBeGreaterThan(90);
    expect(missing).toEqual([]);
  });

  /** The concrete request for a route and a target, and what it carries. */
  function request(r: RouteEntry, t: 'in' | 'out'): { path: string; body?: unknown; carries: Carries } {
    const spec = r.access as AccessSpec;
    const f = fx[t];
    const params: Record<string, string> = {};
    const query = new URLSearchParams();
    const body: Record<string, string> = {};
    const put = (from: string | undefined, value: string | undefined) => {
      if (!from || value === undefined) return;
      const [where, key] = from.split('.') as [string, string];
      if (where === 'param') params[key] = value;
      else if (where === 'query') query.set(key, value);
      else body[key] = value;
    };
    const kind = spec.entity?.kind;
    const entityId = kind ? f[kind] : undefined;
    put(spec.entity?.from, entityId ?? '999999999');
    put(spec.region, f.region);
    put(spec.sector, f.sector);
    put(spec.unit, f.unit);
    const path = r.path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? 'matrix-x1'));
    const q = query.toString();
    const found = entityId !== undefined;
    const entityCarries: Record<string, Carries> = {
      kpi: { region: false, sector: true, units: false },
      rule: { region: false, sector: true, units: false },
      'report-template': { region: false, sector: true, units: false },
      unit: { region: true, sector: true, units: true }, // sector dispatch: no role here is bound to it
      source: { region: true, sector: true, units: false },
      incident: { region: true, sector: false, units: true },
      assignment: { region: true, sector: false, units: true },
    };
    const e = kind && found ? entityCarries[kind] ?? { region: false, sector: false, units: false } : { region: false, sector: false, units: false };
    const carries = { region: e.region || !!spec.region, sector: e.sector || !!spec.sector, units: e.units || !!spec.unit };
    return { path: q ? `${path}?${q}` : path, ...(['POST', 'PUT', 'PATCH'].includes(r.method) ? { body } : {}), carries };
  }

  it('every route × every role × in / out of scope answers as the model says', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      if (!r.access) continue;
      // Signing out ends the session the rest of the matrix uses.
      if (r.path === '/api/v1/auth/logout') continue;
      for (const t of ['in', 'out'] as const) {
        const req = request(r, t);
        for (const role of [...ROLES, 'anonymous'] as const) {
          const status = await call(r.method, req.path, tokens.get(role), req.body);
          // A public route may still answer 401 about its own input (refresh without a cookie).
          const allowed = r.access.permission === 'public' ? status !== 403 : status !== 401 && status !== 403;
          const want = expected(role, r.access.permission, t, req.carries);
          checked++;
          if (allowed !== want) wrong.push(`${r.method} ${req.path} as ${role} (${t}): got ${status}, model says ${want ? 'allow' : 'deny'} [${r.access.permission}]`);
        }
      }
    }
    console.log(`access matrix: ${checked} requests over ${routes.length} routes`);
    expect(wrong).toEqual([]);
  }, 300_000);

  it('every live topic × every role × in / out of scope: a client never joins a room it may not read', async () => {
    const topics = (t: 'in' | 'out') => [
      { topic: `kpi:${fx[t].sector}:${fx[t].region}`, permission: 'kpi:read', carries: { region: true, sector: true, units: false } },
      { topic: `latest:${fx[t].sector}`, permission: 'telemetry:read', carries: { region: false, sector: true, units: false } },
      { topic: `sources:${fx[t].sector}`, permission: 'telemetry:read', carries: { region: false, sector: true, units: false } },
      { topic: `alerts:${fx[t].sector}`, permission: 'alert:read', carries: { region: false, sector: true, units: false } },
      { topic: `alerts:${fx[t].region}`, permission: 'alert:read', carries: { region: true, sector: false, units: false } },
      { topic: 'alerts:all', permission: 'alert:read', carries: { region: false, sector: false, units: false } },
      { topic: 'incidents', permission: 'incident:read', carries: { region: false, sector: false, units: false } },
      { topic: 'units', permission: 'dispatch:read', carries: { region: false, sector: false, units: false } },
      { topic: 'feedback', permission: 'feedback:read', carries: { region: false, sector: false, units: false } },
      { topic: 'wall:main', permission: 'wall:read', carries: { region: false, sector: false, units: false } },
    ];
    const wrong: string[] = [];
    for (const role of [...ROLES, 'anonymous'] as const) {
      const socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'], auth: tokens.get(role) ? { token: tokens.get(role) } : {}, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (e) => (role === 'anonymous' ? resolve() : reject(e)));
      });
      for (const t of ['in', 'out'] as const) {
        for (const x of topics(t)) {
          const want = expected(role, x.permission, t, x.carries);
          let allowed = false;
          if (socket.connected) {
            const ack = (await socket.timeout(5000).emitWithAck('subscribe', { topics: [x.topic] })) as Array<{ topic: string; error?: string }>;
            allowed = !ack[0]?.error;
            if (!allowed && !/forbidden/.test(ack[0]?.error ?? '')) wrong.push(`${x.topic} as ${role}: unexpected error ${ack[0]?.error}`);
          }
          if (allowed !== want) wrong.push(`${x.topic} as ${role} (${t}): ${allowed ? 'joined' : 'refused'}, model says ${want ? 'allow' : 'deny'}`);
        }
      }
      socket.close();
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('a bad or missing token is refused with 401 problem+json, and the handshake refuses a bad token', async () => {
    const res = await fetch(base('/api/v1/incidents'), { headers: { authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const none = await fetch(base('/api/v1/incidents'));
    expect(none.status).toBe(401);
    const socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'], auth: { token: 'not-a-token' }, reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toMatch(/invalid|expired/);
    socket.close();
  });
});
