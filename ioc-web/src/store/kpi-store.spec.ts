import type { KpiInfo, KpiListResponse, KpiValue } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import type { TopicListener, TopicReducer } from '../live/live-client';
import { KpiStore } from './kpi-store';

const info = { id: 'health.bed_occupancy', sector: 'health', key: 'bed_occupancy', kind: 'derived', formula: '1', name: { vi: 'Công suất giường', en: 'Bed occupancy' }, unit: '%', direction: 'lower', periods: ['day'], rollup: { fn: 'formula' } } as KpiInfo;

const value = (patch: Partial<KpiValue>): KpiValue => ({
  kpiId: 'health.bed_occupancy', regionId: 'bp', period: 'day', periodStart: '2026-11-21T17:00:00.000Z', value: 80, target: 90, attainmentPct: 112.5, forecast: 80, state: 'on-track', computedAt: '2026-11-22T07:00:00.000Z', ...patch,
});

class FakeLive {
  readonly topics = new Map<string, { reducer: TopicReducer<unknown, unknown>; listener: TopicListener<unknown, unknown> }>();
  readonly left: string[] = [];

  subscribe<S, D>(topic: string, reducer: TopicReducer<S, D>, listener: TopicListener<S, D>): () => void {
    this.topics.set(topic, { reducer: reducer as TopicReducer<unknown, unknown>, listener: listener as TopicListener<unknown, unknown> });
    return () => {
      this.topics.delete(topic);
      this.left.push(topic);
    };
  }

  snapshot(topic: string, snapshot: unknown): void {
    const t = this.topics.get(topic)!;
    t.listener(t.reducer.fromSnapshot(snapshot), { kind: 'snapshot', seq: 1 });
  }
}

function api(answer: (q: { sector?: string; region?: string | null }) => KpiListResponse | Promise<KpiListResponse>) {
  const calls: Array<{ sector?: string; region?: string | null }> = [];
  return {
    calls,
    kpis: async (q: { sector?: string; region?: string | null }) => {
      calls.push(q);
      return answer(q);
    },
  };
}

describe('KpiStore', () => {
  it('loads definitions and values, then follows kpi:{sector}:{region}', async () => {
    const live = new FakeLive();
    const store = new KpiStore(live, api(() => ({ regionId: 'bp', kpis: [{ ...info, values: [value({})] }] })));
    await store.setScope(['health'], null);
    expect(store.getState()).toMatchObject({ status: 'ready', regionId: 'bp' });
    expect(store.getState().infos.get('health.bed_occupancy')?.name.vi).toBe('Công suất giường');
    expect(store.getState().values.get('health.bed_occupancy|day')?.value).toBe(80);
    expect([...live.topics.keys()]).toEqual(['kpi:health:bp']);

    live.snapshot('kpi:health:bp', { values: [value({ value: 84, computedAt: '2026-11-22T07:01:00.000Z' })] });
    expect(store.getState().values.get('health.bed_occupancy|day')?.value).toBe(84);
    expect(store.getState().lastUpdateAt).not.toBeNull();
  });

  it('resubscribes when the region changes and ignores the old region’s topic', async () => {
    const live = new FakeLive();
    const store = new KpiStore(live, api((q) => ({ regionId: q.region ?? 'bp', kpis: [{ ...info, values: [value({ regionId: q.region ?? 'bp' })] }] })));
    await store.setScope(['health'], null);
    const oldTopic = live.topics.get('kpi:health:bp')!;
    await store.setScope(['health'], 'bp-bu-dang');
    expect(live.left).toEqual(['kpi:health:bp']);
    expect([...live.topics.keys()]).toEqual(['kpi:health:bp-bu-dang']);
    expect(store.getState().regionId).toBe('bp-bu-dang');
    oldTopic.listener(oldTopic.reducer.fromSnapshot({ values: [value({ value: 1, computedAt: '2026-11-22T08:00:00.000Z' })] }), { kind: 'snapshot', seq: 2 });
    expect(store.getState().values.get('health.bed_occupancy|day')?.regionId).toBe('bp-bu-dang');
  });

  it('drops a slow answer for a region the page has left', async () => {
    const live = new FakeLive();
    let releaseSlow: () => void = () => undefined;
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve));
    const store = new KpiStore(
      live,
      api(async (q) => {
        if (q.region === 'slow') await slow;
        return { regionId: q.region ?? 'bp', kpis: [{ ...info, values: [value({ regionId: q.region ?? 'bp' })] }] };
      }),
    );
    const first = store.setScope(['health'], 'slow');
    await store.setScope(['health'], 'bp-dong-xoai');
    releaseSlow();
    await first;
    expect(store.getState().regionId).toBe('bp-dong-xoai');
    expect([...live.topics.keys()]).toEqual(['kpi:health:bp-dong-xoai']);
  });

  it('keeps a sector that answered when another fails, and reports an error when all fail', async () => {
    const live = new FakeLive();
    const partial = new KpiStore(
      live,
      api((q) => {
        if (q.sector === 'broken') throw new Error('HTTP 422');
        return { regionId: 'bp', kpis: [{ ...info, values: [] }] };
      }),
    );
    await partial.setScope(['health', 'broken'], null);
    expect(partial.getState().status).toBe('ready');
    expect([...live.topics.keys()]).toEqual(['kpi:health:bp']);

    const failing = new KpiStore(new FakeLive(), api(() => Promise.reject(new Error('HTTP 500'))));
    await failing.setScope(['health'], null);
    expect(failing.getState()).toMatchObject({ status: 'error', error: 'HTTP 500' });
  });
});
