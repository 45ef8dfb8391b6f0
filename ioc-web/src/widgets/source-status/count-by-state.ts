import type { SourceState } from '@ioc/sdk';

export type StateCounts = Record<SourceState, number> & { total: number };

export interface SectorCounts {
  sector: string;
  counts: StateCounts;
}

export function emptyCounts(): StateCounts {
  return { online: 0, stale: 0, offline: 0, unknown: 0, total: 0 };
}

/** Counts sources per sector and state, in the order of `sectorOrder`, plus a grand total. */
export function countByState(
  sources: Iterable<{ sector: string; state: SourceState }>,
  sectorOrder: string[],
): { rows: SectorCounts[]; total: StateCounts } {
  const bySector = new Map(sectorOrder.map((sector) => [sector, emptyCounts()]));
  const total = emptyCounts();
  for (const source of sources) {
    const counts = bySector.get(source.sector);
    if (!counts) continue;
    counts[source.state] += 1;
    counts.total += 1;
    total[source.state] += 1;
    total.total += 1;
  }
  return { rows: sectorOrder.map((sector) => ({ sector, counts: bySector.get(sector)! })), total };
}
