/**
 * Message ids seen recently, so a redelivered message whose id repeats is ignored. Redelivery
 * after a crash is also caught by the database's unique keys; this catches a device that reuses
 * an id with another timestamp. Bounded by count and age; insertion order = age order.
 */
export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  /** Returns false when the key was already seen within the ttl. */
  add(key: string, now: number): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at <= this.ttlMs) return false;
    if (at !== undefined) this.seen.delete(key);
    this.seen.set(key, now);
    this.evict(now);
    return true;
  }

  private evict(now: number): void {
    for (const [key, at] of this.seen) {
      if (this.seen.size <= this.maxEntries && now - at <= this.ttlMs) break;
      this.seen.delete(key);
    }
  }

  get size(): number {
    return this.seen.size;
  }
}
