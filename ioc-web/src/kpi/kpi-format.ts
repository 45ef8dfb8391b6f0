import type { KpiDirection, KpiInfo, KpiStatus, KpiValue } from '@ioc/sdk';
import { formatReading } from '../format/format';
import type { MessageKey } from '../i18n';

export type KpiState = KpiStatus['state'];

/** State colours on the dark wall: green met, teal on track, amber at risk, red missed, grey otherwise. */
export const KPI_STATE_COLORS: Record<KpiState, string> = {
  met: '#4ade80',
  'on-track': '#2dd4bf',
  'at-risk': '#fbbf24',
  missed: '#f87171',
  'no-target': '#94a3b8',
  'no-data': '#64748b',
};

export const KPI_STATE_LABELS: Record<KpiState, MessageKey> = {
  met: 'kpi.state.met',
  'on-track': 'kpi.state.onTrack',
  'at-risk': 'kpi.state.atRisk',
  missed: 'kpi.state.missed',
  'no-target': 'kpi.state.noTarget',
  'no-data': 'kpi.state.noData',
};

/** Worst first, as the breakdown sorts: what needs attention leads. */
export const KPI_STATE_ORDER: readonly KpiState[] = ['missed', 'at-risk', 'on-track', 'met', 'no-target', 'no-data'];

/** A KPI value with the decimals its manifest declares (default 0), in the UI locale. */
export function formatKpiNumber(value: number, decimals: number | undefined, locale: string): string {
  return formatReading(value, locale, decimals ?? 0);
}

/** Attainment as shown beside the target: one decimal under 1000 %, none above (a runaway ratio). */
export function formatPercent(pct: number, locale: string): string {
  return `${formatReading(pct, locale, Math.abs(pct) >= 1000 ? 0 : 1)}\u00a0%`;
}

/** `≥` when higher is better, `≤` when lower is: how far the target is a floor or a ceiling. */
export function targetComparator(direction: KpiDirection): string {
  return direction === 'higher' ? '≥' : direction === 'lower' ? '≤' : '';
}

/** The value the period will likely end at: accumulating KPIs (cases, money) use the forecast. */
export function isAccumulating(info: Pick<KpiInfo, 'kind' | 'forecast'> & { aggregate?: string; accumulate?: string }): boolean {
  if (info.forecast === 'pace') return true;
  if (info.forecast === 'trend' || info.forecast === 'none') return false;
  if (info.kind === 'stream') return info.aggregate === 'sum' || info.aggregate === 'count';
  if (info.kind === 'submitted') return (info.accumulate ?? 'sum') === 'sum';
  return false;
}

export interface KpiTrend {
  arrow: 'up' | 'down' | 'flat';
  /** Whether the move is good news given the KPI's direction. */
  tone: 'good' | 'bad' | 'neutral';
  /** Change relative to the previous period, percent; null when the previous value was 0. */
  changePct: number | null;
}

/** Moves smaller than this share of the previous value read as flat. */
const FLAT_SHARE = 0.01;

/**
 * The arrow beside a value: this period against the previous one. An accumulating KPI compares
 * its forecast at period end (a month half gone has half the cases), anything else its value.
 */
export function kpiTrend(current: number | null, previous: number | null, direction: KpiDirection): KpiTrend | null {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) return null;
  const delta = current - previous;
  const changePct = previous === 0 ? null : (100 * delta) / Math.abs(previous);
  const flat = previous === 0 ? delta === 0 : Math.abs(delta) <= FLAT_SHARE * Math.abs(previous);
  if (flat) return { arrow: 'flat', tone: 'neutral', changePct };
  const arrow = delta > 0 ? 'up' : 'down';
  const tone = direction === 'none' ? 'neutral' : (arrow === 'up') === (direction === 'higher') ? 'good' : 'bad';
  return { arrow, tone, changePct };
}

export function comparableValue(value: KpiValue, accumulating: boolean): number | null {
  if (value.value === null) return null;
  return accumulating && value.period !== 'realtime' ? (value.forecast ?? value.value) : value.value;
}

/** The engine recomputes realtime and day values every minute (KPI_INTERVAL_S); three missed cycles is a stall. */
const FAST_CYCLE_MISSES_MS = 3 * 60_000;

/**
 * Whether a value may be out of date. The engine republishes a value only when it changes, so a
 * value's own `computedAt` is when it last moved, not whether the engine still runs: a realtime or
 * day value is old when the newest realtime/day value of the page (the engine's heartbeat) is.
 * Longer periods move slowly by nature and are never flagged.
 */
export function isKpiValueStale(value: Pick<KpiValue, 'period'>, heartbeatAt: number | null, now: number): boolean {
  if (value.period !== 'realtime' && value.period !== 'day') return false;
  return heartbeatAt === null || now - heartbeatAt > FAST_CYCLE_MISSES_MS;
}

/** Newest `computedAt` among realtime and day values: when the engine last produced anything fast. */
export function kpiHeartbeat(values: Iterable<KpiValue>): number | null {
  let newest: number | null = null;
  for (const v of values) {
    if (v.period !== 'realtime' && v.period !== 'day') continue;
    const at = Date.parse(v.computedAt);
    if (!Number.isNaN(at) && (newest === null || at > newest)) newest = at;
  }
  return newest;
}
