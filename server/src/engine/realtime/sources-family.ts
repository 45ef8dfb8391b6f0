import type { SourceState, SourceStatusDelta, SourceStatusEntry, SourceStatusSnapshot } from '@ioc/sdk';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { SourceRecord, SourceRegistry } from '../registry/source-registry.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

const PREFIX = 'sources:';
const ALL = 'all';

function mergeStatus(a: SourceStatusDelta, b: SourceStatusDelta): SourceStatusDelta {
  const byId = new Map(a.sources.map((s) => [s.sourceId, s]));
  for (const s of b.sources) byId.set(s.sourceId, s);
  return { sources: [...byId.values()] };
}

/**
 * `sources:{sector|all}`: whether each source is online, offline (its retained status / Last
 * Will says so) or stale (silent for more than twice its kind's expected interval).
 */
export class SourcesFamily implements TopicFamily {
  private readonly lastState = new Map<string, SourceState>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly modules: ModuleRegistry,
    private readonly sources: SourceRegistry,
    private readonly hub: TopicHub,
  ) {}

  accepts(topic: string): boolean {
    const scope = topic.slice(PREFIX.length);
    return topic.startsWith(PREFIX) && (scope === ALL || this.modules.sector(scope) !== undefined);
  }

  stateOf(s: SourceRecord, now = Date.now()): SourceState {
    if (s.online === false) return 'offline';
    const interval = this.modules.sourceKind(s.sector, s.kind)?.expectedIntervalS ?? 60;
    if (s.lastSeen && now - Date.parse(s.lastSeen) <= 2 * interval * 1000) return 'online';
    if (s.lastSeen) return 'stale';
    return s.online === true ? 'online' : 'unknown';
  }

  private entry(s: SourceRecord, now: number): SourceStatusEntry {
    return { sourceId: s.id, state: this.stateOf(s, now), lastSeen: s.lastSeen };
  }

  snapshot(topic: string): SourceStatusSnapshot {
    const scope = topic.slice(PREFIX.length);
    const now = Date.now();
    return { sources: this.sources.list(scope === ALL ? undefined : { sector: scope }).map((s) => this.entry(s, now)) };
  }

  /** Re-evaluates every source and publishes the ones whose state changed. */
  refresh(): void {
    const now = Date.now();
    const changed: SourceStatusEntry[] = [];
    const bySector = new Map<string, SourceStatusEntry[]>();
    for (const s of this.sources.list()) {
      const e = this.entry(s, now);
      if (this.lastState.get(s.id) === e.state) continue;
      this.lastState.set(s.id, e.state);
      changed.push(e);
      let list = bySector.get(s.sector);
      if (!list) bySector.set(s.sector, (list = []));
      list.push(e);
    }
    if (!changed.length) return;
    this.hub.update<SourceStatusDelta>(PREFIX + ALL, { sources: changed }, mergeStatus);
    for (const [sector, list] of bySector) this.hub.update<SourceStatusDelta>(PREFIX + sector, { sources: list }, mergeStatus);
  }

  start(intervalMs = 2000): void {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
