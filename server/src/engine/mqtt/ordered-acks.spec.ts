import { describe, expect, it } from 'vitest';
import { OrderedAcks } from './ordered-acks.js';

describe('OrderedAcks', () => {
  it('releases the done prefix in arrival order', () => {
    const released: number[] = [];
    const acks = new OrderedAcks();
    const done = [0, 1, 2, 3].map((i) => acks.push(() => released.push(i)));
    done[2]();
    done[1]();
    expect(released).toEqual([]);
    done[0]();
    expect(released).toEqual([0, 1, 2]);
    expect(acks.pending).toBe(1);
    done[3]();
    expect(released).toEqual([0, 1, 2, 3]);
    expect(acks.pending).toBe(0);
  });

  it('done() is idempotent and counts releases', () => {
    let count = 0;
    const acks = new OrderedAcks((n) => (count += n));
    const release: string[] = [];
    const a = acks.push(() => release.push('a'));
    a();
    a();
    expect(release).toEqual(['a']);
    expect(count).toBe(1);
  });

  it('abandon() drops pending slots; later done()s do nothing', () => {
    const released: number[] = [];
    const acks = new OrderedAcks();
    const done = [0, 1, 2].map((i) => acks.push(() => released.push(i)));
    done[0]();
    expect(acks.abandon()).toBe(2);
    done[1]();
    done[2]();
    expect(released).toEqual([0]);
    expect(acks.pending).toBe(0);
  });

  it('stays correct across compaction of a long queue', () => {
    const released: number[] = [];
    const acks = new OrderedAcks();
    const n = 5000;
    const done = Array.from({ length: n }, (_, i) => acks.push(() => released.push(i)));
    // Everything but the last slot, in reverse, then the last.
    for (let i = n - 2; i >= 0; i--) done[i]();
    expect(released.length).toBe(n - 1);
    for (let i = n; i < n + 3000; i++) done.push(acks.push(() => released.push(i)));
    done[n - 1]();
    for (let i = n; i < n + 3000; i++) done[i]();
    expect(released).toEqual(Array.from({ length: n + 3000 }, (_, i) => i));
  });
});
