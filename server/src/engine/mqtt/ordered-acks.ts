/**
 * Acknowledgements released strictly in arrival order.
 *
 * MQTT 3.1.1 §4.6 wants a receiver to send PUBACKs in the order the PUBLISHes arrived, while the
 * ingest commits batches and calls done() in whatever order they finish. Each message takes a
 * slot; done() marks it, and the longest done prefix is released (its acks sent) at once.
 */
export class OrderedAcks {
  private slots: Slot[] = [];
  private head = 0;
  private abandoned = false;

  constructor(private readonly onReleased: (count: number) => void = () => {}) {}

  /** Slots not yet released (done or not). */
  get pending(): number {
    return this.slots.length - this.head;
  }

  /**
   * Takes the next slot. `release` runs (once) when this slot and every earlier one are done.
   * Returns the slot's done(): idempotent, and a no-op once the queue is abandoned.
   */
  push(release: () => void): () => void {
    const slot: Slot = { done: false, release };
    this.slots.push(slot);
    return () => {
      if (slot.done || this.abandoned) return;
      slot.done = true;
      this.flush();
    };
  }

  /**
   * Forgets every pending slot without releasing it, e.g. when the connection that would carry
   * the acks is gone. Returns how many were dropped; later done() calls do nothing.
   */
  abandon(): number {
    const dropped = this.pending;
    this.abandoned = true;
    this.slots = [];
    this.head = 0;
    return dropped;
  }

  private flush(): void {
    let released = 0;
    while (!this.abandoned && this.head < this.slots.length && this.slots[this.head].done) {
      const slot = this.slots[this.head++];
      released++;
      slot.release();
    }
    if (released === 0) return;
    // Drop the released prefix now and then instead of shifting per message (O(n) each).
    if (this.head === this.slots.length) {
      this.slots = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head);
      this.head = 0;
    }
    this.onReleased(released);
  }
}

interface Slot {
  done: boolean;
  release: () => void;
}
