/**
 * The whole acting chain of REQUIREMENTS §1, run by the simulator, once on embedded defaults and
 * once on the production path (Mosquitto, Redis bus and BullMQ, TimescaleDB over the wire):
 *
 *   a flash flood raises a water gauge (simulator) → the rule fires → alert → nobody acknowledges
 *   → it escalates → the last step opens an immediate incident → the nearest rescue unit is
 *   suggested and dispatched → the crew acknowledges, drives there, arrives (simulator's unit
 *   fleet; arrival detected from its position) → the water recedes → resolved (the unit stands
 *   down and drives back) → a CAP Cancel referencing the earlier warnings is published, valid
 *   against the OASIS CAP 1.2 schema → the result is published.
 *
 * Embedded: escalation runs on a ManualClock the test moves. Production: BullMQ delays run on
 * Redis's real time, so the rule uses a policy of one-second steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startFloodScenario, startUnitFleet, type FloodScenario, type UnitFleet } from '@ioc/simulators';
import type { AlertRecord, Assignment, Delta, DispatchUnit, IncidentDelta, IncidentRecord, SourceDefinition, UnitSuggestion, UnitsDelta } from '@ioc/sdk';
import { ManualClock } from '../../server/src/engine/time/clock.js';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';
import { capSchema, xmllint, xmllintAvailable } from '../support/xmllint.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
interface CapMessage {
  identifier: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  subjectKind: string;
  subjectId: string;
  sender: string;
  sent: string;
  references: string | null;
  direction: 'in' | 'out';
}

const haveXmllint = xmllintAvailable('flood scenario');

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`flood scenario, end to end: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    let fleet: UnitFleet;
    let flood: FloodScenario;
    let socket: Socket;
    const manual = mode === EMBEDDED;
    const clock = new ManualClock(new Date());
    const tag = `${runId}-${mode.name.length}`.slice(0, 30);
    const gauge: SourceDefinition = { id: `scn-wl-${tag}`, sector: 'environment', kind: 'water-level', name: 'Trạm thủy văn thử nghiệm', regionId: '', lon: 0, lat: 0 };
    const rescue = `scn-unit-${tag}-rescue`;
    const farRescue = `scn-unit-${tag}-rescue-far`;
    const ruleId = `environment.scn-flood-${mode.name.length}`;
    const policyId = manual ? 'critical' : `scn-fast-${mode.name.length}`;
    const incidentDeltas: IncidentDelta[] = [];
    const unitDeltas: UnitsDelta[] = [];
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    beforeAll(async () => {
      env = await mode.setup('scenario');
      if (!env) return;
      stack = await startStack(env.env, manual ? { clock } : {});
      const c = (await json<{ features: Array<{ properties: { id: string; center: [number, number] } }> }>(fetch(url('/api/v1/regions?level=commune')))).features[3]!.properties;
      Object.assign(gauge, { regionId: c.id, lon: c.center[0], lat: c.center[1] });
      const unit = (id: string, dLat: number): SourceDefinition => ({ id, sector: 'dispatch', kind: 'unit', name: `Đội cứu hộ ${id}`, regionId: c.id, lon: gauge.lon, lat: gauge.lat + dLat, attributes: { unitType: 'rescue', callSign: id.toUpperCase(), cruiseKmh: 40 } });
      expect((await send('PUT', '/api/v1/sources', { sources: [gauge, unit(rescue, 0.012), unit(farRescue, 0.07)] })).status).toBe(200);
      if (!manual) {
        const steps = [
          { afterS: 1, notify: ['truc-ban-ioc'], label: { vi: 'Nhắc trực ban', en: 'Remind' } },
          { afterS: 1, notify: ['lanh-dao-tinh'], label: { vi: 'Báo lãnh đạo, mở sự cố', en: 'Tell leaders, open an incident' }, openIncident: true },
        ];
        expect((await send('PUT', `/api/v1/escalation-policies/${policyId}`, { name: { vi: 'Thử nhanh', en: 'Fast test' }, steps, updatedBy: 'test' })).status).toBe(200);
      }
      const rule = await send('PUT', `/api/v1/rules/${ruleId}`, {
        sector: 'environment',
        name: { vi: 'Mực nước vượt báo động III (kịch bản)', en: 'Water above alarm level III (scenario)' },
        severity: 'critical',
        when: { type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>', value: 4.5 },
        incidentType: 'flash-flood',
        policyId,
        updatedBy: 'quản trị viên',
      });
      expect(rule.status).toBe(200);
      await waitFor('the rule in the engine', () => stack.alerting.rules.list().some((r) => r.id === ruleId));
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (d: Delta<IncidentDelta | UnitsDelta>) => {
        if (d.topic === 'incidents') incidentDeltas.push(d.data as IncidentDelta);
        if (d.topic === 'units') unitDeltas.push(d.data as UnitsDelta);
      });
      await socket.emitWithAck('subscribe', { topics: ['incidents', 'units'] });
      const mqttUrl = env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`;
      // Time-lapse ×150 for the units: 1.3 km at 40 km/h is about a second here.
      fleet = startUnitFleet([unit(rescue, 0.012), unit(farRescue, 0.07)], { mqttUrl, apiUrl: stack.httpUrl, intervalS: 0.3, pollMs: 250, ackDelayS: 0.3, speedup: 150 });
      flood = startFloodScenario({ mqttUrl, gauge, baseM: 2, crestM: 5.5, riseM: 0.5, stepMs: 150 });
    });

    afterAll(async () => {
      await flood?.stop();
      await fleet?.stop();
      socket?.close();
      await stack?.close();
      await env?.teardown();
    });

    let alert: AlertRecord;
    let incident: IncidentRecord;

    it('the rising gauge fires the rule; unacknowledged, the alert escalates and opens an immediate incident', async (ctx) => {
      if (!env) return ctx.skip();
      await flood.crested;
      alert = await waitFor('the alert', async () => (await json<{ items: AlertRecord[] }>(fetch(url(`/api/v1/alerts?sourceId=${gauge.id}`)))).items.find((a) => a.ruleId === ruleId));
      expect(alert).toMatchObject({ state: 'open', severity: 'critical', incidentType: 'flash-flood', escalationLevel: 0 });
      expect(alert.lastValue).toBeGreaterThan(4.5);
      if (manual) {
        // Policy "critical": step 1 after 120 s, step 2 (open an incident) 180 s later; each step
        // is due from the reading's time, so move the clock just past what the alert says.
        const past = (a: AlertRecord) => clock.advance(Math.max(0, Date.parse(a.escalateAt!) - clock.now().getTime()) + 1000);
        past(alert);
        const first = await waitFor('step 1', async () => {
          const a = await json<AlertRecord>(fetch(url(`/api/v1/alerts/${alert.id}`)));
          return a.escalationLevel >= 1 ? a : undefined;
        });
        past(first);
      }
      const escalated = await waitFor('step 2 and its incident', async () => {
        const a = await json<AlertRecord>(fetch(url(`/api/v1/alerts/${alert.id}`)));
        return a.escalationLevel === 2 && a.incidentId ? a : undefined;
      });
      incident = await json<IncidentRecord>(fetch(url(`/api/v1/incidents/${escalated.incidentId}`)));
      expect(incident).toMatchObject({ class: 'immediate', state: 'received', type: 'flash-flood', origin: 'alert' });
      expect(incident.lon).toBeCloseTo(gauge.lon, 5);
      expect(incident.lat).toBeCloseTo(gauge.lat, 5);
    });

    it('the nearest rescue unit is suggested and dispatched; it acknowledges, drives there and arrives', async (ctx) => {
      if (!env) return ctx.skip();
      const s = await json<{ items: UnitSuggestion[] }>(fetch(url(`/api/v1/dispatch/suggestions?incidentId=${incident.id}&type=rescue&limit=100`)));
      const mine = s.items.filter((x) => [rescue, farRescue].includes(x.unit.id));
      expect(mine.map((x) => x.unit.id)).toEqual([rescue, farRescue]);
      const r = await send('POST', '/api/v1/dispatch/assignments', { incidentId: incident.id, unitId: mine[0]!.unit.id, actor: 'điều phối viên' });
      expect(r.status).toBe(201);
      const assignment = await json<Assignment>(r);
      expect((await json<IncidentRecord>(fetch(url(`/api/v1/incidents/${incident.id}`)))).state).toBe('dispatched');
      const arrived = await waitFor(
        'the unit on scene',
        async () => {
          const a = (await json<{ items: Assignment[] }>(fetch(url(`/api/v1/dispatch/assignments?incidentId=${incident.id}`)))).items.find((x) => x.id === assignment.id)!;
          return a.state === 'arrived' ? a : undefined;
        },
        20_000,
      );
      expect(arrived.acknowledgedAt).not.toBeNull();
      await waitFor('incident handling', async () => (await json<IncidentRecord>(fetch(url(`/api/v1/incidents/${incident.id}`)))).state === 'handling');
      const unit = await waitFor('unit on scene', async () => {
        const u = await json<DispatchUnit>(fetch(url(`/api/v1/dispatch/units/${rescue}`)));
        return u.status === 'on_scene' ? u : undefined;
      });
      expect(unit).toMatchObject({ status: 'on_scene', incidentId: incident.id });
    });

    it('the water recedes; resolved, the unit stands down, and a CAP Cancel referencing the warnings is published', async (ctx) => {
      if (!env) return ctx.skip();
      await flood.recede();
      const result = 'Nước đã rút, đã sơ tán an toàn 12 hộ dân; đường ĐT741 thông xe.';
      expect((await send('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'resolved', actor: 'chỉ huy hiện trường', publicResult: result })).status).toBe(200);
      await waitFor('the unit released and back at base', async () => (await json<DispatchUnit>(fetch(url(`/api/v1/dispatch/units/${rescue}`)))).status === 'available', 20_000);

      const messages = await waitFor('the CAP Cancel', async () => {
        const items = (await json<{ items: CapMessage[] }>(fetch(url(`/api/v1/cap/messages?subject=${encodeURIComponent(`incident:${incident.id}`)}`)))).items;
        return items.some((m) => m.msgType === 'Cancel') ? items : undefined;
      });
      const alertMsg = messages.find((m) => m.msgType === 'Alert')!;
      const cancel = messages.find((m) => m.msgType === 'Cancel')!;
      expect(alertMsg).toBeDefined();
      expect(messages.filter((m) => m.msgType === 'Update').length).toBeGreaterThanOrEqual(1);
      // references = "sender,identifier,sent" of every earlier message, the Alert among them.
      expect(cancel.references).toContain(`${alertMsg.sender},${alertMsg.identifier},`);
      const xml = await (await fetch(url(`/api/v1/cap/alerts/${encodeURIComponent(cancel.identifier)}`))).text();
      expect(xml).toContain('<msgType>Cancel</msgType>');
      expect(xml).toContain('Nước đã rút');
      if (haveXmllint) {
        const v = await xmllint(xml, capSchema);
        expect(v.ok, v.output).toBe(true);
      }
      const feed = await (await fetch(url('/api/v1/cap/feed?limit=50'))).text();
      expect(feed).toContain(encodeURIComponent(cancel.identifier));

      expect((await send('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'published', actor: 'trực ban' })).status).toBe(200);
      // The socket saw every state of the incident and every step of the assignment, in order.
      const states = await waitFor('every state on the socket', () => {
        const seen = incidentDeltas.filter((d) => d.incident.id === incident.id && d.entry.kind === 'state').map((d) => d.incident.state);
        return seen.includes('published') ? seen : undefined;
      });
      expect(states).toEqual(['dispatched', 'handling', 'resolved', 'published']);
      const steps = await waitFor('every assignment step on the socket', () => {
        const seen = unitDeltas.flatMap((d) => (d.kind === 'assignment' && d.assignment.incidentId === incident.id ? [d.assignment.state] : []));
        return seen.includes('released') ? seen : undefined;
      });
      expect(steps).toEqual(['pending', 'acknowledged', 'arrived', 'released']);
      const timeline = await json<{ items: Array<{ kind: string }> }>(fetch(url(`/api/v1/incidents/${incident.id}/timeline`)));
      expect(timeline.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['created', 'link-unit', 'unit-acknowledged', 'unit-arrived', 'unit-released']));
    });
  });
}
