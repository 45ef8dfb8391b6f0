import type { KpiDirection } from '@ioc/sdk';
import { kpiTrend, type KpiState, type KpiTrend } from '../../kpi/kpi-format';

export interface RankInput {
  regionId: string;
  name: string;
  value: number | null;
  attainmentPct: number | null;
  state: KpiState;
}

export interface RankedRow extends RankInput {
  value: number;
  /** 1 = best by the KPI's direction (highest for "higher", lowest for "lower"). */
  rank: number;
  trend: KpiTrend | null;
}

export type RankingShow = 'top' | 'bottom' | 'both';

/**
 * Areas ranked by a KPI, best first, with the trend against the previous period's value of each
 * area. Areas without a value are left out (they have no place in a ranking). `show` picks the
 * best `count`, the worst `count`, or both halves; `gap` marks where the two halves meet.
 */
export function rankRegions(
  rows: readonly RankInput[],
  previous: ReadonlyMap<string, number | null>,
  direction: KpiDirection,
  show: RankingShow,
  count: number,
): { rows: RankedRow[]; gapAfter: number | null; total: number } {
  const valued = rows.filter((r): r is RankInput & { value: number } => r.value !== null && Number.isFinite(r.value));
  const sign = direction === 'lower' ? 1 : -1;
  valued.sort((a, b) => sign * (a.value - b.value) || a.name.localeCompare(b.name, 'vi'));
  const ranked: RankedRow[] = valued.map((r, i) => ({ ...r, rank: i + 1, trend: kpiTrend(r.value, previous.get(r.regionId) ?? null, direction) }));
  const n = Math.max(0, Math.floor(count));
  if (ranked.length <= n) return { rows: ranked, gapAfter: null, total: ranked.length };
  if (show === 'top') return { rows: ranked.slice(0, n), gapAfter: null, total: ranked.length };
  if (show === 'bottom') return { rows: ranked.slice(ranked.length - n), gapAfter: null, total: ranked.length };
  const head = Math.ceil(n / 2);
  return { rows: [...ranked.slice(0, head), ...ranked.slice(ranked.length - (n - head))], gapAfter: head, total: ranked.length };
}
