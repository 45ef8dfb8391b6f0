import type { BreakdownRow } from './breakdown-rows';

export interface PieSlice {
  /** Null for the "others" slice that gathers the small ones. */
  regionId: string | null;
  name: string;
  value: number;
  /** Share of the total, percent. */
  sharePct: number;
  drillable: boolean;
}

/** Colours for the slices, distinct on the dark wall; "others" is grey. */
export const PIE_COLORS = ['#22d3ee', '#a78bfa', '#f472b6', '#fbbf24', '#34d399', '#60a5fa', '#fb923c', '#e879f9', '#a3e635', '#f87171'];
export const OTHERS_COLOR = '#475569';

/**
 * Areas as pie slices, largest first: only positive values have a share; past `maxSlices` the
 * smallest are gathered into one "others" slice so every label stays readable.
 */
export function pieSlices(rows: readonly BreakdownRow[], maxSlices: number, othersName: string): PieSlice[] {
  const positive = rows.filter((r): r is BreakdownRow & { value: number } => r.value !== null && r.value > 0).sort((a, b) => b.value - a.value);
  const total = positive.reduce((sum, r) => sum + r.value, 0);
  if (total <= 0) return [];
  const slice = (r: BreakdownRow & { value: number }): PieSlice => ({ regionId: r.regionId, name: r.name, value: r.value, sharePct: (100 * r.value) / total, drillable: r.drillable });
  const limit = Math.max(2, Math.floor(maxSlices));
  if (positive.length <= limit) return positive.map(slice);
  const kept = positive.slice(0, limit - 1).map(slice);
  const rest = positive.slice(limit - 1).reduce((sum, r) => sum + r.value, 0);
  return [...kept, { regionId: null, name: othersName, value: rest, sharePct: (100 * rest) / total, drillable: false }];
}
