/**
 * CAP 1.2 through the real runtime (embedded defaults): an immediate incident created over REST
 * is published as a CAP Alert in the public Atom feed; dispatching it publishes an Update and
 * resolving it a Cancel that references both; every message validates against the OASIS schema.
 * A CAP message from another sender becomes an alert operators see, and its Cancel clears it;
 * broken messages are 422 problem+json naming the element. A second publisher on the same bus
 * (as a second worker process would be) adds no message. On the production path the api and
 * worker roles run apart (Redis bus, TimescaleDB over the wire) and each change is published once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRecord, IncidentRecord } from '@ioc/sdk';
import { child, childrenNamed, parseXml } from '../../server/src/engine/cap/xml.js';
import { PRODUCTION } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';
import { capSchema, xmllint, xmllintAvailable } from '../support/xmllint.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
interface CapMessage {
  identifier: string;
  sender: string;
  sent: string;
  msgType: string;
  subjectKind: string;
  subjectId: string;
  references: string | null;
  direction: string;
}

const haveXmllint = xmllintAvailable('CAP stack');

const external = (identifier: string, msgType = 'Alert', references = '') => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${identifier}</identifier>
  <sender>canhbao@nchmf.gov.vn</sender>
  <sent>2026-12-03T08:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>${msgType}</msgType>
  <scope>Public</scope>
  ${references ? `<references>${references}</references>` : ''}
  <info>
    <language>vi-VN</language>
    <category>Met</category>
    <event>Mưa lớn</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>Cảnh báo mưa lớn khu vực Đồng Xoài</headline>
    <area><areaDesc>Đồng Xoài</areaDesc><circle>11.54,106.9 10</circle></area>
  </info>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Heavy rain</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>Heavy rain warning, Dong Xoai</headline>
  </info>
</alert>`;

describe('CAP 1.2 warnings: embedded defaults', () => {
  let stack: Stack;
  const url = (p: string) => `${stack.httpUrl}${p}`;
  const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
  const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const postCap = (xml: string, type = 'application/cap+xml') => fetch(url('/api/v1/cap/messages'), { method: 'POST', headers: { 'content-type': type }, body: xml });
  const messages = async (subject: string) => (await json<{ items: CapMessage[] }>(fetch(url(`/api/v1/cap/messages?subject=${encodeURIComponent(subject)}`)))).items;
  const expectValid = async (xml: string) => {
    if (!haveXmllint) return;
    const r = await xmllint(xml, capSchema);
    expect(r.ok, r.output).toBe(true);
  };
  let incident: IncidentRecord;
  let alertMsg: CapMessage;
  let second: Stack['cap'];

  beforeAll(async () => {
    stack = await startStack();
    // What a second worker process does: hears every change and tries to publish it too.
    // The runtime's own class (the built one), so the services it takes are the runtime's.
    const Cap = stack.cap.constructor as unknown as { open(...args: unknown[]): Promise<Stack['cap']> };
    second = await Cap.open(stack.db, stack.alerting.alerts, stack.alerting.incidents, stack.log.child('cap-2'));
    second.startPublisher(stack.bus);
  });
  afterAll(async () => {
    await second?.stop();
    await stack?.close();
  });

  it('publishes an Alert for a new immediate incident in the public Atom feed', async () => {
    const res = await send('POST', '/api/v1/incidents', { type: 'flash-flood', title: 'Lũ quét suối Rạt & bản tin "thử"', lon: 106.9, lat: 11.54, createdBy: 'trực ban' });
    expect(res.status).toBe(201);
    incident = await json<IncidentRecord>(res);
    alertMsg = await waitFor('the CAP Alert', async () => (await messages(`incident:${incident.id}`)).find((m) => m.msgType === 'Alert'));
    expect(alertMsg).toMatchObject({ direction: 'out', subjectKind: 'incident', subjectId: incident.id, sender: 'ioc@binhphuoc.gov.vn', references: null });

    const feed = await fetch(url('/api/v1/cap/feed?limit=10'));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const atom = await feed.text();
    if (haveXmllint) expect((await xmllint(atom)).ok).toBe(true);
    const root = parseXml(atom);
    expect(root).toMatchObject({ name: 'feed', ns: 'http://www.w3.org/2005/Atom' });
    const entry = childrenNamed(root, 'entry').find((e) => childrenNamed(e, 'link').some((l) => l.attrs.href?.endsWith(`/api/v1/cap/alerts/${encodeURIComponent(alertMsg.identifier)}`)));
    expect(entry, atom).toBeDefined();
    expect(child(entry!, 'title')!.text).toBe('Lũ quét suối Rạt & bản tin "thử"');

    const link = childrenNamed(entry!, 'link')[0]!.attrs.href!;
    const one = await fetch(link);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toContain('application/cap+xml');
    const xml = await one.text();
    await expectValid(xml);
    expect(xml).toContain('<msgType>Alert</msgType>');
    expect(xml).toContain('<circle>11.54,106.9 1</circle>');
  });

  it('publishes an Update when dispatched and a Cancel referencing the earlier messages when resolved', async () => {
    for (const to of ['dispatched', 'handling', 'resolved']) {
      expect((await send('POST', `/api/v1/incidents/${incident.id}/transitions`, { to, actor: 'điều phối', ...(to === 'resolved' ? { publicResult: 'Đã sơ tán an toàn 3 hộ dân.' } : {}) })).status).toBe(200);
    }
    const all = await waitFor('the CAP Cancel', async () => {
      const list = await messages(`incident:${incident.id}`);
      return list.some((m) => m.msgType === 'Cancel') && list;
    });
    expect(all.map((m) => m.msgType).reverse()).toEqual(['Alert', 'Update', 'Update', 'Cancel']);
    const cancel = all[0]!;
    const sent = (m: CapMessage) => {
      const local = new Date(Date.parse(m.sent) + 7 * 3600_000).toISOString().slice(0, 19);
      return `${local}+07:00`;
    };
    expect(cancel.references!.split(' ')).toEqual(all.slice(1).reverse().map((m) => `${m.sender},${m.identifier},${sent(m)}`));
    expect(cancel.references).toContain(`ioc@binhphuoc.gov.vn,${alertMsg.identifier},`);
    // The latest message about the incident, by subject.
    const res = await fetch(url(`/api/v1/cap/alerts/incident:${incident.id}`));
    const xml = await res.text();
    await expectValid(xml);
    expect(xml).toContain('<msgType>Cancel</msgType>');
    expect(xml).toContain(`<references>${cancel.references}</references>`);
    expect(xml).toContain('<instruction>Đã sơ tán an toàn 3 hộ dân.</instruction>');
    // Published afterwards: the Cancel was the last word.
    expect((await send('POST', `/api/v1/incidents/${incident.id}/transitions`, { to: 'published', actor: 'lãnh đạo' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await messages(`incident:${incident.id}`)).toHaveLength(4);
  });

  it('publishes a critical alert (region polygon when it has no point), an Update when acknowledged and a Cancel when resolved', async () => {
    const regions = await json<{ features: Array<{ properties: { id: string; name: string } }> }>(fetch(url('/api/v1/regions?level=district')));
    const district = regions.features[0]!.properties;
    // Raised the way a rule raises it (the rule engine calls this port).
    const raised = await stack.alerting.alerts.raise({ key: `test:cap:${Date.now()}`, origin: 'rule', severity: 'critical', title: { vi: 'Cháy rừng lan rộng', en: 'Forest fire spreading' }, at: new Date(), sector: 'environment', regionId: district.id });
    const first = await waitFor('the alert\'s CAP Alert', async () => (await messages(`alert:${raised.id}`))[0]);
    expect(first.msgType).toBe('Alert');
    const xml = await (await fetch(url(`/api/v1/cap/alerts/${encodeURIComponent(first.identifier)}`))).text();
    await expectValid(xml);
    expect(xml).toContain(`<areaDesc>${district.name}</areaDesc>`);
    expect(xml).toMatch(/<polygon>(-?\d+(\.\d+)?,-?\d+(\.\d+)? ){3,}-?\d+(\.\d+)?,-?\d+(\.\d+)?<\/polygon>/);
    expect(xml).not.toContain('<circle>');
    expect((await send('POST', `/api/v1/alerts/${raised.id}/actions`, { action: 'acknowledge', actor: 'trực ban', comment: 'Đã xác nhận' })).status).toBe(200);
    expect((await send('POST', `/api/v1/alerts/${raised.id}/actions`, { action: 'resolve', actor: 'trực ban' })).status).toBe(200);
    const all = await waitFor('the alert\'s CAP Cancel', async () => {
      const list = await messages(`alert:${raised.id}`);
      return list.length === 3 && list;
    });
    expect(all.map((m) => m.msgType).reverse()).toEqual(['Alert', 'Update', 'Cancel']);
    expect(all[0]!.references).toContain(first.identifier);
    // A minor alert is no public warning.
    const minor = await stack.alerting.alerts.raise({ key: `test:cap-minor:${Date.now()}`, origin: 'rule', severity: 'minor', title: { vi: 'Nhỏ', en: 'Minor' }, at: new Date() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await messages(`alert:${minor.id}`)).toEqual([]);
  });

  it('publishes nothing for a timed incident, and 404s an unknown message as problem+json', async () => {
    const inc = await json<IncidentRecord>(send('POST', '/api/v1/incidents', { type: 'air-pollution', createdBy: 'trực ban' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(await messages(`incident:${inc.id}`)).toEqual([]);
    const res = await fetch(url('/api/v1/cap/alerts/no-such-message'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('takes a CAP message from another sender in as an alert, and its Cancel clears it', async () => {
    const id = `NCHMF-${Date.now()}`;
    const res = await postCap(external(id));
    expect(res.status).toBe(201);
    const body = await json<{ message: CapMessage; alertId: string; duplicate: boolean }>(res);
    expect(body).toMatchObject({ duplicate: false, message: { identifier: id, direction: 'in', subjectKind: 'external', subjectId: `cap:${id}` } });
    const alerts = (await json<{ items: AlertRecord[] }>(fetch(url('/api/v1/alerts')))).items;
    const alert = alerts.find((a) => a.key === `cap:${id}`);
    expect(alert).toMatchObject({ id: body.alertId, origin: 'cap', severity: 'major', state: 'open', sector: 'environment', title: { vi: 'Cảnh báo mưa lớn khu vực Đồng Xoài', en: 'Heavy rain warning, Dong Xoai' } });
    expect(alert!.regionId).toBeTruthy();
    // Sent again: nothing changes.
    const again = await postCap(external(id), 'application/xml');
    expect(again.status).toBe(200);
    expect((await json<{ duplicate: boolean }>(again)).duplicate).toBe(true);
    // Its Cancel resolves the alert; it is not echoed back out as our own warning.
    const cancel = await postCap(external(`${id}-c`, 'Cancel', `canhbao@nchmf.gov.vn,${id},2026-12-03T08:00:00+07:00`));
    expect(cancel.status).toBe(201);
    expect((await json<AlertRecord>(fetch(url(`/api/v1/alerts/${body.alertId}`)))).state).toBe('resolved');
    expect(await messages(`alert:${body.alertId}`)).toEqual([]);
    expect((await messages(`external:cap:${id}`)).map((m) => m.identifier)).toEqual([`${id}-c`, id]);
  });

  it('refuses broken messages with 422 problem+json naming the element, and non-XML with 415', async () => {
    const broken = await postCap('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifer></alert>');
    expect(broken.status).toBe(422);
    expect(broken.headers.get('content-type')).toContain('application/problem+json');
    expect((await json<{ errors: Array<{ field: string }> }>(broken)).errors[0]!.field).toBe('body');
    const noId = await postCap(external('x').replace('<identifier>x</identifier>', ''));
    expect(noId.status).toBe(422);
    const p = await json<{ title: string; errors: Array<{ field: string; problem: string }> }>(noId);
    expect(p.errors).toEqual([{ field: 'alert.identifier', problem: 'is required' }]);
    const badSeverity = await postCap(external('y').replace('<severity>Severe</severity>', '<severity>Loud</severity>'));
    expect((await json<{ errors: Array<{ field: string }> }>(badSeverity)).errors[0]!.field).toBe('alert.info[0].severity');
    const asJson = await send('POST', '/api/v1/cap/messages', { identifier: 'x' });
    expect(asJson.status).toBe(415);
    const huge = await postCap(`<alert>${'x'.repeat(1_100_000)}</alert>`);
    expect(huge.status).toBe(413);
  });
});

describe('CAP 1.2 warnings: api and worker apart (production path)', () => {
  let env: Awaited<ReturnType<typeof PRODUCTION.setup>>;
  const stacks: Stack[] = [];

  beforeAll(async () => {
    env = await PRODUCTION.setup('cap');
    if (!env) return;
    // Started one after the other: each applies the migrations it finds missing.
    for (const roles of ['api', 'worker']) stacks.push(await startStack({ ...env.env, IOC_ROLES: roles }));
  });
  afterAll(async () => {
    for (const s of stacks.reverse()) await s.close();
    await env?.teardown();
  });

  it('publishes from the worker, once per change', async (ctx) => {
    if (!env) return ctx.skip();
    const api = stacks[0]!;
    const send = (p: string, body: unknown) => fetch(`${api.httpUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const list = async (id: string) => {
      const r = await fetch(`${api.httpUrl}/api/v1/cap/messages?subject=incident:${id}`);
      const body = (await r.json()) as { items?: CapMessage[] };
      if (!body.items) throw new Error(`GET cap/messages: HTTP ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body.items;
    };
    const inc = (await (await send('/api/v1/incidents', { type: 'flash-flood', lon: 106.9, lat: 11.54, createdBy: 'trực ban' })).json()) as IncidentRecord;
    await waitFor('the CAP Alert', async () => (await list(inc.id)).length > 0);
    for (const to of ['dispatched', 'handling', 'resolved']) expect((await send(`/api/v1/incidents/${inc.id}/transitions`, { to, actor: 'điều phối' })).status).toBe(200);
    await waitFor('the CAP Cancel', async () => (await list(inc.id)).some((m) => m.msgType === 'Cancel'));
    await new Promise((r) => setTimeout(r, 500));
    expect((await list(inc.id)).map((m) => m.msgType).reverse()).toEqual(['Alert', 'Update', 'Update', 'Cancel']);
    // The worker published them; the api process, which heard the same changes, none.
    expect(stacks[1]!.httpUrl).toBe('');
    expect(stacks[1]!.cap.stats.published).toBe(4);
    expect(stacks[0]!.cap.stats.published).toBe(0);
  });
});
