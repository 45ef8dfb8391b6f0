import type { AlertAction, AlertState, Severity } from '@ioc/sdk';

/**
 * The alert lifecycle: open → acknowledged (with a comment) → assigned → resolved → closed;
 * snooze hides an active alert until a time, re-open brings a resolved or closed one back.
 * `next` says where an action leads from a state, or undefined when it is not allowed there.
 */
const MOVES: Record<AlertAction, { from: readonly AlertState[]; to: AlertState | 'previous' }> = {
  acknowledge: { from: ['open', 'snoozed'], to: 'acknowledged' },
  assign: { from: ['open', 'acknowledged', 'assigned', 'snoozed'], to: 'assigned' },
  snooze: { from: ['open', 'acknowledged', 'assigned'], to: 'snoozed' },
  resolve: { from: ['open', 'acknowledged', 'assigned', 'snoozed'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'open' },
};

export function allowedFrom(action: AlertAction): readonly AlertState[] {
  return MOVES[action].from;
}

export function next(state: AlertState, action: AlertAction): AlertState | undefined {
  const m = MOVES[action];
  if (!m.from.includes(state)) return undefined;
  return m.to === 'previous' ? undefined : m.to;
}

/** Actions possible from a state (for the console's buttons and the 409 message). */
export function actionsFrom(state: AlertState): AlertAction[] {
  return (Object.keys(MOVES) as AlertAction[]).filter((a) => MOVES[a].from.includes(state));
}

/** Whether an alert in this state still needs someone (escalation runs only while it is open). */
export function isActive(state: AlertState): boolean {
  return state === 'open' || state === 'acknowledged' || state === 'assigned' || state === 'snoozed';
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 5, major: 4, minor: 3, warning: 2, info: 1 };
