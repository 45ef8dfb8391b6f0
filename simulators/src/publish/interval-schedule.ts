import { hashSeed } from '../random/seeded-random.js';

/**
 * Spreads sources evenly over a publish interval: each source gets a fixed offset from a hash of
 * its id, so a few hundred sources do not all publish in the same millisecond every 5 s.
 */
export class IntervalSchedule {
  private readonly nextDue: number[];

  constructor(
    private readonly ids: readonly string[],
    private readonly intervalMs: number,
    startMs: number,
  ) {
    this.nextDue = ids.map((id) => startMs + ((hashSeed('phase', id) % 10_000) / 10_000) * intervalMs);
  }

  /** Indexes of the sources due at `nowMs`; each is then due again one interval later. */
  due(nowMs: number): number[] {
    const out: number[] = [];
    this.nextDue.forEach((at, k) => {
      if (at > nowMs) return;
      out.push(k);
      // After a stall, skip the missed rounds rather than publishing a burst of stale readings.
      let next = at + this.intervalMs;
      while (next <= nowMs) next += this.intervalMs;
      this.nextDue[k] = next;
    });
    return out;
  }

  get size(): number {
    return this.ids.length;
  }
}
