import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delta } from '@ioc/sdk';
import { TopicHub } from './topic-hub.js';

const merge = (a: number[], b: number[]) => [...a, ...b];

describe('TopicHub', () => {
  afterEach(() => vi.useRealTimers());

  function hub(coalesceMs = 1000, history = 3) {
    const sent: Delta[] = [];
    const h = new TopicHub({ coalesceMs, history, emit: (d) => sent.push(d) });
    h.register('t:', { accepts: (t) => t === 't:a', snapshot: () => ({ s: 1 }) });
    return { h, sent };
  }

  it('emits at most once per window and merges what came in between', () => {
    vi.useFakeTimers();
    const { h, sent } = hub();
    h.update('t:a', [1], merge);
    h.update('t:a', [2], merge);
    h.update('t:a', [3], merge);
    expect(sent).toEqual([{ topic: 't:a', seq: 1, data: [1] }]);
    vi.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    // The window is over: the pending change waits (briefly) for a fresher one and leaves with it.
    expect(sent).toHaveLength(1);
    h.update('t:a', [4], merge);
    expect(sent[1]).toEqual({ topic: 't:a', seq: 2, data: [2, 3, 4] });
  });

  it('sends a pending change after a short grace when nothing fresher comes', () => {
    vi.useFakeTimers();
    const { h, sent } = hub();
    h.update('t:a', [1], merge);
    h.update('t:a', [2], merge);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sent[1]).toEqual({ topic: 't:a', seq: 2, data: [2] });
    // The next window starts at that emission: at most one delta per window.
    h.update('t:a', [3], merge);
    expect(sent).toHaveLength(2);
  });

  it('never coalesces published changes', () => {
    const { h, sent } = hub();
    h.publish('t:a', 'x');
    h.publish('t:a', 'y');
    expect(sent.map((d) => d.seq)).toEqual([1, 2]);
  });

  it('gives the missed deltas for resume, or nothing when they fell out of history', () => {
    const { h } = hub(0, 3);
    for (let i = 0; i < 5; i++) h.publish('t:a', i);
    expect(h.since('t:a', 5)).toEqual([]);
    expect(h.since('t:a', 3)?.map((d) => d.data)).toEqual([3, 4]);
    expect(h.since('t:a', 1)).toBeUndefined();
    expect(h.since('t:a', 9)).toBeUndefined();
  });

  it('knows only the topics its families accept', () => {
    const { h } = hub();
    expect(h.snapshot('t:a')).toEqual({ topic: 't:a', seq: 0, snapshot: { s: 1 } });
    expect(h.snapshot('t:b')).toBeUndefined();
    expect(h.exists('u:a')).toBe(false);
  });
});
