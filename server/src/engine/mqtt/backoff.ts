/**
 * Capped exponential backoff with jitter for reconnecting. The jitter keeps M ingest processes
 * that lost the same broker from all reconnecting in the same millisecond.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minMs = 250,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts since the last reset(). */
  get attempts(): number {
    return this.attempt;
  }

  /** Delay before the next attempt: a random point in [cap/2, cap], cap = min·2ⁿ bounded by max. */
  next(): number {
    const cap = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}
