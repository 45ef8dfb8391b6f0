import type { UnitPosition, UnitsDelta, UnitsSnapshot } from '@ioc/sdk';
import type { DispatchService } from '../dispatch/dispatch.service.js';
import type { IngestCommitted } from '../ingest/ingest.types.js';
import type { TopicFamily, TopicHub } from './topic-hub.js';

type Moved = UnitPosition & { unitId: string };

/** Latest position per unit wins when position deltas are merged. */
function mergePositions(pending: UnitsDelta, next: UnitsDelta): UnitsDelta {
  if (pending.kind !== 'positions' || next.kind !== 'positions') return next;
  const byUnit = new Map<string, Moved>(pending.positions.map((p) => [p.unitId, p]));
  for (const p of next.positions) byUnit.set(p.unitId, p);
  return { kind: 'positions', positions: [...byUnit.values()] };
}

/**
 * `units`: every response unit with its status and newest position, and the active assignments.
 * Status, assignment and message changes are deltas of their own (never coalesced away);
 * positions are coalesced (latest per unit wins), as a wall needs the unit where it is now.
 */
export class UnitsFamily implements TopicFamily {
  static readonly TOPIC = 'units';

  constructor(
    private readonly dispatch: DispatchService,
    private readonly hub: TopicHub,
  ) {}

  accepts(topic: string): boolean {
    return topic === UnitsFamily.TOPIC;
  }

  snapshot(): UnitsSnapshot {
    return { units: this.dispatch.units(), assignments: this.dispatch.activeAssignments() };
  }

  apply(d: UnitsDelta): void {
    this.hub.publish(UnitsFamily.TOPIC, d);
  }

  positions(batch: IngestCommitted): void {
    if (!batch.positions?.length) return;
    const moved = this.dispatch.observePositions(batch.positions);
    if (moved.length) this.hub.update<UnitsDelta>(UnitsFamily.TOPIC, { kind: 'positions', positions: moved }, mergePositions);
  }
}
