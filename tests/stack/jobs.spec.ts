/**
 * The BullMQ job queue on this machine's Redis: two queue instances sharing a key prefix stand
 * for two worker processes. Every job added through either runs exactly once; delays, retries
 * with exponential backoff, cancel and id dedupe behave as the JobQueue contract says. Each run
 * uses its own prefix and removes its keys afterwards.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ioc/server/config';
import { BullMqJobs, openJobs, type JobInfo, type JobQueue } from '../../server/src/engine/jobs/index.js';
import { bullJobId, callerJobId } from '../../server/src/engine/jobs/bullmq-jobs.js';
import { systemClock } from '../../server/src/engine/time/clock.js';
import { runId } from '../support/modes.js';
import { serviceAvailable } from '../support/services.js';
import { waitFor } from '../support/stack.js';

const REDIS = 'redis://127.0.0.1:6379';
const hasRedis = await serviceAvailable('Redis', '127.0.0.1', 6379, 'BullMQ job queue');

describe('job ids BullMQ accepts', () => {
  it('maps any id one-to-one onto an id without ":" that is not an integer', () => {
    for (const id of ['alert:17:step:2', '17', '%3A', 'a%b:c', 'delivery-5', '']) {
      const b = bullJobId(id);
      expect(b).not.toContain(':');
      expect(`${parseInt(b, 10)}`).not.toBe(b);
      expect(callerJobId(b)).toBe(id);
    }
    expect(bullJobId('a:b')).not.toBe(bullJobId('a%3Ab'));
  });
});

describe.skipIf(!hasRedis)('BullMQ job queue (Redis)', () => {
  const prefix = `ioc-test:jobs:${runId}`;
  const opened: JobQueue[] = [];
  let admin: Redis;
  let n = 0;
  /** A kind of its own per test, so tests never see each other's jobs. */
  const kind = (name: string) => `${name}.${++n}`;

  async function open(): Promise<BullMqJobs> {
    const q = await BullMqJobs.connect({ url: new URL(REDIS), prefix, concurrency: 4 });
    opened.push(q);
    return q;
  }

  beforeAll(() => {
    admin = new Redis(REDIS);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
  });
  afterAll(async () => {
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
  });

  it('is what openJobs picks when REDIS_URL is set, under JOBS_PREFIX', async () => {
    const q = await openJobs(loadConfig({ REDIS_URL: REDIS, JOBS_PREFIX: prefix }), systemClock);
    opened.push(q);
    expect(q).toBeInstanceOf(BullMqJobs);
    const k = kind('probe');
    await q.add(k, { hello: 'xin chào' }, { delayMs: 60_000 });
    expect(await admin.keys(`${prefix}:${k}:*`)).not.toEqual([]);
    expect(await q.health()).toMatchObject({ state: 'up', kind: 'bullmq', prefix, location: 'redis://127.0.0.1:6379', waiting: 1, queues: { [k]: { delayed: 1 } } });
  });

  it('stops with REDIS_URL named when Redis cannot be reached', async () => {
    await expect(BullMqJobs.connect({ url: new URL('redis://127.0.0.1:1'), prefix })).rejects.toThrow(/^REDIS_URL: cannot connect to redis:\/\/127\.0\.0\.1:1/);
  });

  it('runs each of N jobs exactly once across two workers sharing the prefix', async () => {
    const a = await open();
    const b = await open();
    const k = kind('once');
    const runs = new Map<number, string[]>();
    const handler = (who: string) => async (d: { i: number }) => {
      runs.set(d.i, [...(runs.get(d.i) ?? []), who]);
      await new Promise((r) => setTimeout(r, 5));
    };
    a.process(k, handler('a'));
    b.process(k, handler('b'));
    const N = 200;
    // Added through both instances, half with an id and half without.
    await Promise.all(Array.from({ length: N }, (_, i) => (i % 2 ? a : b).add(k, { i }, i % 4 < 2 ? { jobId: `item:${i}` } : {})));
    await waitFor('every job to run', () => runs.size === N, 30_000, 50);
    // Give a duplicate the chance to show up.
    await new Promise((r) => setTimeout(r, 500));
    const twice = [...runs.entries()].filter(([, w]) => w.length !== 1);
    expect(twice).toEqual([]);
    const byA = [...runs.values()].filter((w) => w[0] === 'a').length;
    expect(byA, 'both workers took jobs').toBeGreaterThan(0);
    expect(byA).toBeLessThan(N);
    expect(a.stats.completed + b.stats.completed).toBe(N);
    const health = await a.health();
    expect(health).toMatchObject({ state: 'up', waiting: 0, queues: { [k]: { waiting: 0, active: 0, delayed: 0, failed: 0 } } });
  });

  it('honours a delay and runAt', async () => {
    const q = await open();
    const k = kind('delay');
    const ranAt = new Map<string, number>();
    q.process<string>(k, async (d) => {
      ranAt.set(d, Date.now());
    });
    const t0 = Date.now();
    await q.add(k, 'delayed', { delayMs: 1200 });
    await q.add(k, 'at', { runAt: new Date(t0 + 600) });
    await q.add(k, 'now', {});
    await waitFor('all three to run', () => ranAt.size === 3, 10_000, 20);
    expect(ranAt.get('now')! - t0).toBeLessThan(500);
    expect(ranAt.get('at')! - t0).toBeGreaterThanOrEqual(600);
    expect(ranAt.get('delayed')! - t0).toBeGreaterThanOrEqual(1200);
    expect(ranAt.get('delayed')! - t0).toBeLessThan(3000);
  });

  it('retries with exponential backoff, then reports the last failure once', async () => {
    const q = await open();
    const k = kind('retry');
    const tries: Array<{ at: number; info: JobInfo }> = [];
    const failures: Array<{ kind: string; data: unknown; info: JobInfo; message: string }> = [];
    q.onFailed((fk, data, info, err) => failures.push({ kind: fk, data, info, message: err.message }));
    q.process(k, async (_d, info) => {
      tries.push({ at: Date.now(), info });
      throw new Error(`lần thử ${info.attempt} thất bại`);
    });
    await q.add(k, { ref: 'alert:17' }, { jobId: 'alert:17:notify', attempts: 4, backoffMs: 200 });
    await waitFor('the last failure', () => failures.length === 1, 15_000, 20);
    expect(tries.map((t) => t.info)).toEqual([1, 2, 3, 4].map((attempt) => ({ id: 'alert:17:notify', kind: k, attempt, attempts: 4 })));
    const gaps = tries.slice(1).map((t, i) => t.at - tries[i]!.at);
    // 200, 400, 800 ms, each at least its backoff and the sequence growing.
    expect(gaps[0]).toBeGreaterThanOrEqual(200);
    expect(gaps[1]).toBeGreaterThanOrEqual(400);
    expect(gaps[2]).toBeGreaterThanOrEqual(800);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    expect(failures).toEqual([{ kind: k, data: { ref: 'alert:17' }, info: { id: 'alert:17:notify', kind: k, attempt: 4, attempts: 4 }, message: 'lần thử 4 thất bại' }]);
    expect(q.stats).toMatchObject({ retried: 3, failed: 1 });
  });

  it('stops retrying once a try succeeds', async () => {
    const q = await open();
    const k = kind('twice');
    let n = 0;
    q.process(k, async () => {
      if (++n < 3) throw new Error('chưa được');
    });
    await q.add(k, null, { attempts: 5, backoffMs: 50 });
    await waitFor('the third try', () => q.stats.completed === 1, 10_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(n).toBe(3);
    expect(q.stats).toMatchObject({ completed: 1, retried: 2, failed: 0 });
  });

  it('cancels a waiting job, from another instance too', async () => {
    const producer = await open();
    const worker = await open();
    const k = kind('cancel');
    const ran: string[] = [];
    worker.process<string>(k, async (d) => {
      ran.push(d);
    });
    await producer.add(k, 'cancelled', { jobId: 'alert:5:escalate', delayMs: 700 });
    await producer.add(k, 'kept', { jobId: 'alert:6:escalate', delayMs: 700 });
    expect(await worker.cancel(k, 'alert:5:escalate')).toBe(true);
    expect(await worker.cancel(k, 'alert:5:escalate')).toBe(false);
    expect(await producer.cancel(k, 'never-added')).toBe(false);
    await waitFor('the kept job', () => ran.length === 1, 10_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual(['kept']);
    // Already run: nothing left to cancel.
    expect(await producer.cancel(k, 'alert:6:escalate')).toBe(false);
  });

  it('keeps one job per id while it waits, and takes the id again once it ran', async () => {
    const a = await open();
    const b = await open();
    const k = kind('dedupe');
    const ran: string[] = [];
    a.process<string>(k, async (d) => {
      ran.push(d);
    });
    expect(await a.add(k, 'first', { jobId: 'alert:9', delayMs: 400 })).toBe('alert:9');
    expect(await b.add(k, 'second', { jobId: 'alert:9', delayMs: 400 })).toBe('alert:9');
    expect(await a.add(k, 'third', { jobId: 'alert:9' })).toBe('alert:9');
    expect(await a.health()).toMatchObject({ queues: { [k]: { delayed: 1 } } });
    await waitFor('the job', () => ran.length === 1, 10_000, 20);
    await new Promise((r) => setTimeout(r, 300));
    expect(ran).toEqual(['first']);
    await b.add(k, 'again', { jobId: 'alert:9' });
    await waitFor('the job scheduled again', () => ran.length === 2, 10_000, 20);
    expect(ran).toEqual(['first', 'again']);
  });

  it('lets a running job finish on close', async () => {
    const q = await open();
    const k = kind('close');
    let started = false;
    let finished = false;
    q.process(k, async () => {
      started = true;
      await new Promise((r) => setTimeout(r, 300));
      finished = true;
    });
    await q.add(k, null);
    await waitFor('the job to start', () => started, 10_000, 10);
    await q.close();
    expect(finished).toBe(true);
    await expect(q.add(k, null)).rejects.toThrow(/closed/);
  });
});
