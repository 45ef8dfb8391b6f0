/**
 * The in-process job queue on a ManualClock: nothing runs before its time, however long the test
 * waits in real time; moving the clock makes it due. Retries back off exponentially on the clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../time/clock.js';
import { InProcessJobs } from './in-process-jobs.js';
import type { JobInfo } from './job-queue.js';

const T0 = '2026-11-20T01:00:00Z';

describe('InProcessJobs on a manual clock', () => {
  let jobs: InProcessJobs | undefined;
  afterEach(async () => jobs?.close());

  function open(): { clock: ManualClock; q: InProcessJobs } {
    const clock = new ManualClock(T0);
    // A long poll so that only runDue() (the test) decides when jobs run.
    jobs = new InProcessJobs({ clock, pollMs: 60_000 });
    return { clock, q: jobs };
  }

  it('runs a delayed job only once the clock reaches its time', async () => {
    const { clock, q } = open();
    const ran: string[] = [];
    q.process<{ n: number }>('tick', async (d, info) => {
      ran.push(`${d.n}@${clock.now().toISOString()}#${info.attempt}`);
    });
    await q.add('tick', { n: 1 }, { delayMs: 5 * 60_000 });
    await q.add('tick', { n: 2 }, { runAt: new Date('2026-11-20T01:02:00Z') });
    await q.runDue();
    expect(ran).toEqual([]);
    clock.advance(2 * 60_000);
    await q.runDue();
    expect(ran).toEqual(['2@2026-11-20T01:02:00.000Z#1']);
    clock.advance(3 * 60_000 - 1);
    await q.runDue();
    expect(ran).toHaveLength(1);
    clock.advance(1);
    await q.runDue();
    expect(ran).toEqual(['2@2026-11-20T01:02:00.000Z#1', '1@2026-11-20T01:05:00.000Z#1']);
    expect(q.size).toBe(0);
  });

  it('runs a job added due now without anyone calling runDue', async () => {
    const { q } = open();
    const done = new Promise<number>((resolve) => q.process<number>('now', async (n) => resolve(n)));
    await q.add('now', 42);
    expect(await done).toBe(42);
  });

  it('retries with exponential backoff on the clock, then reports the last failure once', async () => {
    const { clock, q } = open();
    const tries: Array<{ at: number; info: JobInfo }> = [];
    const failures: Array<{ kind: string; data: unknown; attempt: number; message: string }> = [];
    q.onFailed((kind, data, info, err) => failures.push({ kind, data, attempt: info.attempt, message: err.message }));
    q.process('flaky', async (_d, info) => {
      tries.push({ at: clock.now().getTime(), info });
      throw new Error(`try ${info.attempt} failed`);
    });
    const start = clock.now().getTime();
    await q.add('flaky', { x: 1 }, { jobId: 'alert:17:step:2', attempts: 4, backoffMs: 1000 });
    await q.runDue();
    // Walk the clock a second at a time: tries land exactly 1 s, 2 s, 4 s after the one before.
    for (let s = 0; s < 10; s++) {
      clock.advance(1000);
      await q.runDue();
    }
    expect(tries.map((t) => (t.at - start) / 1000)).toEqual([0, 1, 3, 7]);
    expect(tries.map((t) => t.info)).toEqual([1, 2, 3, 4].map((attempt) => ({ id: 'alert:17:step:2', kind: 'flaky', attempt, attempts: 4 })));
    expect(failures).toEqual([{ kind: 'flaky', data: { x: 1 }, attempt: 4, message: 'try 4 failed' }]);
    expect(q.health()).toMatchObject({ state: 'up', kind: 'in-process', waiting: 0, added: 1, retried: 3, failed: 1, completed: 0 });
  });

  it('stops retrying once a try succeeds', async () => {
    const { clock, q } = open();
    let n = 0;
    q.process('twice', async () => {
      if (++n < 3) throw new Error('not yet');
    });
    await q.add('twice', null, { attempts: 5, backoffMs: 100 });
    for (let i = 0; i < 20; i++) {
      await q.runDue();
      clock.advance(100);
    }
    expect(n).toBe(3);
    expect(q.stats).toMatchObject({ completed: 1, retried: 2, failed: 0 });
  });

  it('keeps one waiting job per id, and can cancel it', async () => {
    const { clock, q } = open();
    const ran: string[] = [];
    q.process<string>('remind', async (d) => {
      ran.push(d);
    });
    const a = await q.add('remind', 'first', { jobId: 'alert:9', delayMs: 1000 });
    const b = await q.add('remind', 'second', { jobId: 'alert:9', delayMs: 1000 });
    expect(a).toBe('alert:9');
    expect(b).toBe('alert:9');
    expect(q.size).toBe(1);
    // The same id under another kind is another job.
    await q.add('other', 'x', { jobId: 'alert:9', delayMs: 1000 });
    expect(q.size).toBe(2);
    expect(await q.cancel('other', 'alert:9')).toBe(true);
    expect(await q.cancel('other', 'alert:9')).toBe(false);
    clock.advance(1000);
    await q.runDue();
    expect(ran).toEqual(['first']);
    // Once it ran, the id can be scheduled again.
    await q.add('remind', 'third', { jobId: 'alert:9' });
    await q.runDue();
    expect(ran).toEqual(['first', 'third']);

    await q.add('remind', 'never', { jobId: 'alert:10', delayMs: 500 });
    expect(await q.cancel('remind', 'alert:10')).toBe(true);
    clock.advance(1000);
    await q.runDue();
    expect(ran).toEqual(['first', 'third']);
  });

  it('leaves jobs of a kind without a handler waiting (another role runs them)', async () => {
    const { q } = open();
    await q.add('unhandled', 1);
    await q.runDue();
    expect(q.size).toBe(1);
    expect(q.health()).toMatchObject({ waiting: 1 });
  });

  it('lets a running job finish on close and runs nothing after', async () => {
    const { clock, q } = open();
    let finished = false;
    let release!: () => void;
    q.process('slow', () => new Promise<void>((r) => (release = () => ((finished = true), r()))));
    q.process('later', async () => {
      throw new Error('must not run after close');
    });
    await q.add('slow', null);
    await q.add('later', null, { delayMs: 10 });
    const run = q.runDue();
    const closing = q.close();
    release();
    await Promise.all([run, closing]);
    expect(finished).toBe(true);
    clock.advance(100);
    await q.runDue();
    expect(q.size).toBe(0);
  });
});
