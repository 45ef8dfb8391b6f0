import type { SectorManifest } from '@ioc/sdk';

/** A value is stale once it is older than two of its source kind's expected intervals. */
export const STALE_AFTER_INTERVALS = 2;

export function expectedIntervalS(
  sectors: ReadonlyMap<string, SectorManifest>,
  sector: string,
  kind: string,
): number | null {
  return sectors.get(sector)?.sourceKinds[kind]?.expectedIntervalS ?? null;
}

export function isStale(ts: string, intervalS: number | null, now: number): boolean {
  if (intervalS === null) return false;
  const at = Date.parse(ts);
  if (Number.isNaN(at)) return true;
  return now - at > STALE_AFTER_INTERVALS * intervalS * 1000;
}
