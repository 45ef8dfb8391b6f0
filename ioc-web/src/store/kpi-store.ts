import { liveTopic, type KpiInfo, type KpiListResponse, type KpiTopicDelta } from '@ioc/sdk';
import { restClient } from '../api/rest-client';
import { kpiHeartbeat } from '../kpi/kpi-format';
import type { LiveClient } from '../live/live-client';
import { kpiReducer, mergeKpiValues, type KpiValueMap } from '../live/topic-reducers';

/** KPI definitions and the current values of one region, as the KPI widgets of a page read them. */
export interface KpiDataState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** Region the values belong to; null until the first answer names it. */
  regionId: string | null;
  /** KPI definitions by full id (`health.bed_occupancy`), of every sector the page shows. */
  infos: ReadonlyMap<string, KpiInfo>;
  /** Current values of `regionId` by `kpiId|period`, kept live from `kpi:{sector}:{region}`. */
  values: KpiValueMap;
  /** Newest computation among realtime/day values: whether the engine is still producing. */
  heartbeatAt: number | null;
  lastUpdateAt: number | null;
  revision: number;
}

export const emptyKpiState: KpiDataState = {
  status: 'idle',
  error: null,
  regionId: null,
  infos: new Map(),
  values: new Map(),
  heartbeatAt: null,
  lastUpdateAt: null,
  revision: 0,
};

type Api = Pick<typeof restClient, 'kpis'>;
type Live = Pick<LiveClient, 'subscribe'>;

/**
 * Loads the KPIs of a page's sectors for one region over REST, then follows
 * `kpi:{sector}:{region}` (snapshot, then deltas). Changing the region drops the old topics and
 * subscribes the new ones; answers for a region no longer shown are ignored.
 */
export class KpiStore {
  private state: KpiDataState = emptyKpiState;
  private readonly listeners = new Set<() => void>();
  private stops: Array<() => void> = [];
  private abort: AbortController | null = null;
  private scopeKey = '';

  constructor(
    private readonly live: Live,
    private readonly api: Api = restClient,
  ) {}

  getState = (): KpiDataState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Shows `sectors` for `regionId` (null: the province). A repeated call with the same scope does nothing. */
  async setScope(sectors: readonly string[], regionId: string | null): Promise<void> {
    const key = `${[...sectors].sort().join(',')}@${regionId ?? ''}`;
    if (key === this.scopeKey) return;
    this.scopeKey = key;
    this.leave();
    const abort = (this.abort = new AbortController());
    // Definitions do not depend on the region: keep them so tiles keep their titles while loading.
    this.update({ status: 'loading', error: null, regionId, values: new Map() });
    const answers = await Promise.all(
      sectors.map((sector) =>
        this.api
          .kpis({ sector, region: regionId }, abort.signal)
          .then((list): { sector: string; list: KpiListResponse } | { sector: string; error: string } => ({ sector, list }))
          .catch((error: unknown) => ({ sector, error: error instanceof Error ? error.message : String(error) })),
      ),
    );
    if (abort.signal.aborted) return;
    const loaded = answers.flatMap((a) => ('list' in a ? [a] : []));
    const failed = answers.flatMap((a) => ('error' in a ? [a.error] : []));
    if (loaded.length === 0 && failed.length > 0) {
      this.update({ status: 'error', error: failed[0]! });
      return;
    }
    const infos = new Map(this.state.infos);
    let values = this.state.values;
    for (const { list } of loaded) {
      for (const { values: kpiValues, ...info } of list.kpis) {
        infos.set(info.id, info as KpiInfo);
        values = mergeKpiValues(values, kpiValues);
      }
    }
    const resolvedRegion = loaded[0]?.list.regionId ?? regionId;
    this.update({ status: 'ready', regionId: resolvedRegion, infos, values });
    if (!resolvedRegion) return;
    for (const { sector } of loaded) {
      this.stops.push(
        this.live.subscribe<KpiValueMap, KpiTopicDelta>(liveTopic.kpi(sector, resolvedRegion), kpiReducer, (topicState) => {
          if (abort.signal.aborted) return;
          const merged = mergeKpiValues(this.state.values, [...topicState.values()]);
          this.update({ values: merged, lastUpdateAt: Date.now() });
        }),
      );
    }
  }

  stop(): void {
    this.scopeKey = '';
    this.leave();
  }

  private leave(): void {
    this.abort?.abort();
    this.abort = null;
    for (const stop of this.stops.splice(0)) stop();
  }

  private update(patch: Partial<KpiDataState>): void {
    const heartbeat = patch.values && patch.values !== this.state.values ? { heartbeatAt: kpiHeartbeat(patch.values.values()) } : {};
    this.state = { ...this.state, ...patch, ...heartbeat, revision: this.state.revision + 1 };
    for (const listener of this.listeners) listener();
  }
}
