import { describe, expect, it } from 'vitest';
import { deadlineFlags, dueAt, localDay } from './deadline.js';
import { canMoveFeedback, nextFeedbackStates } from './lifecycle.js';
import { CODE_ALPHABET, CODE_PATTERN, normalizeCode, trackingCode } from './tracking-code.js';

describe('tracking codes', () => {
  it('read PA-YYMM-XXXX in Vietnam time, from an alphabet without look-alikes', () => {
    // 2026-11-30 18:00 UTC is already 1 December in Vietnam.
    const code = trackingCode(new Date('2026-11-30T18:00:00Z'), () => 0);
    expect(code).toBe(`PA-2612-${CODE_ALPHABET[0]!.repeat(4)}`);
    for (let i = 0; i < 200; i++) expect(trackingCode(new Date())).toMatch(CODE_PATTERN);
    expect(CODE_ALPHABET).not.toMatch(/[01IOLSZUV25]/);
  });

  it('are read back whatever the case and spaces', () => {
    expect(normalizeCode(' pa-2612-7kq4 ')).toBe('PA-2612-7KQ4');
  });
});

describe('deadlines', () => {
  const received = new Date('2026-12-01T02:00:00Z');
  const due = dueAt(received, 24);

  it('fall the category hours after receipt', () => {
    expect(due.toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it('flag open reports overdue once the clock passes, done ones by when they were done', () => {
    expect(deadlineFlags({ state: 'received', dueAt: due, doneAt: null }, new Date('2026-12-02T01:59:59Z'))).toEqual({ withinDeadline: null, overdue: false });
    expect(deadlineFlags({ state: 'processing', dueAt: due, doneAt: null }, new Date('2026-12-02T02:00:01Z'))).toEqual({ withinDeadline: null, overdue: true });
    expect(deadlineFlags({ state: 'done', dueAt: due, doneAt: due }, new Date('2027-01-01T00:00:00Z'))).toEqual({ withinDeadline: true, overdue: false });
    expect(deadlineFlags({ state: 'done', dueAt: due, doneAt: new Date(due.getTime() + 1) }, due)).toEqual({ withinDeadline: false, overdue: true });
  });

  it('count days in Asia/Ho_Chi_Minh', () => {
    expect(localDay(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(localDay(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
});

describe('states', () => {
  it('go received → processing → done (or straight to done), never back', () => {
    expect(nextFeedbackStates('received')).toEqual(['processing', 'done']);
    expect(canMoveFeedback('processing', 'done')).toBe(true);
    expect(canMoveFeedback('processing', 'received')).toBe(false);
    expect(nextFeedbackStates('done')).toEqual([]);
  });
});
