import { describe, expect, it } from 'vitest';
import { IntervalSchedule } from './interval-schedule.js';

const ids = Array.from({ length: 300 }, (_, k) => `src-${k}`);

describe('IntervalSchedule', () => {
  it('makes every source due exactly once per interval, spread across it', () => {
    const schedule = new IntervalSchedule(ids, 5000, 0);
    const perTick: number[] = [];
    const seen = new Map<number, number>();
    for (let t = 49.9; t < 5000; t += 50) {
      const due = schedule.due(t);
      perTick.push(due.length);
      for (const k of due) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    expect(seen.size).toBe(ids.length);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // 300 sources over 100 ticks: about 3 a tick, never a thundering herd.
    expect(Math.max(...perTick)).toBeLessThan(15);
  });

  it('skips missed rounds after a stall instead of bursting', () => {
    const schedule = new IntervalSchedule(ids, 1000, 0);
    expect(schedule.due(10_000)).toHaveLength(ids.length);
    expect(schedule.due(10_001)).toHaveLength(0);
    expect(schedule.due(11_000)).toHaveLength(ids.length);
  });
});
