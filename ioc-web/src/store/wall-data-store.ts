import { liveTopic, type LatestSnapshot, type SectorManifest, type SourceStatusEntry } from '@ioc/sdk';
import { restClient } from '../api/rest-client';
import type { SourceWithState } from '../api/types';
import type { LiveClient } from '../live/live-client';
import { latestReducer, sourceStatusReducer, type SourceStatusMap } from '../live/topic-reducers';

export interface LatestValue {
  ts: string;
  value: number;
}

/** Everything the wall's tiles read, as one immutable snapshot per change. */
export interface WallDataState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  sectors: ReadonlyMap<string, SectorManifest>;
  sources: ReadonlyMap<string, SourceWithState>;
  /** Latest values per sector, as the `latest:{sector}` topics carry them. */
  latestBySector: Readonly<Record<string, LatestSnapshot>>;
  /** Wall-clock ms of the last live update applied. */
  lastUpdateAt: number | null;
  /** Increases on every change, for deck.gl update triggers and memo keys. */
  revision: number;
}

export function latestValue(state: WallDataState, source: SourceWithState, metric: string): LatestValue | undefined {
  return state.latestBySector[source.sector]?.[source.id]?.[metric];
}

type Api = Pick<typeof restClient, 'sectors' | 'sources'>;
type Live = Pick<LiveClient, 'subscribe'>;

export const initialState: WallDataState = {
  status: 'loading',
  error: null,
  sectors: new Map(),
  sources: new Map(),
  latestBySector: {},
  lastUpdateAt: null,
  revision: 0,
};

/**
 * Loads sector manifests and sources over REST, then keeps source states and latest values
 * current from `sources:all` and `latest:{sector}`.
 */
export class WallDataStore {
  private state = initialState;
  private readonly listeners = new Set<() => void>();
  private readonly stops: Array<() => void> = [];
  private readonly abort = new AbortController();
  /** The newest `sources:all` state, re-applied after the source list is reloaded. */
  private lastStatuses: SourceStatusMap | null = null;
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private lastReloadAt = 0;

  constructor(
    private readonly live: Live,
    private readonly api: Api = restClient,
    /** Quiet time before reloading the source list, and the least time between two reloads. */
    private readonly reloadDelayMs = { debounce: 1000, minInterval: 10_000 },
  ) {}

  getState = (): WallDataState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  async start(): Promise<void> {
    try {
      const [sectorList, sourceList] = await Promise.all([
        this.api.sectors(this.abort.signal),
        this.api.sources(this.abort.signal),
      ]);
      this.update({
        status: 'ready',
        sectors: new Map(sectorList.items.map((s) => [s.id, s])),
        sources: new Map(sourceList.items.map((s) => [s.id, s])),
      });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      this.update({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    this.stops.push(this.live.subscribe(liveTopic.sources('all'), sourceStatusReducer, (map) => this.applyStatuses(map)));
    for (const sector of this.state.sectors.keys()) {
      this.stops.push(
        this.live.subscribe(liveTopic.latest(sector), latestReducer, (latest) =>
          this.update({ latestBySector: { ...this.state.latestBySector, [sector]: latest }, lastUpdateAt: Date.now() }),
        ),
      );
    }
  }

  stop(): void {
    this.abort.abort();
    clearTimeout(this.reloadTimer);
    for (const stop of this.stops.splice(0)) stop();
  }

  private applyStatuses(statuses: SourceStatusMap): void {
    this.lastStatuses = statuses;
    let sources: Map<string, SourceWithState> | null = null;
    let unknown = false;
    for (const status of statuses.values()) {
      const source = this.state.sources.get(status.sourceId);
      if (!source) unknown = true;
      if (!source || !changed(source, status)) continue;
      sources ??= new Map(this.state.sources);
      sources.set(source.id, { ...source, state: status.state, lastSeen: status.lastSeen });
    }
    // Keep the map's identity when nothing changed, so tiles keyed on it do not redraw.
    this.update({ sources: sources ?? this.state.sources, lastUpdateAt: Date.now() });
    // A wall runs for days: sources registered after it loaded are fetched when they first report.
    if (unknown) this.scheduleSourceReload();
  }

  private scheduleSourceReload(): void {
    if (this.reloadTimer !== undefined) return;
    const wait = Math.max(this.reloadDelayMs.debounce, this.lastReloadAt + this.reloadDelayMs.minInterval - Date.now());
    this.reloadTimer = setTimeout(() => void this.reloadSources(), wait);
  }

  private async reloadSources(): Promise<void> {
    this.lastReloadAt = Date.now();
    try {
      const list = await this.api.sources(this.abort.signal);
      this.update({ sources: new Map(list.items.map((s) => [s.id, s])) });
    } catch {
      // Kept as is; the next unknown source schedules another try.
    } finally {
      this.reloadTimer = undefined;
    }
    if (this.lastStatuses && !this.abort.signal.aborted) this.applyStatuses(this.lastStatuses);
  }

  private update(patch: Partial<WallDataState>): void {
    this.state = { ...this.state, ...patch, revision: this.state.revision + 1 };
    for (const listener of this.listeners) listener();
  }
}

function changed(source: SourceWithState, status: SourceStatusEntry): boolean {
  return source.state !== status.state || source.lastSeen !== status.lastSeen;
}
