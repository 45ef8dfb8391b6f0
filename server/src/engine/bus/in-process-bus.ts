import type { ComponentHealth } from '@ioc/sdk';
import type { Bus, BusHandler } from './bus.js';

export class InProcessBus implements Bus {
  private readonly handlers = new Map<string, Set<BusHandler<unknown>>>();

  publish<T>(channel: string, message: T): void {
    // Delivered on a later tick, like a real broker, so publishers never re-enter subscribers.
    const set = this.handlers.get(channel);
    if (!set) return;
    queueMicrotask(() => {
      for (const h of set) h(message);
    });
  }

  subscribe<T>(channel: string, handler: BusHandler<T>): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler as BusHandler<unknown>);
    return () => set.delete(handler as BusHandler<unknown>);
  }

  health(): ComponentHealth {
    return { state: 'up', kind: 'in-process' };
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
