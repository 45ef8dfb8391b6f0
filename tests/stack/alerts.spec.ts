/**
 * Rules → alerts → escalation → incident through the real runtime, once on embedded defaults and
 * once on the production path (Mosquitto, Redis bus and jobs, TimescaleDB over the wire). A rule
 * added through the API applies without a restart; a water gauge rises past it over MQTT; the
 * alert is raised once and counts repeats; nobody acknowledges it, so under the runtime's clock
 * (a ManualClock the test moves) it escalates step by step and the last step opens an incident
 * (immediate handling) linked to it; the incident goes received → dispatched → handling →
 * resolved → published with its playbook, SLA breach and timeline; socket topics carry every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { AlertDelta, AlertRecord, Delta, IncidentDelta, SourceDefinition, SubscribeAck, TopicSnapshot } from '@ioc/sdk';
import { ManualClock } from '../../server/src/engine/time/clock.js';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`alerts and incidents: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    let publisher: MqttClient;
    let socket: Socket;
    // Embedded: the runtime's clock is a ManualClock the test moves (timers and SLAs fire when it
    // passes them). Production: BullMQ delays run on Redis's real time, so the rule uses a policy
    // of one-second steps instead, and SLA timing is left to the embedded run.
    const manual = mode === EMBEDDED;
    const clock = new ManualClock(new Date());
    const advance = (ms: number) => manual && clock.advance(ms);
    const policyId = manual ? 'critical' : `test-fast-${mode.name.length}`;
    const gauge = `test-wl-${runId}-${mode.name.length}`.slice(0, 60);
    const camera = `test-cam-${runId}-${mode.name.length}`.slice(0, 60);
    const ruleId = `environment.test-gauge-${mode.name.length}`;
    const deltas: Array<Delta<AlertDelta | IncidentDelta>> = [];
    // The duty desk's webhook: escalations reach it through the notifier.
    const hooks: Array<{ ref: string; subject: string; text: string }> = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hooks.push(JSON.parse(body) as { ref: string; subject: string; text: string });
        res.writeHead(200).end('ok');
      });
    });
    let seq = 0;
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const publish = (level: number) =>
      publisher.publishAsync(`ioc/v1/environment/water-level/${gauge}/telemetry`, JSON.stringify({ ts: new Date().toISOString(), id: `r${++seq}`, metrics: { level_m: level } }), { qos: 1 });

    beforeAll(async () => {
      env = await mode.setup('alerts');
      if (!env) return;
      await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
      stack = await startStack(env.env, manual ? { clock } : {});
      if (!manual) {
        const steps = [
          { afterS: 1, notify: ['truc-ban-ioc'], label: { vi: 'Nhắc trực ban', en: 'Remind' } },
          { afterS: 1, notify: ['lanh-dao-tinh'], label: { vi: 'Báo lãnh đạo, mở sự cố', en: 'Tell leaders, open an incident' }, openIncident: true },
        ];
        expect((await send('PUT', `/api/v1/escalation-policies/${policyId}`, { name: { vi: 'Thử nhanh', en: 'Fast test' }, steps, updatedBy: 'test' })).status).toBe(200);
      }
      const d = (await json<{ features: Array<{ properties: { id: string; center: [number, number] } }> }>(fetch(url('/api/v1/regions?level=commune')))).features[0]!.properties;
      const sources: SourceDefinition[] = [
        { id: gauge, sector: 'environment', kind: 'water-level', name: 'Trạm đo thử nghiệm', regionId: d.id, lon: d.center[0], lat: d.center[1] },
        { id: camera, sector: 'traffic', kind: 'camera', name: 'Camera thử nghiệm', regionId: d.id, lon: d.center[0] + 0.002, lat: d.center[1], attributes: { snapshotUrl: 'http://127.0.0.1:1/snap.jpg' } },
      ];
      expect((await send('PUT', '/api/v1/sources', { sources })).status).toBe(200);
      publisher = await mqtt.connectAsync(env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, { clientId: `pub-alerts-${runId}-${mode.name.length}`, reconnectPeriod: 200 });
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (dl: Delta<AlertDelta | IncidentDelta>) => deltas.push(dl));
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      expect((await send('POST', '/api/v1/notification-targets', { id: 'truc-ban-ioc', name: { vi: 'Trực ban IOC', en: 'IOC duty desk' }, channel: 'webhook', address: hookUrl })).status).toBe(201);
    });

    afterAll(async () => {
      socket?.close();
      await publisher?.endAsync();
      await stack?.close();
      await env?.teardown();
      receiver.close();
    });

    it('takes a new rule through the API without a restart, and refuses a bad one naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const bad = await send('PUT', `/api/v1/rules/${ruleId}`, { sector: 'environment', name: { vi: 'x', en: 'x' }, severity: 'critical', when: { type: 'threshold', sourceKind: 'water-level', metric: 'level_cm', op: '>', value: 4 }, updatedBy: 'admin' });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect((await json<{ errors: Array<{ field: string }> }>(bad)).errors[0]!.field).toBe('when.metric');
      const badBody = await send('PUT', `/api/v1/rules/${ruleId}`, { sector: 'environment', severity: 'loud', updatedBy: 'admin' });
      expect(badBody.status).toBe(422);
      expect((await json<{ errors: Array<{ field: string }> }>(badBody)).errors.map((e) => e.field)).toEqual(expect.arrayContaining(['name', 'severity', 'when']));
      const put = await send('PUT', `/api/v1/rules/${ruleId}`, {
        sector: 'environment',
        name: { vi: 'Mực nước vượt báo động III', en: 'Water above alarm level III' },
        severity: 'critical',
        when: { type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>', value: 4.5 },
        incidentType: 'flash-flood',
        policyId,
        updatedBy: 'quản trị viên',
      });
      expect(put.status).toBe(200);
      expect(await json(put)).toMatchObject({ id: ruleId, origin: 'api', version: 1, enabled: true, autoResolve: true });
      // Every process applies it: the ingest role's engine has it.
      await waitFor('rule in the engine', () => (stack.alerting.engine?.stats.rules ?? 0) > 0 && stack.alerting.rules.list().some((r) => r.id === ruleId));
    });

    it('raises once when the gauge passes the rule, counts repeats, and streams it on alerts:{scope}', async (ctx) => {
      if (!env) return ctx.skip();
      const ack = (await socket.emitWithAck('subscribe', { topics: ['alerts:all', 'alerts:environment', 'incidents'] })) as SubscribeAck;
      expect(ack.map((a) => a.topic)).toEqual(['alerts:all', 'alerts:environment', 'incidents']);
      expect((ack[0] as TopicSnapshot<{ alerts: unknown[] }>).snapshot.alerts).toBeInstanceOf(Array);
      await publish(3.2);
      await publish(4.8);
      const alert = await waitFor('the alert', async () => (await json<{ items: AlertRecord[] }>(fetch(url(`/api/v1/alerts?sourceId=${gauge}`)))).items.find((a) => a.ruleId === ruleId));
      expect(alert).toMatchObject({ state: 'open', severity: 'critical', count: 1, lastValue: 4.8, sector: 'environment', sourceId: gauge, incidentType: 'flash-flood', policyId, escalationLevel: 0 });
      expect(alert.title.vi).toContain('Mực nước vượt báo động III');
      // Falls below and rises again while the alert is open: the same alert, counted.
      await publish(4.0);
      await waitFor('auto-resolved', async () => (await json<AlertRecord>(fetch(url(`/api/v1/alerts/${alert.id}`)))).state === 'resolved');
      await publish(5.1);
      const again = await waitFor('re-opened', async () => {
        const a = await json<AlertRecord>(fetch(url(`/api/v1/alerts/${alert.id}`)));
        return a.state === 'open' && a.count === 2 ? a : undefined;
      });
      expect(again.lastValue).toBe(5.1);
      await waitFor('deltas on alerts:all and alerts:environment', () => ['alerts:all', 'alerts:environment'].every((t) => deltas.filter((d) => d.topic === t && (d.data as AlertDelta).alert.id === alert.id).length >= 3));
      const actions = deltas.filter((d) => d.topic === 'alerts:all' && (d.data as AlertDelta).alert.id === alert.id).map((d) => (d.data as AlertDelta).transition.action);
      expect(actions).toEqual(['raise', 'resolve', 'reopen']);
    });

    it('refuses lifecycle moves the alert cannot make, naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const a = (await json<{ items: AlertRecord[] }>(fetch(url(`/api/v1/alerts?sourceId=${gauge}`)))).items[0]!;
      const noComment = await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'acknowledge', actor: 'Trực ban' });
      expect(noComment.status).toBe(422);
      expect(await json(noComment)).toMatchObject({ errors: [{ field: 'comment' }] });
      const close = await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'close', actor: 'Trực ban' });
      expect(close.status).toBe(409);
      const bogus = await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'explode', actor: '' });
      expect(bogus.status).toBe(422);
      expect((await json<{ errors: Array<{ field: string }> }>(bogus)).errors.map((e) => e.field).sort()).toEqual(['action', 'actor']);
      expect((await fetch(url('/api/v1/alerts/999999999'))).status).toBe(404);
    });

    it('escalates an unacknowledged alert along its policy under the clock, and the last step opens an immediate incident', async (ctx) => {
      if (!env) return ctx.skip();
      const a = (await json<{ items: AlertRecord[] }>(fetch(url(`/api/v1/alerts?sourceId=${gauge}`)))).items[0]!;
      expect(a.escalateAt).not.toBeNull();
      if (manual) {
        // Policy "critical": step 1 after 120 s, step 2 (open an incident) 180 s later. Step 1 is due
        // 120 s after the reading (stamped with the real time, which ran on while earlier tests ran).
        const due = new Date(a.escalateAt!).getTime();
        clock.advance(Math.max(0, due - clock.now().getTime() - 10_000));
        await new Promise((r) => setTimeout(r, 600));
        expect((await json<AlertRecord>(fetch(url(`/api/v1/alerts/${a.id}`)))).escalationLevel).toBe(0);
        clock.advance(20_000);
        await waitFor('step 1', async () => (await json<AlertRecord>(fetch(url(`/api/v1/alerts/${a.id}`)))).escalationLevel >= 1);
        clock.advance(181_000);
      }
      const escalated = await waitFor('step 2 and its incident', async () => {
        const x = await json<AlertRecord>(fetch(url(`/api/v1/alerts/${a.id}`)));
        return x.escalationLevel === 2 && x.incidentId ? x : undefined;
      });
      const trail = await json<{ items: Array<{ action: string; actor: string; at: string }> }>(fetch(url(`/api/v1/alerts/${a.id}/transitions`)));
      expect(trail.items.map((t) => t.action)).toEqual(['raise', 'resolve', 'reopen', 'escalate', 'escalate', 'link-incident']);
      expect(trail.items.every((t) => t.actor && t.at)).toBe(true);
      // Step 1 told the duty desk (a target of the webhook channel); step 2's leaders have no target here.
      const hook = await waitFor('the duty desk webhook', () => hooks.find((h) => h.ref === `alert:${a.id}`));
      expect(hook.subject).toContain('chưa xác nhận (cấp 1)');
      const log = await json<{ items: Array<{ state: string; ref: string; targetId: string | null }> }>(fetch(url(`/api/v1/notifications?ref=alert:${a.id}`)));
      expect(log.items).toEqual([expect.objectContaining({ state: 'sent', targetId: 'truc-ban-ioc' })]);

      const inc = await json<{ id: string; code: string; class: string; state: string; type: string; checklist: Array<{ id: string; role: string }>; links: Array<{ kind: string; refId: string }>; nextStates: string[]; slaDueAt: string }>(fetch(url(`/api/v1/incidents/${escalated.incidentId}`)));
      expect(inc).toMatchObject({ class: 'immediate', state: 'received', type: 'flash-flood' });
      expect(inc.code).toMatch(/^SC-\d{4}-\d{6}$/);
      expect(inc.checklist.map((s) => s.id)).toEqual(['verify-camera', 'dispatch-rescue', 'warn-public', 'close-roads', 'publish-result']);
      expect(inc.links).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'alert', refId: a.id }), expect.objectContaining({ kind: 'source', refId: gauge })]));
      expect(inc.nextStates).toEqual(['verifying', 'dispatched', 'cancelled']);
      const cams = await json<{ items: Array<{ sourceId: string; distanceM: number; snapshotUrl: string | null }> }>(fetch(url(`/api/v1/incidents/${inc.id}/cameras`)));
      expect(cams.items[0]).toMatchObject({ sourceId: camera, snapshotUrl: 'http://127.0.0.1:1/snap.jpg' });
      expect(cams.items[0]!.distanceM).toBeGreaterThan(150);
      expect(cams.items[0]!.distanceM).toBeLessThan(300);
      await waitFor('the incident on the incidents topic', () => deltas.some((d) => d.topic === 'incidents' && (d.data as IncidentDelta).incident.id === inc.id));
    });

    it('moves the incident along its procedure with SLA breach, checklist and timeline; publishing needs the result', async (ctx) => {
      if (!env) return ctx.skip();
      const list = await json<{ items: Array<{ id: string; state: string; slaDueAt: string }> }>(fetch(url('/api/v1/incidents?open=true&type=flash-flood')));
      const inc = list.items[0]!;
      const wrong = await send('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'published', actor: 'Trực ban' });
      expect(wrong.status).toBe(409);
      expect((await json<{ detail: string }>(wrong)).detail).toContain('possible: verifying, dispatched, cancelled');
      if (manual) {
        // "received" has 3 minutes: let them pass.
        advance(4 * 60_000);
        await waitFor('SLA breach', async () => (await json<{ slaBreached: boolean }>(fetch(url(`/api/v1/incidents/${inc.id}`)))).slaBreached);
      }
      expect((await send('POST', `/api/v1/incidents/${inc.id}/checklist/verify-camera`, { done: true, actor: 'Trực ban' })).status).toBe(200);
      expect((await send('POST', `/api/v1/incidents/${inc.id}/checklist/nope`, { done: true, actor: 'Trực ban' })).status).toBe(404);
      for (const to of ['dispatched', 'handling', 'resolved']) {
        const r = await send('POST', `/api/v1/incidents/${inc.id}/transitions`, { to, actor: 'Điều phối viên' });
        expect(r.status, to).toBe(200);
      }
      const noResult = await send('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'published', actor: 'Trực ban' });
      expect(noResult.status).toBe(422);
      expect(await json(noResult)).toMatchObject({ errors: [{ field: 'publicResult' }] });
      const pub = await send('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'published', actor: 'Trực ban', publicResult: 'Đã khắc phục ngập, thông xe lúc 15:30.' });
      expect(pub.status).toBe(200);
      expect(await json(pub)).toMatchObject({ state: 'published', publicResult: 'Đã khắc phục ngập, thông xe lúc 15:30.', slaDueAt: null });
      const tl = await json<{ items: Array<{ kind: string; data: { to?: string } }> }>(fetch(url(`/api/v1/incidents/${inc.id}/timeline`)));
      expect(tl.items.map((e) => (e.kind === 'state' ? `state:${e.data.to}` : e.kind))).toEqual(['created', ...(manual ? ['sla-breached'] : []), 'step-done', 'state:dispatched', 'state:handling', 'state:resolved', 'state:published']);
      const bad = await send('POST', '/api/v1/incidents', { type: 'volcano', lon: 500, createdBy: '' });
      expect(bad.status).toBe(422);
      expect((await json<{ errors: Array<{ field: string }> }>(bad)).errors.map((e) => e.field).sort()).toEqual(['createdBy', 'lon']);
      const unknownType = await send('POST', '/api/v1/incidents', { type: 'volcano', createdBy: 'x' });
      expect(await json(unknownType)).toMatchObject({ status: 422, errors: [{ field: 'type' }] });
    });

    it('stops escalating once acknowledged with a comment; snoozes and wakes on the clock', async (ctx) => {
      if (!env) return ctx.skip();
      const a = (await json<{ items: AlertRecord[] }>(fetch(url(`/api/v1/alerts?sourceId=${gauge}`)))).items[0]!;
      const ack = await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'acknowledge', actor: 'Trực ban Lan', comment: 'Đã thấy, đang xử lý' });
      expect(ack.status).toBe(200);
      expect(await json(ack)).toMatchObject({ state: 'acknowledged', escalateAt: null });
      const until = new Date((manual ? clock.now().getTime() : Date.now()) + (manual ? 10 * 60_000 : 1500)).toISOString();
      const snooze = await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'snooze', actor: 'Trực ban Lan', until });
      expect(await json(snooze)).toMatchObject({ state: 'snoozed', snoozedUntil: until });
      advance(11 * 60_000);
      await waitFor('back from snooze', async () => (await json<AlertRecord>(fetch(url(`/api/v1/alerts/${a.id}`)))).state === 'acknowledged');
      expect((await send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'resolve', actor: 'Trực ban Lan', comment: 'Nước đã rút' })).status).toBe(200);
      expect(await json(send('POST', `/api/v1/alerts/${a.id}/actions`, { action: 'close', actor: 'Trưởng ca' }))).toMatchObject({ state: 'closed' });
      const trail = await json<{ items: Array<{ action: string; actor: string; comment: string | null }> }>(fetch(url(`/api/v1/alerts/${a.id}/transitions`)));
      expect(trail.items.slice(-5).map((t) => [t.action, t.actor])).toEqual([
        ['acknowledge', 'Trực ban Lan'],
        ['snooze', 'Trực ban Lan'],
        ['unsnooze', 'system'],
        ['resolve', 'Trực ban Lan'],
        ['close', 'Trưởng ca'],
      ]);
      expect(trail.items.find((t) => t.action === 'acknowledge')!.comment).toBe('Đã thấy, đang xử lý');
    });
  });
}
