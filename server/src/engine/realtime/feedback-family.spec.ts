import { describe, expect, it } from 'vitest';
import type { Delta, FeedbackDelta, FeedbackRecord } from '@ioc/sdk';
import { ManualClock } from '../time/clock.js';
import { FeedbackFamily } from './feedback-family.js';
import { TopicHub } from './topic-hub.js';

const report = (id: string, state: FeedbackRecord['state'], dueAt: string): FeedbackRecord => ({
  id, code: `PA-2612-${id.padStart(4, '3')}`, category: 'environment', department: 'phong-tnmt', state, regionId: null, receivedAt: '2026-12-01T00:00:00.000Z', dueAt,
  doneAt: state === 'done' ? '2026-12-01T01:00:00.000Z' : null, result: state === 'done' ? 'xong' : null, withinDeadline: null, overdue: false, text: 't', lon: null, lat: null,
  channel: 'app', contact: null, processedAt: null, incidentId: null, photos: [], updatedAt: '2026-12-01T00:00:00.000Z',
});
const delta = (r: FeedbackRecord, kind: string): FeedbackDelta => ({ report: r, event: { reportId: r.id, at: r.updatedAt, kind, actor: 'x', text: null, data: {} } });

describe('feedback topic', () => {
  it('sends every change as its own delta (a coalescing hub does not merge them), keeps the open reports, flags overdue at snapshot time', async () => {
    const sent: Delta[] = [];
    const hub = new TopicHub({ coalesceMs: 60_000, history: 100, emit: (d) => sent.push(d) });
    const clock = new ManualClock('2026-12-01T00:00:00Z');
    let loads = 0;
    const family = new FeedbackFamily(hub, clock, async () => ({ day: '2026-12-01', received: ++loads, processed: 0, inTime: 0, overdue: 0 }));
    hub.register(FeedbackFamily.TOPIC, family);
    await family.warm([report('1', 'received', '2026-12-02T00:00:00.000Z'), report('9', 'done', '2026-12-02T00:00:00.000Z')]);
    expect(hub.snapshot('feedback')!.snapshot).toMatchObject({ open: [{ id: '1', overdue: false }], today: { received: 1 } });

    family.apply(delta({ ...report('2', 'received', '2026-12-01T12:00:00.000Z'), contact: { phone: '0912345678' } }, 'received'));
    family.apply(delta(report('2', 'processing', '2026-12-01T12:00:00.000Z'), 'processing'));
    family.apply(delta(report('1', 'done', '2026-12-02T00:00:00.000Z'), 'done'));
    expect(sent.map((d) => [d.seq, (d.data as FeedbackDelta).event.kind])).toEqual([[1, 'received'], [2, 'processing'], [3, 'done']]);
    expect(JSON.stringify(sent)).not.toContain('0912345678');
    await family.refreshToday();
    clock.set('2026-12-01T13:00:00Z');
    const snap = hub.snapshot('feedback')!;
    expect(snap.seq).toBe(3);
    expect(snap.snapshot).toMatchObject({ open: [{ id: '2', state: 'processing', overdue: true }] });
    // Three changes during one read made one more read, not three.
    expect(loads).toBeLessThanOrEqual(3);
    expect(hub.exists('feedback:all')).toBe(false);
    hub.close();
  });
});
