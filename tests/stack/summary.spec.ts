/**
 * The leader tablet's compact summary (`GET /api/v1/summary?region=`) through the real parts:
 * readings → ingest → KPI engine → KPI family; a rule → an alert; an incident through the API.
 * Gzip, ETag/304 and the 404/422 problems. Once on embedded defaults, once on the production path.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { EMBEDDED, PRODUCTION, runId, type StackMode } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';
import type { RegionSummary } from '../../server/src/app/summary.js';

type Stack = Awaited<ReturnType<typeof startStack>>;

/** A GET with node:http, so the test sees the bytes on the wire (fetch would gunzip them). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

for (const mode of [EMBEDDED, PRODUCTION] as StackMode[]) {
  describe(`region summary: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<StackMode['setup']>>;
    let publisher: MqttClient;
    const district = 'bp-dong-xoai';
    let commune: string;
    const air = `sum-air-${runId}-${mode.name.length}`.slice(0, 60);
    const gauge = `sum-wl-${runId}-${mode.name.length}`.slice(0, 60);
    const ruleId = `environment.sum-gauge-${mode.name.length}`;
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const summary = async (region?: string) => (await (await fetch(url(`/api/v1/summary${region ? `?region=${region}` : ''}`))).json()) as RegionSummary;

    beforeAll(async () => {
      env = await mode.setup('summary');
      if (!env) return;
      stack = await startStack({ ...env.env, KPI_INTERVAL_S: '1', KPI_PERIOD_INTERVAL_S: '1' });
      const regions = (await (await fetch(url(`/api/v1/regions?level=commune&parentId=${district}`))).json()) as { features: Array<{ properties: { id: string; center: [number, number] } }> };
      const c = regions.features[0]!.properties;
      commune = c.id;
      const sources = [
        { id: air, sector: 'environment', kind: 'air-station', name: 'Trạm không khí thử', regionId: commune, lon: c.center[0], lat: c.center[1] },
        { id: gauge, sector: 'environment', kind: 'water-level', name: 'Trạm mực nước thử', regionId: commune, lon: c.center[0], lat: c.center[1] },
      ];
      expect((await send('PUT', '/api/v1/sources', { sources })).status).toBe(200);
      const rule = await send('PUT', `/api/v1/rules/${ruleId}`, { sector: 'environment', name: { vi: 'Mực nước vượt báo động III (thử)', en: 'Water above alarm III (test)' }, severity: 'critical', when: { type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>', value: 4.5 }, updatedBy: 'test' });
      expect(rule.status).toBe(200);
      const inc = await send('POST', '/api/v1/incidents', { type: 'flash-flood', title: 'Lũ quét thử nghiệm', regionId: commune, createdBy: 'trực ban' });
      expect(inc.status).toBe(201);
      publisher = await mqtt.connectAsync(env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, { clientId: `sum-pub-${runId}-${mode.name.length}`, reconnectPeriod: 200 });
      const ts = new Date(Date.now() - 2000).toISOString();
      await publisher.publishAsync(`ioc/v1/environment/air-station/${air}/telemetry`, JSON.stringify({ ts, id: 's1', metrics: { pm25: 30 } }), { qos: 1 });
      // The rule engine may take a moment to load the new rule in every process.
      await waitFor('the rule in the engine', async () => {
        await publisher.publishAsync(`ioc/v1/environment/water-level/${gauge}/telemetry`, JSON.stringify({ ts: new Date().toISOString(), id: `w${Date.now()}`, metrics: { level_m: 6 } }), { qos: 1 });
        const s = await summary(commune);
        return s.counts.alerts > 0;
      }, 60_000, 1000);
    }, 180_000);

    afterAll(async () => {
      await publisher?.endAsync();
      await stack?.close();
      await env?.teardown();
    });

    it('sums up the province, a district and a commune: KPIs with state, children with counts, top alerts and incidents', { timeout: 120_000 }, async (ctx) => {
      if (!env) return ctx.skip();
      const c = await waitFor('the commune pm2.5 value', async () => {
        const s = await summary(commune);
        return s.kpis.find((k) => k.id === 'environment.pm25_avg' && k.value === 30) ? s : undefined;
      }, 90_000, 500);
      expect(c.region).toMatchObject({ id: commune, level: 'commune' });
      expect(c.path.map((p) => p.id)).toEqual([expect.any(String), district]);
      expect(c.children).toEqual([]);
      expect(c.counts).toMatchObject({ alerts: 1, incidents: 1 });
      expect(c.alerts[0]).toMatchObject({ severity: 'critical', regionId: commune, title: { vi: expect.stringContaining('Mực nước vượt báo động III (thử)') } });
      expect(c.incidents[0]).toMatchObject({ title: 'Lũ quét thử nghiệm', regionId: commune, code: expect.any(String) });
      const pm = c.kpis.find((k) => k.id === 'environment.pm25_avg')!;
      expect(pm).toMatchObject({ sector: 'environment', name: { vi: expect.any(String) }, state: expect.stringMatching(/^(met|on-track|at-risk|missed|no-target)$/) });
      expect(c.kpis.every((k) => !k.id.includes('data_quality') && k.state)).toBe(true);
      expect(c.sectors.map((s) => s.id)).toContain('environment');

      const d = await summary(district);
      expect(d.region.level).toBe('district');
      const child = d.children.find((x) => x.id === commune)!;
      expect(child).toMatchObject({ alerts: 1, incidents: 1, level: 'commune' });
      expect(child.worst).not.toBe('no-data');
      

      const p = await summary();
      expect(p.region.level).toBe('province');
      expect(p.path).toEqual([]);
      expect(p.children.find((x) => x.id === district)!.alerts).toBeGreaterThanOrEqual(1);
      expect(p.children.find((x) => x.id === district)!.incidents).toBeGreaterThanOrEqual(1);
      expect(p.counts.alerts).toBeGreaterThanOrEqual(1);
      expect(p.alerts.length).toBeLessThanOrEqual(5);
      expect(p.incidents.length).toBeLessThanOrEqual(5);
      expect(p.asOf).toMatch(/^\d{4}-/);
    });

    it('is small, gzipped when asked, and answers 304 to a current ETag', async (ctx) => {
      if (!env) return ctx.skip();
      // Values move every second (KPI_INTERVAL_S=1): take a plain and a gzip answer of the same content.
      const { plain, zipped } = await waitFor('two answers with the same ETag', async () => {
        const plain = await rawGet(url('/api/v1/summary'));
        const zipped = await rawGet(url('/api/v1/summary'), { 'accept-encoding': 'gzip, deflate' });
        return plain.headers.etag === zipped.headers.etag ? { plain, zipped } : undefined;
      }, 20_000, 50);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(zipped.status).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(plain.body.length).toBeLessThan(20_000);
      expect(zipped.body.length).toBeLessThan(5_000);
      process.stdout.write(`\n[summary size] ${mode.name}: province raw ${plain.body.length} B, gzip ${zipped.body.length} B\n`);
      const etag = plain.headers.etag!;
      expect(etag).toMatch(/^W\/".+"$/);
      expect(zipped.headers.etag).toBe(etag);
      // Same content, same tag (unless a KPI moved in between: then it must differ, and a 200 is right).
      const again = await rawGet(url('/api/v1/summary'), { 'if-none-match': etag, 'accept-encoding': 'gzip' });
      if (again.status === 200) expect(again.headers.etag).not.toBe(etag);
      else {
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
      }
      const other = await rawGet(url(`/api/v1/summary?region=${commune}`), { 'if-none-match': etag });
      expect(other.status).toBe(200);
    });

    it('names an unknown region (404) and a malformed one (422) in problem+json', async (ctx) => {
      if (!env) return ctx.skip();
      const unknown = await fetch(url('/api/v1/summary?region=bp-nowhere'));
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('content-type')).toContain('application/problem+json');
      expect(await unknown.json()).toMatchObject({ status: 404, detail: expect.stringContaining('bp-nowhere'), errors: [{ field: 'region' }] });
      const bad = await fetch(url(`/api/v1/summary?region=${encodeURIComponent('<script>')}`));
      expect(bad.status).toBe(422);
      expect(await bad.json()).toMatchObject({ status: 422, errors: [{ field: 'region' }] });
    });
  });
}
