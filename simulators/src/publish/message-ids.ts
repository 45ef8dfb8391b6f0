import { randomBytes } from 'node:crypto';

/** A short tag unique to one simulator run, e.g. "mi2x8k3f-4c1a". */
export function newRunTag(): string {
  return `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
}

/**
 * Message ids `{sourceId}:{runTag}:{seq}`. The server drops a repeated id as a redelivery, so
 * ids must not repeat across runs either — hence the run tag rather than a bare counter.
 */
export class MessageIds {
  private readonly sequences = new Map<string, number>();

  constructor(readonly runTag: string = newRunTag()) {}

  next(sourceId: string): string {
    const seq = (this.sequences.get(sourceId) ?? 0) + 1;
    this.sequences.set(sourceId, seq);
    return `${sourceId}:${this.runTag}:${seq}`;
  }
}
