import { Redis } from 'ioredis';
import type { ComponentHealth } from '@ioc/sdk';
import { redactUrl } from '../../config/env-fields.js';
import type { Bus, BusHandler } from './bus.js';

/** Redis pub/sub. ioredis reconnects by itself; while Redis is away, publishes are dropped and health says so. */
export class RedisBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler<unknown>>>();
  private lastError?: string;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly location: string,
    /** Channel prefix (`BUS_PREFIX` + ':'): IOCs sharing one Redis stay apart. */
    private readonly prefix: string,
  ) {
    sub.on('message', (channel: string, raw: string) => {
      const set = this.handlers.get(channel.slice(this.prefix.length));
      if (!set) return;
      let msg: unknown;
      try {
        msg = JSON.parse(raw);
      } catch {
        return;
      }
      for (const h of set) h(msg);
    });
    for (const c of [pub, sub]) {
      c.on('error', (err: Error) => {
        this.lastError = err.message;
      });
      c.on('ready', () => {
        this.lastError = undefined;
      });
    }
  }

  static async connect(url: URL, prefix = 'ioc:bus'): Promise<RedisBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false } as const;
    const pub = new Redis(url.toString(), options);
    const sub = new Redis(url.toString(), { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
    pub.on('error', () => undefined);
    sub.on('error', () => undefined);
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (err) {
      pub.disconnect();
      sub.disconnect();
      throw new Error(`REDIS_URL: cannot connect to ${redactUrl(url.toString())}: ${(err as Error).message}`);
    }
    return new RedisBus(pub, sub, redactUrl(url.toString()), `${prefix}:`);
  }

  publish<T>(channel: string, message: T): void {
    this.pub.publish(this.prefix + channel, JSON.stringify(message)).catch((err: Error) => {
      this.lastError = err.message;
    });
  }

  subscribe<T>(channel: string, handler: BusHandler<T>): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      this.handlers.set(channel, (set = new Set()));
      void this.sub.subscribe(this.prefix + channel);
    }
    set.add(handler as BusHandler<unknown>);
    return () => set.delete(handler as BusHandler<unknown>);
  }

  health(): ComponentHealth {
    const ok = this.pub.status === 'ready' && this.sub.status === 'ready';
    return { state: ok ? 'up' : 'degraded', kind: 'redis', location: this.location, detail: ok ? undefined : (this.lastError ?? this.pub.status) };
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
