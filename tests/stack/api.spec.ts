/** REST through the real server: geography, sources, series, and problem+json for bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;

describe('REST API', () => {
  let stack: Stack;
  const url = (p: string) => `${stack.httpUrl}${p}`;
  const put = (body: string) => fetch(url('/api/v1/sources'), { method: 'PUT', headers: { 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    stack = await startStack({ IOC_ROLES: 'api' });
  });
  afterAll(async () => stack?.close());

  it('serves the seed geography: Bình Phước, its 11 district-level units and their communes', async () => {
    const districts = (await (await fetch(url('/api/v1/regions?level=district'))).json()) as { features: Array<{ properties: { name: string; parentId: string }; geometry: { type: string } }> };
    expect(districts.features).toHaveLength(11);
    expect(districts.features.map((f) => f.properties.name).join()).toContain('Đồng Xoài');
    expect(districts.features.every((f) => f.properties.parentId === 'bp' && /Polygon/.test(f.geometry.type))).toBe(true);
    const communes = (await (await fetch(url('/api/v1/regions?level=commune'))).json()) as { features: unknown[] };
    expect(communes.features.length).toBeGreaterThanOrEqual(100);
  });

  it('answers a bad query with problem+json naming the field', async () => {
    const res = await fetch(url('/api/v1/regions?level=village'));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 422, errors: [{ field: 'level' }] });
  });

  it('refuses a malformed source list, naming each bad field, and writes nothing', async () => {
    const res = await put(JSON.stringify({ sources: [{ id: 'Bad Id', sector: 'environment', kind: 'air-station', name: 'x', regionId: 'bp-dong-xoai', lon: 106.9, lat: 11.5 }, { id: 'ok-1' }] }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Array<{ field: string; problem: string }> };
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['sources[0].id', 'sources[1].sector', 'sources[1].lat']));
    expect(body.errors.find((e) => e.field === 'sources[1].sector')!.problem).toBe('is required');
    expect(stack.sources.get('ok-1')).toBeUndefined();
  });

  it('refuses unknown sectors, kinds and regions', async () => {
    const res = await put(JSON.stringify({ sources: [{ id: 'x-1', sector: 'space', kind: 'rocket', name: 'x', regionId: 'nowhere', lon: 106.9, lat: 11.5 }] }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: Array<{ field: string }> };
    expect(body.errors.map((e) => e.field)).toEqual(['sources[0].sector', 'sources[0].regionId']);
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await put('{"sources": [');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, errors: [{ field: 'body' }] });
  });

  it('registers sources idempotently and lists them with their state', async () => {
    const src = { id: 'api-aq-1', sector: 'environment', kind: 'air-station', name: 'Trạm Tân Phú', regionId: 'bp-dong-xoai', lon: 106.9, lat: 11.54 };
    for (let i = 0; i < 2; i++) expect((await put(JSON.stringify({ sources: [src] }))).status).toBe(200);
    const list = (await (await fetch(url('/api/v1/sources?sector=environment'))).json()) as { items: Array<{ id: string; state: string }> };
    expect(list.items.filter((s) => s.id === 'api-aq-1')).toEqual([expect.objectContaining({ id: 'api-aq-1', state: 'unknown' })]);
    const series = await fetch(url('/api/v1/sources/api-aq-1/series?metric=pm25&minutes=30'));
    expect(series.status).toBe(200);
    expect(await series.json()).toEqual({ sourceId: 'api-aq-1', metric: 'pm25', points: [] });
    const badMetric = await fetch(url('/api/v1/sources/api-aq-1/series?metric=co2'));
    expect(badMetric.status).toBe(422);
    expect((await fetch(url('/api/v1/sources/nope/series?metric=pm25'))).status).toBe(404);
  });
});
