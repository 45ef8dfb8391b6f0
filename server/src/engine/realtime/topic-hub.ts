import type { Delta } from '@ioc/sdk';

/** A family of topics (`latest:*`, `sources:*`) that can tell its current snapshot. */
export interface TopicFamily {
  /** Whether this family serves the topic (e.g. a known sector). */
  accepts(topic: string): boolean;
  snapshot(topic: string): unknown;
}

export interface TopicHubOptions {
  coalesceMs: number;
  history: number;
  emit: (delta: Delta) => void;
}

/** Longest a pending change waits after its window for a fresher one to travel with. */
const GRACE_MS = 250;

/** Merges two pending changes of a coalesced topic into one (latest wins). */
export type Merge<T> = (pending: T, next: T) => T;

class TopicChannel {
  seq = 0;
  readonly history: Delta[] = [];
  pending: unknown;
  hasPending = false;
  lastEmit = 0;
  timer?: NodeJS.Timeout;
  /** The window ended with a change pending; the next change (or the grace timer) sends it. */
  due = false;
}

/**
 * Sequence numbers, coalescing and resume history for every live topic. Coalesced topics emit at
 * most once per `coalesceMs` (latest value wins); others (alerts, incidents) emit every change.
 */
export class TopicHub {
  private readonly channels = new Map<string, TopicChannel>();
  private readonly families: Array<{ prefix: string; family: TopicFamily }> = [];

  constructor(private readonly options: TopicHubOptions) {}

  register(prefix: string, family: TopicFamily): void {
    this.families.push({ prefix, family });
  }

  private family(topic: string): TopicFamily | undefined {
    const f = this.families.find((x) => topic.startsWith(x.prefix));
    return f && f.family.accepts(topic) ? f.family : undefined;
  }

  exists(topic: string): boolean {
    return this.family(topic) !== undefined;
  }

  private channel(topic: string): TopicChannel {
    let c = this.channels.get(topic);
    if (!c) this.channels.set(topic, (c = new TopicChannel()));
    return c;
  }

  seq(topic: string): number {
    return this.channels.get(topic)?.seq ?? 0;
  }

  snapshot(topic: string): { topic: string; seq: number; snapshot: unknown } | undefined {
    const f = this.family(topic);
    if (!f) return undefined;
    return { topic, seq: this.seq(topic), snapshot: f.snapshot(topic) };
  }

  /** Deltas after `seq`, or undefined when they are no longer all in the history. */
  since(topic: string, seq: number): Delta[] | undefined {
    const c = this.channels.get(topic);
    const current = c?.seq ?? 0;
    if (seq === current) return [];
    if (!c || seq > current || seq < 0) return undefined;
    const first = c.history[0]?.seq ?? current + 1;
    if (seq + 1 < first) return undefined;
    return c.history.filter((d) => d.seq > seq);
  }

  /** A change that must reach clients as is (never coalesced away). */
  publish(topic: string, data: unknown): void {
    this.emit(this.channel(topic), topic, data);
  }

  /**
   * A change of a coalesced topic: merged with what is pending, emitted at most once per window.
   * When a window ends, the merged change waits a short grace for the next change and leaves with
   * it, so what reaches the screen is as fresh as the newest commit, not as old as the window.
   */
  update<T>(topic: string, data: T, merge: Merge<T>): void {
    const c = this.channel(topic);
    c.pending = c.hasPending ? merge(c.pending as T, data) : data;
    c.hasPending = true;
    if (c.due) {
      this.flush(c, topic);
      return;
    }
    if (c.timer) return;
    const wait = c.lastEmit + this.options.coalesceMs - Date.now();
    if (wait <= 0) {
      this.flush(c, topic);
      return;
    }
    c.timer = setTimeout(() => {
      c.due = true;
      c.timer = setTimeout(() => this.flush(c, topic), Math.min(GRACE_MS, this.options.coalesceMs));
    }, wait);
  }

  private flush(c: TopicChannel, topic: string): void {
    if (c.timer) clearTimeout(c.timer);
    c.timer = undefined;
    c.due = false;
    if (!c.hasPending) return;
    const data = c.pending;
    c.pending = undefined;
    c.hasPending = false;
    this.emit(c, topic, data);
  }

  private emit(c: TopicChannel, topic: string, data: unknown): void {
    c.seq++;
    c.lastEmit = Date.now();
    const delta: Delta = { topic, seq: c.seq, data };
    c.history.push(delta);
    if (c.history.length > this.options.history) c.history.splice(0, c.history.length - this.options.history);
    this.options.emit(delta);
  }

  close(): void {
    for (const c of this.channels.values()) if (c.timer) clearTimeout(c.timer);
  }
}
