/**
 * KPIs through the real parts: MQTT readings → ingest → TimescaleDB → KPI engine (worker) → bus
 * → `kpi:{sector}:{region}` socket topic and the KPI API. Once on embedded defaults, once on the
 * production path (Mosquitto, Redis bus, TimescaleDB engine over the wire).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { Delta, KpiBreakdownResponse, KpiListResponse, KpiSeriesResponse, KpiTopicDelta, KpiTopicSnapshot, KpiValue, SubscribeAck, TopicSnapshot } from '@ioc/sdk';
import { EMBEDDED, PRODUCTION, runId, type StackMode } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
const KPI = 'environment.pm25_avg';

for (const mode of [EMBEDDED, PRODUCTION] as StackMode[]) {
  describe(`KPIs: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<StackMode['setup']>>;
    let publisher: MqttClient;
    let socket: Socket;
    let district: string;
    let communes: string[];
    const ids = [`kpi-a-${runId}`.slice(0, 60), `kpi-b-${runId}`.slice(0, 60)];
    const deltas: KpiValue[] = [];
    let snapshot: KpiTopicSnapshot;
    const get = async <T>(path: string) => {
      const res = await fetch(`${stack.httpUrl}${path}`);
      return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as T };
    };

    beforeAll(async () => {
      env = await mode.setup('kpi');
      if (!env) return;
      stack = await startStack({ ...env.env, KPI_INTERVAL_S: '1', KPI_PERIOD_INTERVAL_S: '1' });
      const regions = (await (await fetch(`${stack.httpUrl}/api/v1/regions?level=commune&parentId=bp-dong-xoai`)).json()) as { features: Array<{ properties: { id: string; center: [number, number] } }> };
      district = 'bp-dong-xoai';
      communes = regions.features.slice(0, 2).map((f) => f.properties.id);
      const sources = ids.map((id, i) => ({ id, sector: 'environment', kind: 'air-station', name: `Trạm ${i}`, regionId: communes[i], lon: regions.features[i].properties.center[0], lat: regions.features[i].properties.center[1] }));
      const put = await fetch(`${stack.httpUrl}/api/v1/sources`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sources }) });
      expect(put.status).toBe(200);
      publisher = await mqtt.connectAsync(env.mqttUrl ?? `mqtt://127.0.0.1:${stack.mqttPort}`, { clientId: `kpi-pub-${runId}-${mode.name.length}`, reconnectPeriod: 200 });
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (d: Delta<KpiTopicDelta>) => d.topic === `kpi:environment:${district}` && deltas.push(...d.data.values));
      const ack = (await socket.emitWithAck('subscribe', { topics: [`kpi:environment:${district}`, 'kpi:nowhere:bp', 'kpi:environment:nowhere'] })) as SubscribeAck<KpiTopicSnapshot>;
      expect(ack[1]).toMatchObject({ error: 'unknown topic' });
      expect(ack[2]).toMatchObject({ error: 'unknown topic' });
      snapshot = (ack[0] as TopicSnapshot<KpiTopicSnapshot>).snapshot;
      const ts = new Date(Date.now() - 2000).toISOString();
      await publisher.publishAsync(`ioc/v1/environment/air-station/${ids[0]}/telemetry`, JSON.stringify({ ts, id: 'k1', metrics: { pm25: 20 } }), { qos: 1 });
      await publisher.publishAsync(`ioc/v1/environment/air-station/${ids[1]}/telemetry`, JSON.stringify({ ts, id: 'k2', metrics: { pm25: 40 } }), { qos: 1 });
    }, 120_000);

    afterAll(async () => {
      socket?.close();
      await publisher?.endAsync();
      await stack?.close();
      await env?.teardown();
    });

    it('pushes the district average to the kpi topic after the readings arrive (snapshot, then deltas)', { timeout: 200_000 }, async (ctx) => {
      if (!env) return ctx.skip();
      expect(Array.isArray(snapshot.values)).toBe(true);
      const rt = await waitFor('realtime pm2.5 delta', () => deltas.find((v) => v.kpiId === KPI && v.period === 'realtime' && v.value === 30), 90_000);
      expect(rt).toMatchObject({ regionId: district, value: 30 });
      const day = await waitFor('day pm2.5 delta', () => deltas.find((v) => v.kpiId === KPI && v.period === 'day' && v.value === 30), 90_000);
      expect(day.target).not.toBeUndefined();
    });

    it('lists KPIs with current values by sector and region, and per region', async (ctx) => {
      if (!env) return ctx.skip();
      const list = await get<KpiListResponse>(`/api/v1/kpis?sector=environment&region=${communes[1]}`);
      expect(list.status).toBe(200);
      const k = list.body.kpis.find((x) => x.id === KPI)!;
      expect(k).toMatchObject({ sector: 'environment', kind: 'stream', unit: 'µg/m³', direction: 'lower' });
      await waitFor('commune value', async () => (await get<KpiListResponse>(`/api/v1/kpis?sector=environment&region=${communes[1]}`)).body.kpis.find((x) => x.id === KPI)!.values.some((v) => v.period === 'realtime' && v.value === 40));
      const byRegion = await get<KpiListResponse>(`/api/v1/regions/${district}/kpis?sector=environment&period=realtime`);
      expect(byRegion.body.kpis.find((x) => x.id === KPI)!.values).toEqual([expect.objectContaining({ period: 'realtime', value: 30 })]);
      expect(byRegion.body.kpis.every((x) => x.periods.includes('realtime'))).toBe(true);
    });

    it('serves the minute series from the continuous aggregate, equal to the raw hypertable', async (ctx) => {
      if (!env) return ctx.skip();
      const agg = await get<KpiSeriesResponse>(`/api/v1/kpis/${KPI}/series?region=${district}&resolution=minute`);
      const raw = await get<KpiSeriesResponse>(`/api/v1/kpis/${KPI}/series?region=${district}&resolution=minute&store=raw`);
      expect(agg.status).toBe(200);
      expect(agg.body).toMatchObject({ store: 'aggregate', table: 'reading_district_1m' });
      expect(raw.body.store).toBe('raw');
      expect(agg.body.points.at(-1)?.value).toBe(30);
      expect(agg.body.points).toEqual(raw.body.points);
      const daily = await get<KpiSeriesResponse>(`/api/v1/kpis/${KPI}/series?region=${district}&resolution=day`);
      expect(daily.body.points.at(-1)?.value).toBe(30);
      expect(daily.body.table).toBe('reading_district_1d');
      // A commune reads the per-source aggregate; the province all districts.
      const commune = await get<KpiSeriesResponse>(`/api/v1/kpis/${KPI}/series?region=${communes[1]}&resolution=hour`);
      expect(commune.body).toMatchObject({ table: 'reading_1h' });
      expect(commune.body.points.at(-1)?.value).toBe(40);
      const province = await get<KpiSeriesResponse>(`/api/v1/kpis/${KPI}/series?resolution=hour`);
      expect(province.body.points.at(-1)?.value).toBe(30);
    });

    it('breaks a district down into its communes, worst first, and takes operator targets', { timeout: 120_000 }, async (ctx) => {
      if (!env) return ctx.skip();
      const put = await fetch(`${stack.httpUrl}/api/v1/kpis/${KPI}/targets`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ targets: [{ period: 'day', level: 'commune', value: 25 }], updatedBy: 'test' }) });
      expect(put.status).toBe(200);
      const b = await waitFor('breakdown with the new target', async () => {
        const r = await get<KpiBreakdownResponse>(`/api/v1/kpis/${KPI}/breakdown?region=${district}&period=day`);
        return r.body.items[0]?.value?.target === 25 ? r : undefined;
      }, 90_000);
      expect(b.body.items[0]).toMatchObject({ regionId: communes[1], value: { value: 40, state: 'at-risk', target: 25 } });
      expect(b.body.items[1]).toMatchObject({ regionId: communes[0], value: { value: 20, state: 'on-track' } });
      expect(b.body.items.slice(2).every((i) => i.value === null)).toBe(true);
      expect(b.body.items[0].value!.attainmentPct).toBeCloseTo(62.5, 6);
    });

    it('reports data truth per source and feed', async (ctx) => {
      if (!env) return ctx.skip();
      const q = await get<{ feeds: Array<{ kind: string }>; sources: Array<{ sourceId: string; received: number; fresh: boolean }> }>(`/api/v1/data-quality?sector=environment`);
      expect(q.status).toBe(200);
      expect(q.body.sources.find((s) => s.sourceId === ids[0])).toMatchObject({ received: 1, fresh: true });
      expect(q.body.feeds.map((f) => f.kind)).toContain('air-station');
    });

    it('refuses bad queries with problem+json naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const bad = await get<{ errors: Array<{ field: string }> }>(`/api/v1/kpis?period=weekly`);
      expect(bad.status).toBe(422);
      expect(bad.type).toContain('application/problem+json');
      expect(bad.body.errors[0].field).toBe('period');
      expect((await get(`/api/v1/kpis/nope.nothing/series`)).status).toBe(404);
      expect((await get(`/api/v1/regions/nowhere/kpis`)).status).toBe(404);
      const series = await get<{ errors: Array<{ field: string }> }>(`/api/v1/kpis/${KPI}/series?resolution=minute&from=2020-01-01T00:00:00Z`);
      expect(series.body.errors[0].field).toBe('from');
      const put = await fetch(`${stack.httpUrl}/api/v1/kpis/${KPI}/targets`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ targets: [{ period: 'day', regionId: 'nowhere', value: 1 }, { period: 'week', value: 'x' }] }) });
      expect(put.status).toBe(422);
      const fields = ((await put.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['targets[1].period', 'targets[1].value']));
    });
  });
}
