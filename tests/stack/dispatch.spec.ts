/**
 * Dispatch through the real runtime, on embedded defaults and on the production path: response
 * units registered like any source; the simulator's unit fleet reports their positions over MQTT
 * (stored in `unit_position`); the nearest available unit is suggested for an incident and
 * assigned; the crew acknowledges over MQTT; the fleet drives it (time-lapse) to the scene, where
 * the IOC detects the arrival from the position and the incident moves to handling; messages go
 * to the incident's group and to one unit; resolving the incident stands the unit down and it
 * drives back to base. The socket topic `units` carries every change; bad input is a 4xx
 * problem+json naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startUnitFleet, type UnitFleet } from '@ioc/simulators';
import type { Assignment, Delta, DispatchMessage, DispatchUnit, IncidentRecord, SourceDefinition, SubscribeAck, TopicSnapshot, UnitSuggestion, UnitsDelta, UnitsSnapshot } from '@ioc/sdk';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`dispatch: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    let fleet: UnitFleet;
    let socket: Socket;
    const tag = `${runId}-${mode.name.length}`.slice(0, 30);
    const ids = { near: `test-unit-${tag}-a`, far: `test-unit-${tag}-b`, fire: `test-unit-${tag}-c` };
    const deltas: Array<Delta<UnitsDelta>> = [];
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const field = async (r: Response) => (await json<{ errors?: Array<{ field: string }> }>(r)).errors?.map((e) => e.field) ?? [];
    let scene: { lon: number; lat: number; regionId: string };
    let incident: IncidentRecord;
    let assignment: Assignment;

    beforeAll(async () => {
      env = await mode.setup('dispatch');
      if (!env) return;
      stack = await startStack(env.env);
      const c = (await json<{ features: Array<{ properties: { id: string; center: [number, number] } }> }>(fetch(url('/api/v1/regions?level=commune')))).features[0]!.properties;
      scene = { lon: c.center[0], lat: c.center[1], regionId: c.id };
      const unit = (id: string, unitType: string, dLon: number, name: string): SourceDefinition => ({ id, sector: 'dispatch', kind: 'unit', name, regionId: c.id, lon: scene.lon + dLon, lat: scene.lat, attributes: { unitType, callSign: id.toUpperCase(), cruiseKmh: 40 } });
      // ~1.1 km and ~5.5 km west of the scene; the fire engine is the nearest but not what a flash flood asks for.
      const units = [unit(ids.near, 'rescue', -0.01, 'Đội cứu hộ thử nghiệm A'), unit(ids.far, 'rescue', -0.05, 'Đội cứu hộ thử nghiệm B'), unit(ids.fire, 'fire', -0.003, 'Xe chữa cháy thử nghiệm')];
      expect((await send('PUT', '/api/v1/sources', { sources: units })).status).toBe(200);
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (d: Delta<UnitsDelta>) => {
        if (d.topic === 'units') deltas.push(d);
      });
      // Time-lapse ×150: 1.1 km at 40 km/h takes ~100 s in life, under a second here.
      fleet = startUnitFleet(units, { mqttUrl: env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, apiUrl: stack.httpUrl, intervalS: 0.3, pollMs: 250, ackDelayS: 0.3, speedup: 150 });
    });

    afterAll(async () => {
      await fleet?.stop();
      socket?.close();
      await stack?.close();
      await env?.teardown();
    });

    it('refuses a unit without a force type, naming the attribute', async (ctx) => {
      if (!env) return ctx.skip();
      const r = await send('PUT', '/api/v1/sources', { sources: [{ id: `test-unit-${tag}-x`, sector: 'dispatch', kind: 'unit', name: 'x', regionId: scene.regionId, lon: scene.lon, lat: scene.lat }] });
      expect(r.status).toBe(422);
      expect(JSON.stringify(await r.json())).toContain('attributes.unitType');
    });

    it('stores the positions the units report, and streams the units on the `units` topic', async (ctx) => {
      if (!env) return ctx.skip();
      const ack = (await socket.emitWithAck('subscribe', { topics: ['units'] })) as SubscribeAck;
      const snap = (ack[0] as TopicSnapshot<UnitsSnapshot>).snapshot;
      expect(snap.units.map((u) => u.id)).toEqual(expect.arrayContaining(Object.values(ids)));
      const near = await waitFor('a position of unit A', async () => {
        const u = await json<DispatchUnit>(fetch(url(`/api/v1/dispatch/units/${ids.near}`)));
        return u.position ? u : undefined;
      });
      expect(near).toMatchObject({ unitType: 'rescue', status: 'available', callSign: ids.near.toUpperCase(), cruiseKmh: 40, incidentId: null });
      expect(near.position!.lon).toBeCloseTo(scene.lon - 0.01, 4);
      const track = await json<{ items: unknown[] }>(fetch(url(`/api/v1/dispatch/units/${ids.near}/track`)));
      expect(track.items.length).toBeGreaterThan(0);
      const rows = await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit_position WHERE source_id = $1`, [ids.near]);
      expect(rows[0]!.n).toBeGreaterThan(0);
      // Positions are not readings.
      expect((await stack.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reading WHERE source_id = $1 AND metric IN ('lon', 'lat')`, [ids.near]))[0]!.n).toBe(0);
      await waitFor('a positions delta', () => deltas.some((d) => d.data.kind === 'positions'));
      const listed = await json<{ items: DispatchUnit[] }>(fetch(url(`/api/v1/dispatch/units?type=rescue&status=available`)));
      expect(listed.items.map((u) => u.id)).toEqual(expect.arrayContaining([ids.near, ids.far]));
      expect(listed.items.map((u) => u.id)).not.toContain(ids.fire);
    });

    it('suggests the nearest available unit of the kinds the incident asks for, with distance and ETA', async (ctx) => {
      if (!env) return ctx.skip();
      incident = await json<IncidentRecord>(send('POST', '/api/v1/incidents', { type: 'flash-flood', title: 'Lũ quét thử nghiệm', lon: scene.lon, lat: scene.lat, createdBy: 'trực ban' }));
      expect(incident.class).toBe('immediate');
      const s = await json<{ items: UnitSuggestion[] }>(fetch(url(`/api/v1/dispatch/suggestions?incidentId=${incident.id}&limit=100`)));
      const mine = s.items.filter((x) => Object.values(ids).includes(x.unit.id));
      expect(mine.map((x) => x.unit.id)).toEqual([ids.near, ids.far, ids.fire]);
      expect(mine[0]).toMatchObject({ matchesType: true });
      expect(mine[0]!.distanceM).toBeGreaterThan(900);
      expect(mine[0]!.distanceM).toBeLessThan(1300);
      // 1.1 km × 1.35 at 40 km/h ≈ 2 min 15 s.
      expect(mine[0]!.etaS).toBeGreaterThan(100);
      expect(mine[0]!.etaS).toBeLessThan(170);
      expect(mine[2]).toMatchObject({ matchesType: false });
    });

    it('assigns the unit; the crew acknowledges over MQTT, drives there, and the arrival is detected from its position', async (ctx) => {
      if (!env) return ctx.skip();
      const r = await send('POST', '/api/v1/dispatch/assignments', { incidentId: incident.id, unitId: ids.near, actor: 'điều phối viên', note: 'Ưu tiên sơ tán' });
      expect(r.status).toBe(201);
      assignment = await json<Assignment>(r);
      expect(assignment).toMatchObject({ incidentId: incident.id, unitId: ids.near, state: 'pending', assignedBy: 'điều phối viên' });
      expect(Date.parse(assignment.etaAt!)).toBeGreaterThan(Date.parse(assignment.assignedAt));
      const again = await send('POST', '/api/v1/dispatch/assignments', { incidentId: incident.id, unitId: ids.near, actor: 'điều phối viên' });
      expect(again.status).toBe(409);
      expect(await field(again)).toEqual(['unitId']);
      const dispatched = await json<IncidentRecord & { links: Array<{ kind: string; refId: string }> }>(fetch(url(`/api/v1/incidents/${incident.id}`)));
      expect(dispatched.state).toBe('dispatched');
      expect(dispatched.links).toContainEqual(expect.objectContaining({ kind: 'unit', refId: ids.near }));

      const acked = await waitFor('the crew’s acknowledgement', async () => {
        const a = await json<Assignment>(fetch(url(`/api/v1/dispatch/assignments?unitId=${ids.near}`))).then((x) => (x as unknown as { items: Assignment[] }).items[0]!);
        return a.acknowledgedAt ? a : undefined;
      });
      expect(acked.state === 'acknowledged' || acked.state === 'arrived').toBe(true);
      const arrived = await waitFor('arrival on scene', async () => {
        const a = (await json<{ items: Assignment[] }>(fetch(url(`/api/v1/dispatch/assignments?unitId=${ids.near}`)))).items[0]!;
        return a.state === 'arrived' ? a : undefined;
      }, 20_000);
      expect(Date.parse(arrived.arrivedAt!)).toBeGreaterThanOrEqual(Date.parse(arrived.acknowledgedAt!));
      // The unit view follows the bus (a moment behind the assignment row on the production path).
      const unit = await waitFor('unit on scene', async () => {
        const u = await json<DispatchUnit>(fetch(url(`/api/v1/dispatch/units/${ids.near}`)));
        return u.status === 'on_scene' ? u : undefined;
      });
      expect(unit).toMatchObject({ status: 'on_scene', incidentId: incident.id, assignmentId: assignment.id });
      const handling = await waitFor('incident handling', async () => {
        const i = await json<IncidentRecord>(fetch(url(`/api/v1/incidents/${incident.id}`)));
        return i.state === 'handling' ? i : undefined;
      });
      expect(handling.state).toBe('handling');
      const timeline = await json<{ items: Array<{ kind: string; actor: string; data: Record<string, unknown> }> }>(fetch(url(`/api/v1/incidents/${incident.id}/timeline`)));
      const kinds = timeline.items.map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['link-unit', 'unit-acknowledged', 'unit-arrived']));
      expect(timeline.items.find((e) => e.kind === 'unit-arrived')).toMatchObject({ actor: ids.near, data: { detectedBy: 'position' } });
      // The unit is busy: no longer suggested.
      const s = await json<{ items: UnitSuggestion[] }>(fetch(url(`/api/v1/dispatch/suggestions?incidentId=${incident.id}&limit=100`)));
      expect(s.items.map((x) => x.unit.id)).not.toContain(ids.near);
      // Every step reached the socket, in order.
      const states = await waitFor('every assignment step on the socket', () => {
        const seen = deltas.filter((d) => d.data.kind === 'assignment' && d.data.assignment.id === assignment.id).map((d) => (d.data as { assignment: Assignment }).assignment.state);
        return seen.length >= 3 ? seen : undefined;
      });
      expect(states).toEqual(['pending', 'acknowledged', 'arrived']);
      await waitFor('the on-scene unit delta', () => deltas.some((d) => d.data.kind === 'units' && d.data.units.some((u) => u.id === ids.near && u.status === 'on_scene')));
    });

    it('carries messages on the incident’s group channel and one-to-one', async (ctx) => {
      if (!env) return ctx.skip();
      const group = await send('POST', '/api/v1/dispatch/messages', { incidentId: incident.id, from: 'điều phối viên', text: 'Các đơn vị chú ý: nước lên nhanh ở cầu' });
      expect(group.status).toBe(201);
      const direct = await send('POST', '/api/v1/dispatch/messages', { toUnit: ids.near, from: 'điều phối viên', text: 'Đội A báo cáo số hộ đã sơ tán' });
      expect(direct.status).toBe(201);
      const onIncident = await json<{ items: DispatchMessage[] }>(fetch(url(`/api/v1/dispatch/messages?incidentId=${incident.id}`)));
      expect(onIncident.items.map((m) => m.text)).toEqual(['Các đơn vị chú ý: nước lên nhanh ở cầu']);
      const toUnit = await json<{ items: DispatchMessage[] }>(fetch(url(`/api/v1/dispatch/messages?unitId=${ids.near}`)));
      expect(toUnit.items).toEqual([expect.objectContaining({ toUnit: ids.near, incidentId: null, from: 'điều phối viên' })]);
      await waitFor('message deltas', () => deltas.filter((d) => d.data.kind === 'message').length >= 2);
      const nowhere = await send('POST', '/api/v1/dispatch/messages', { from: 'x', text: 'x' });
      expect(nowhere.status).toBe(422);
      expect(await field(nowhere)).toEqual(['incidentId']);
    });

    it('stands the unit down when the incident is resolved; it drives back and is available again', async (ctx) => {
      if (!env) return ctx.skip();
      expect((await send('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'resolved', actor: 'chỉ huy', publicResult: 'Đã sơ tán 12 hộ, nước đã rút' })).status).toBe(200);
      const released = await waitFor('released', async () => {
        const a = (await json<{ items: Assignment[] }>(fetch(url(`/api/v1/dispatch/assignments?unitId=${ids.near}`)))).items[0]!;
        return a.state === 'released' ? a : undefined;
      });
      expect(released.releasedAt).not.toBeNull();
      const back = await waitFor('back at base and available', async () => {
        const u = await json<DispatchUnit>(fetch(url(`/api/v1/dispatch/units/${ids.near}`)));
        return u.status === 'available' ? u : undefined;
      }, 20_000);
      expect(back).toMatchObject({ incidentId: null, assignmentId: null });
      expect(back.position!.lon).toBeCloseTo(scene.lon - 0.01, 3);
      const statuses = await waitFor('every status on the socket', () => {
        const seen = deltas.flatMap((d) => (d.data.kind === 'units' ? d.data.units.filter((u) => u.id === ids.near).map((u) => u.status) : []));
        return seen.length >= 5 ? seen : undefined;
      });
      expect(statuses).toEqual(['available', 'en_route', 'on_scene', 'returning', 'available']);
    });

    it('answers bad input with problem+json naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const noActor = await send('POST', '/api/v1/dispatch/assignments', { incidentId: incident.id, unitId: ids.far });
      expect(noActor.status).toBe(422);
      expect(noActor.headers.get('content-type')).toContain('application/problem+json');
      expect(await field(noActor)).toEqual(['actor']);
      const closed = await send('POST', '/api/v1/dispatch/assignments', { incidentId: incident.id, unitId: ids.far, actor: 'x' });
      expect(closed.status).toBe(409);
      expect(await field(closed)).toEqual(['incidentId']);
      const unknownUnit = await fetch(url('/api/v1/dispatch/units/khong-co'));
      expect(unknownUnit.status).toBe(404);
      const badStatus = await send('PUT', `/api/v1/dispatch/units/${ids.far}/status`, { status: 'on_scene', actor: 'x' });
      expect(badStatus.status).toBe(422);
      expect(await field(badStatus)).toEqual(['status']);
      const offDuty = await send('PUT', `/api/v1/dispatch/units/${ids.far}/status`, { status: 'off_duty', actor: 'trưởng ca' });
      expect(offDuty.status).toBe(200);
      expect((await json<DispatchUnit>(offDuty)).status).toBe('off_duty');
      const badQuery = await fetch(url('/api/v1/dispatch/units?status=flying'));
      expect(badQuery.status).toBe(422);
      expect((await field(badQuery))[0]).toMatch(/^status/);
      const noPoint = await fetch(url('/api/v1/dispatch/suggestions'));
      expect(noPoint.status).toBe(422);
      const badAction = await send('POST', `/api/v1/dispatch/assignments/${assignment.id}/actions`, { action: 'acknowledge', actor: 'x' });
      expect(badAction.status).toBe(409);
      expect(await field(badAction)).toEqual(['action']);
    });
  });
}
