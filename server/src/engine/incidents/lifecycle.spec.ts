import { describe, expect, it } from 'vitest';
import { actionsFrom, next } from '../alerts/lifecycle.js';
import { canMove, nextStates, statesOf } from './lifecycle.js';

describe('incident procedures', () => {
  it('timed handling verifies and forwards to the agency; it never dispatches', () => {
    expect(statesOf('timed')).not.toContain('dispatched');
    expect(nextStates('timed', 'received')).toEqual(['verifying', 'cancelled']);
    expect(nextStates('timed', 'verifying')).toEqual(['forwarded', 'cancelled']);
    expect(canMove('timed', 'received', 'handling')).toBe(false);
  });

  it('immediate handling may dispatch at once; command support verifies first and may dispatch or forward', () => {
    expect(canMove('immediate', 'received', 'dispatched')).toBe(true);
    expect(canMove('command', 'received', 'dispatched')).toBe(false);
    expect(nextStates('command', 'verifying')).toEqual(['dispatched', 'forwarded', 'cancelled']);
  });

  it('ends in published or cancelled; a resolved incident may flare up again; nothing is cancelled once resolved', () => {
    for (const cls of ['timed', 'immediate', 'command'] as const) {
      expect(nextStates(cls, 'published')).toEqual([]);
      expect(nextStates(cls, 'cancelled')).toEqual([]);
      expect(nextStates(cls, 'resolved')).toEqual(['published', 'handling']);
      expect(canMove(cls, 'handling', 'cancelled')).toBe(false);
    }
  });
});

describe('alert lifecycle', () => {
  it('open → acknowledged → assigned → resolved → closed, snooze, re-open', () => {
    expect(next('open', 'acknowledge')).toBe('acknowledged');
    expect(next('acknowledged', 'assign')).toBe('assigned');
    expect(next('assigned', 'resolve')).toBe('resolved');
    expect(next('resolved', 'close')).toBe('closed');
    expect(next('closed', 'reopen')).toBe('open');
    expect(next('open', 'close')).toBeUndefined();
    expect(next('closed', 'acknowledge')).toBeUndefined();
    expect(actionsFrom('resolved')).toEqual(['close', 'reopen']);
    expect(actionsFrom('snoozed')).toEqual(['acknowledge', 'assign', 'resolve']);
  });
});
