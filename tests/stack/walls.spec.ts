/**
 * Video walls through the real runtime (embedded defaults, and the production path with Redis as
 * the bus when it is here): the shipped layouts are served, a layout is saved and validated (the
 * field named on refusal), the operator console's commands change the live state, the socket topic
 * `wall:{id}` gives a snapshot and a delta per change, and the state survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Delta, SubscribeAck, TopicSnapshot, WallDelta, WallLayoutSpec, WallState, WallSummary } from '@ioc/sdk';
import { EMBEDDED, PRODUCTION } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Problem = { status: number; errors?: Array<{ field: string; problem: string }> };

const layout: WallLayoutSpec = {
  id: 'flood-ops',
  name: { vi: 'Điều hành chống lũ', en: 'Flood operations' },
  grid: { columns: 24, rows: 12 },
  screens: { columns: 2, rows: 1 },
  tiles: [
    { id: 'map', widget: 'province-map', x: 7, y: 1, w: 12, h: 12 },
    { id: 'left', widget: 'kpi-tile', x: 1, y: 1, w: 6, h: 12, options: { kpi: 'environment.aqi_good_share' } },
    { id: 'right', widget: 'source-status', x: 19, y: 1, w: 6, h: 12 },
  ],
  scenes: [{ id: 'units', name: { vi: 'Lực lượng', en: 'Units' }, tiles: [{ id: 'all', widget: 'province-map', x: 1, y: 1, w: 24, h: 12 }] }],
  playlist: { scenes: ['units'], intervalS: 30 },
};

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`video walls: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    let socket: Socket;
    const deltas: Array<Delta<WallDelta>> = [];
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const command = (wallId: string, c: unknown) => send('POST', `/api/v1/walls/${wallId}/commands`, { command: c, actor: 'trực ban' });

    beforeAll(async () => {
      env = await mode.setup('walls');
      if (!env) return;
      stack = await startStack(env.env);
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (d: Delta<WallDelta>) => deltas.push(d));
    });

    afterAll(async () => {
      socket?.close();
      await stack?.close();
      await env?.teardown();
    });

    it('serves the shipped walls with their layouts', async (ctx) => {
      if (!env) return ctx.skip();
      const list = await json<{ items: WallSummary[] }>(fetch(url('/api/v1/walls')));
      expect(list.items.map((w) => w.id)).toEqual(expect.arrayContaining(['main', 'province']));
      expect(list.items.find((w) => w.id === 'province')).toMatchObject({ layoutSource: 'seed', screens: 2 });
      const main = await json<WallState>(fetch(url('/api/v1/walls/main')));
      expect(main).toMatchObject({ wallId: 'main', layoutSource: 'seed', sceneId: null, overrides: {}, revision: 0 });
      expect(main.layout.tiles.length).toBeGreaterThan(3);
      expect((await fetch(url('/api/v1/walls/nope'))).status).toBe(404);
    });

    it('refuses a layout that does not fit, naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const overlapping = { ...layout, tiles: [...layout.tiles, { id: 'extra', widget: 'kpi-tile', x: 6, y: 1, w: 3, h: 2 }] };
      let res = await send('PUT', '/api/v1/walls/flood-ops', { layout: overlapping, actor: 'admin' });
      expect(res.status).toBe(422);
      let problem = await json<Problem>(res);
      expect(problem.errors![0]).toMatchObject({ field: 'tiles' });
      expect(problem.errors![0]!.problem).toMatch(/overlap/);
      res = await send('PUT', '/api/v1/walls/flood-ops', { layout: { ...layout, grid: { columns: 25, rows: 12 } }, actor: 'admin' });
      expect(res.status).toBe(422);
      expect((await json<Problem>(res)).errors![0]!.problem).toMatch(/does not divide into 2×1 screens/);
      res = await send('PUT', '/api/v1/walls/flood-ops', { layout: { ...layout, tiles: [{ ...layout.tiles[0], w: 'wide' }] }, actor: 'admin' });
      problem = await json<Problem>(res);
      expect(res.status).toBe(422);
      expect(problem.errors![0]!.field).toBe('layout.tiles[0].w');
      res = await send('PUT', '/api/v1/walls/flood-ops', { layout: { ...layout, playlist: { scenes: ['gone'], intervalS: 30 } }, actor: 'admin' });
      expect((await json<Problem>(res)).errors![0]!.problem).toMatch(/unknown scene "gone"/);
    });

    it('saves a layout, and the console commands change the live state; the topic carries each change', async (ctx) => {
      if (!env) return ctx.skip();
      let res = await send('PUT', '/api/v1/walls/flood-ops', { layout, actor: 'admin' });
      expect(res.status).toBe(200);
      expect(await json<WallState>(res)).toMatchObject({ layoutSource: 'saved', revision: 1, updatedBy: 'admin' });

      const ack = (await socket.emitWithAck('subscribe', { topics: ['wall:flood-ops', 'wall:nope'] })) as SubscribeAck<WallState>;
      const snap = ack[0] as TopicSnapshot<WallState>;
      expect(snap.snapshot).toMatchObject({ wallId: 'flood-ops', revision: 1 });
      expect(ack[1]).toMatchObject({ topic: 'wall:nope', error: expect.any(String) });

      res = await command('flood-ops', { kind: 'focus-kpi', tileId: 'left', kpiId: 'health.bed_occupancy' });
      expect(await json<WallState>(res)).toMatchObject({ revision: 2, overrides: { left: { widget: 'kpi-tile', options: { kpi: 'health.bed_occupancy' }, focus: 'kpi:health.bed_occupancy', setBy: 'trực ban' } } });
      res = await command('flood-ops', { kind: 'playlist', paused: true });
      expect(await json<WallState>(res)).toMatchObject({ playlistPaused: true, revision: 3 });
      // A tile the wall does not show, a scene it does not have: refused, named, nothing changed.
      res = await command('flood-ops', { kind: 'focus-incident', tileId: 'ghost', incidentId: '1' });
      expect(res.status).toBe(422);
      expect((await json<Problem>(res)).errors![0]!.field).toBe('command.tileId');
      res = await command('flood-ops', { kind: 'scene', sceneId: 'nope' });
      expect((await json<Problem>(res)).errors![0]!.field).toBe('command.sceneId');
      res = await command('flood-ops', { kind: 'launch' });
      expect(res.status).toBe(422);
      res = await command('flood-ops', { kind: 'scene', sceneId: 'units' });
      expect(await json<WallState>(res)).toMatchObject({ sceneId: 'units', overrides: {}, revision: 4 });

      // On the production path the save's own delta may come through Redis after the snapshot
      // already held it (same revision); clients keep the newer revision.
      const seen = await waitFor('wall deltas', () => {
        const mine = deltas.filter((d) => d.topic === 'wall:flood-ops' && d.data.state.revision > snap.snapshot.revision);
        return mine.length >= 3 && mine;
      });
      expect(seen.map((d) => d.data.state.revision)).toEqual([2, 3, 4]);
      expect(seen.every((d, i) => i === 0 || d.seq === seen[i - 1]!.seq + 1)).toBe(true);
      expect(seen[0]!.data.command).toMatchObject({ kind: 'focus-kpi', tileId: 'left' });
    });

    it('puts a shipped wall back to its layout; a wall without one cannot be reset', async (ctx) => {
      if (!env) return ctx.skip();
      const saved = await json<WallState>(send('PUT', '/api/v1/walls/main', { layout: { ...(await json<WallState>(fetch(url('/api/v1/walls/main')))).layout, name: { vi: 'Đã sửa', en: 'Edited' } }, actor: 'admin' }));
      expect(saved).toMatchObject({ layoutSource: 'saved', layout: { name: { vi: 'Đã sửa' } } });
      const reset = await json<WallState>(send('DELETE', '/api/v1/walls/main/layout', { actor: 'admin' }));
      expect(reset.layoutSource).toBe('seed');
      expect(reset.layout.name).toEqual({ vi: 'Màn hình tổng hợp', en: 'Main wall' });
      expect((await send('DELETE', '/api/v1/walls/flood-ops/layout', { actor: 'admin' })).status).toBe(404);
    });

    it('keeps saved layouts and the live state across a restart', async (ctx) => {
      if (!env) return ctx.skip();
      socket.close();
      await stack.close();
      stack = await startStack({ ...env.env, DATA_DIR: stack.dataDir });
      const after = await json<WallState>(fetch(url('/api/v1/walls/flood-ops')));
      expect(after).toMatchObject({ layoutSource: 'saved', sceneId: 'units', playlistPaused: true, revision: 4, layout: { name: { vi: 'Điều hành chống lũ' } } });
    });
  });
}
