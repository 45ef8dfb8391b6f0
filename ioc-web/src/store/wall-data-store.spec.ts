import type { LatestSnapshot, SectorManifest, SourceStatusEntry } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import type { SourceWithState } from '../api/types';
import type { TopicListener, TopicReducer } from '../live/live-client';
import { WallDataStore } from './wall-data-store';

const environment: SectorManifest = {
  id: 'environment',
  name: { vi: 'Môi trường', en: 'Environment' },
  sourceKinds: { 'air-station': { name: { vi: 'Trạm', en: 'Station' }, expectedIntervalS: 60, metrics: {} } },
};
const station: SourceWithState = {
  id: 'aq-1', sector: 'environment', kind: 'air-station', name: 'Trạm 1', regionId: 'd1', lon: 106.9, lat: 11.5, state: 'online', lastSeen: null,
};

/** Stands in for LiveClient: records subscriptions and lets the test push topic states. */
class FakeLive {
  readonly listeners = new Map<string, TopicListener<unknown, unknown>>();
  readonly reducers = new Map<string, TopicReducer<unknown, unknown>>();

  subscribe<S, D>(topic: string, reducer: TopicReducer<S, D>, listener: TopicListener<S, D>): () => void {
    this.reducers.set(topic, reducer as TopicReducer<unknown, unknown>);
    this.listeners.set(topic, listener as TopicListener<unknown, unknown>);
    return () => this.listeners.delete(topic);
  }

  pushSnapshot(topic: string, snapshot: unknown): void {
    this.listeners.get(topic)!(this.reducers.get(topic)!.fromSnapshot(snapshot), { kind: 'snapshot', seq: 1 });
  }
}

function storeWith(api: { sectors: () => Promise<{ items: SectorManifest[] }>; sources: () => Promise<{ items: SourceWithState[] }> }) {
  const live = new FakeLive();
  return { live, store: new WallDataStore(live, api, { debounce: 0, minInterval: 0 }) };
}

const okApi = { sectors: async () => ({ items: [environment] }), sources: async () => ({ items: [station] }) };

describe('WallDataStore', () => {
  it('loads sectors and sources, then follows sources:all and latest:{sector}', async () => {
    const { live, store } = storeWith(okApi);
    await store.start();
    expect(store.getState().status).toBe('ready');
    expect([...live.listeners.keys()]).toEqual(['sources:all', 'latest:environment']);

    const latest: LatestSnapshot = { 'aq-1': { aqi: { ts: '2026-11-22T07:00:00Z', value: 42 } } };
    live.pushSnapshot('latest:environment', latest);
    expect(store.getState().latestBySector.environment?.['aq-1']?.aqi?.value).toBe(42);
    expect(store.getState().lastUpdateAt).not.toBeNull();
  });

  it('applies state changes and keeps the sources map when nothing changed', async () => {
    const { live, store } = storeWith(okApi);
    await store.start();
    const before = store.getState().sources;
    const same: SourceStatusEntry[] = [{ sourceId: 'aq-1', state: 'online', lastSeen: null }];
    live.pushSnapshot('sources:all', { sources: same });
    expect(store.getState().sources).toBe(before);

    live.pushSnapshot('sources:all', { sources: [{ sourceId: 'aq-1', state: 'offline', lastSeen: '2026-11-22T07:00:00Z' }] });
    expect(store.getState().sources.get('aq-1')?.state).toBe('offline');
    expect(store.getState().sources).not.toBe(before);
  });

  it('reports a failed load instead of waiting forever', async () => {
    const { live, store } = storeWith({ ...okApi, sources: async () => Promise.reject(new Error('/api/v1/sources: HTTP 503')) });
    await store.start();
    expect(store.getState()).toMatchObject({ status: 'error', error: '/api/v1/sources: HTTP 503' });
    expect(live.listeners.size).toBe(0);
  });

  it('reloads the source list when a source registered after page load reports', async () => {
    const late: SourceWithState = { ...station, id: 'aq-2', name: 'Trạm 2', state: 'unknown' };
    let calls = 0;
    const { live, store } = storeWith({ sectors: okApi.sectors, sources: async () => ({ items: ++calls === 1 ? [station] : [station, late] }) });
    await store.start();
    live.pushSnapshot('sources:all', { sources: [{ sourceId: 'aq-2', state: 'online', lastSeen: '2026-11-22T07:00:00Z' }] });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(2);
    expect(store.getState().sources.get('aq-2')).toMatchObject({ state: 'online', lastSeen: '2026-11-22T07:00:00Z' });
    store.stop();
  });
});
