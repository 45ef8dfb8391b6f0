/**
 * Map clusters through the real runtime (embedded defaults, and the production path when
 * Mosquitto and Redis are here): GET /api/v1/map/config hands the web app MAP_STYLE_URL;
 * GET /api/v1/map/clusters clusters registered sources and cameras (by state), open incidents (by
 * severity), units and the synthetic load layer; a source registered or an incident opened shows
 * up at the next query (the bus marks the layer's index dirty); bad layer, bbox, zoom or n → 422
 * problem+json naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentRecord, SourceDefinition } from '@ioc/sdk';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Feature = { geometry: { coordinates: [number, number] }; properties: { cluster: boolean; count?: number; counts?: Record<string, number>; id?: string; category?: string; expansionZoom?: number } };
type Clusters = { type: string; layer: string; total: number; truncated: boolean; features: Feature[] };
const PROVINCE = '106.3,11.2,107.6,12.4';
const weight = (f: Feature) => (f.properties.cluster ? f.properties.count! : 1);

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`map clusters: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    const tag = `${runId}-${mode.name.length}`.slice(0, 30);
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const clusters = (q: string) => json<Clusters>(fetch(url(`/api/v1/map/clusters?${q}`)));
    let commune: { id: string; center: [number, number] };

    beforeAll(async () => {
      env = await mode.setup('map');
      if (!env) return;
      stack = await startStack({ ...env.env, MAP_STYLE_URL: 'https://tiles.example.vn/styles/basic/style.json', MAP_SYNTHETIC_MAX: '100000' });
      commune = (await json<{ features: Array<{ properties: { id: string; center: [number, number] } }> }>(fetch(url('/api/v1/regions?level=commune')))).features[0]!.properties;
    });

    afterAll(async () => {
      await stack?.close();
      await env?.teardown();
    });

    it('hands the web app the style URL and the cluster layers', async (ctx) => {
      if (!env) return ctx.skip();
      expect(await json(fetch(url('/api/v1/map/config')))).toEqual({
        styleUrl: 'https://tiles.example.vn/styles/basic/style.json',
        syntheticMax: 100000,
        clusterLayers: ['sources', 'cameras', 'incidents', 'units', 'feedback', 'synthetic'],
      });
    });

    it('clusters registered sources and cameras, and sees new ones at the next query', async (ctx) => {
      if (!env) return ctx.skip();
      const [lon, lat] = commune.center;
      const defs: SourceDefinition[] = [
        ...Array.from({ length: 30 }, (_, i) => ({ id: `map-air-${tag}-${i}`, sector: 'environment', kind: 'air-station', name: `Trạm ${i}`, regionId: commune.id, lon: lon + (i % 6) * 0.001, lat: lat + Math.floor(i / 6) * 0.001 })),
        ...Array.from({ length: 5 }, (_, i) => ({ id: `map-cam-${tag}-${i}`, sector: 'security', kind: 'camera', name: `Camera ${i}`, regionId: commune.id, lon: lon + 0.2 + i * 0.0005, lat })),
      ];
      const before = await clusters(`layer=sources&bbox=${PROVINCE}&zoom=8`);
      expect((await send('PUT', '/api/v1/sources', { sources: defs })).status).toBe(200);
      const after = await waitFor('the new sources on the sources layer', async () => {
        const c = await clusters(`layer=sources&bbox=${PROVINCE}&zoom=8`);
        return c.total === before.total + 30 && c;
      });
      expect(after.type).toBe('FeatureCollection');
      expect(after.features.reduce((s, f) => s + weight(f), 0)).toBe(after.total);
      // 30 stations within 600 m are one cluster at zoom 8, with its states counted.
      const big = after.features.find((f) => f.properties.cluster && f.properties.count! >= 30)!;
      expect(big).toBeDefined();
      expect(Object.values(big.properties.counts!).reduce((a, b) => a + b, 0)).toBe(big.properties.count);
      expect(big.properties.expansionZoom).toBeGreaterThan(8);
      // Zoomed in close, single points with their id and state.
      const near = await clusters(`layer=sources&bbox=${lon - 0.0002},${lat - 0.0002},${lon + 0.0002},${lat + 0.0002}&zoom=20`);
      expect(near.features).toContainEqual(expect.objectContaining({ properties: expect.objectContaining({ cluster: false, id: `map-air-${tag}-0`, category: 'unknown' }) }));
      const cams = await clusters(`layer=cameras&bbox=${PROVINCE}&zoom=18`);
      expect(cams.features.filter((f) => f.properties.id?.startsWith(`map-cam-${tag}`))).toHaveLength(5);
    });

    it('shows an opened incident at once, by severity', async (ctx) => {
      if (!env) return ctx.skip();
      const [lon, lat] = commune.center;
      const incident = await json<IncidentRecord>(send('POST', '/api/v1/incidents', { type: 'flash-flood', title: 'Lũ quét thử nghiệm bản đồ', lon: lon + 0.01, lat, createdBy: 'trực ban' }));
      expect(incident.id).toBeTruthy();
      const found = await waitFor('the incident on the incidents layer', async () => {
        const c = await clusters(`layer=incidents&bbox=${PROVINCE}&zoom=20`);
        return c.features.find((f) => f.properties.id === incident.id);
      });
      expect(found.properties.category).toBe(incident.severity);
      expect(found.geometry.coordinates).toEqual([lon + 0.01, lat].map((x) => Math.round(x * 1e6) / 1e6));
    });

    it('clusters 100,000 synthetic points', async (ctx) => {
      if (!env) return ctx.skip();
      const c = await clusters(`layer=synthetic&n=100000&bbox=${PROVINCE}&zoom=8`);
      expect(c.total).toBe(100_000);
      expect(c.features.reduce((s, f) => s + weight(f), 0)).toBe(100_000);
      expect(c.features.length).toBeLessThan(1000);
      const units = await clusters(`layer=units&bbox=${PROVINCE}&zoom=5`);
      expect(units.layer).toBe('units');
    });

    it('refuses a bad query naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const cases: Array<[string, string]> = [
        [`layer=roads&bbox=${PROVINCE}&zoom=8`, 'layer'],
        ['layer=sources&bbox=106,11,200,12&zoom=8', 'bbox'],
        ['layer=sources&bbox=106,11,107&zoom=8', 'bbox'],
        ['layer=sources&bbox=107,11,106,12&zoom=8', 'bbox'],
        [`layer=sources&bbox=${PROVINCE}&zoom=23`, 'zoom'],
        [`layer=sources&bbox=${PROVINCE}&zoom=7.5`, 'zoom'],
        [`layer=sources&bbox=${PROVINCE}`, 'zoom'],
        [`layer=synthetic&n=100001&bbox=${PROVINCE}&zoom=8`, 'n'],
        [`layer=sources&n=10&bbox=${PROVINCE}&zoom=8`, 'n'],
      ];
      for (const [q, field] of cases) {
        const res = await fetch(url(`/api/v1/map/clusters?${q}`));
        expect(res.status, q).toBe(422);
        expect(res.headers.get('content-type'), q).toMatch(/application\/problem\+json/);
        const body = await json<{ errors: Array<{ field: string }> }>(res);
        expect(body.errors.map((e) => e.field), q).toContain(field);
      }
    });
  });
}
