import type { IncidentClass, IncidentState } from '@ioc/sdk';

/**
 * The three procedures as state machines (REQUIREMENTS §1):
 * - timed: the IOC verifies, forwards to the competent agency, the agency handles, the IOC publishes;
 * - immediate: the IOC activates the procedure and dispatches forces (verification may be skipped);
 * - command: the IOC verifies, then dispatches its own forces or forwards to the command.
 * Any state before `resolved` may be cancelled (a false alarm); a resolved incident may go back
 * to handling when it flares up again.
 */
const FLOWS: Record<IncidentClass, Partial<Record<IncidentState, readonly IncidentState[]>>> = {
  timed: {
    received: ['verifying', 'cancelled'],
    verifying: ['forwarded', 'cancelled'],
    forwarded: ['handling', 'cancelled'],
    handling: ['resolved'],
    resolved: ['published', 'handling'],
  },
  immediate: {
    received: ['verifying', 'dispatched', 'cancelled'],
    verifying: ['dispatched', 'cancelled'],
    dispatched: ['handling', 'cancelled'],
    handling: ['resolved'],
    resolved: ['published', 'handling'],
  },
  command: {
    received: ['verifying', 'cancelled'],
    verifying: ['dispatched', 'forwarded', 'cancelled'],
    dispatched: ['handling', 'cancelled'],
    forwarded: ['handling', 'cancelled'],
    handling: ['resolved'],
    resolved: ['published', 'handling'],
  },
};

export function nextStates(cls: IncidentClass, state: IncidentState): readonly IncidentState[] {
  return FLOWS[cls][state] ?? [];
}

export function canMove(cls: IncidentClass, from: IncidentState, to: IncidentState): boolean {
  return nextStates(cls, from).includes(to);
}

export function isFinal(state: IncidentState): boolean {
  return state === 'published' || state === 'cancelled';
}

/** Every state a class can reach (for documentation and the console). */
export function statesOf(cls: IncidentClass): IncidentState[] {
  const seen = new Set<IncidentState>(['received']);
  for (const [from, tos] of Object.entries(FLOWS[cls])) {
    seen.add(from as IncidentState);
    for (const t of tos ?? []) seen.add(t);
  }
  return [...seen];
}
