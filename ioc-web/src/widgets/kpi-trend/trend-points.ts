import type { KpiInfo, KpiPeriod, KpiSeriesPoint, KpiValue } from '@ioc/sdk';
import { periodsBackStart, resolveKpiPeriod } from '../../kpi/kpi-period';

/** The calendar periods a KPI is stored for. */
export type KpiCalendarPeriod = Exclude<KpiPeriod, 'realtime'>;

export const DEFAULT_COUNT: Record<KpiPeriod, number> = { realtime: 180, day: 30, month: 12, quarter: 8, year: 5 };

/** What the line shows: stored values of a calendar period, or per-minute values of a stream KPI. */
export type TrendSpec = { kind: 'period'; period: KpiCalendarPeriod; from: Date } | { kind: 'minutes'; from: Date };

/**
 * The series to ask for. `realtime` means per-minute values, which only stream KPIs have; any
 * other KPI asked for realtime shows its nearest calendar period instead.
 */
export function trendSpec(info: Pick<KpiInfo, 'kind' | 'periods'>, wanted: KpiPeriod | null, count: number | null, now: Date): TrendSpec | null {
  if (wanted === 'realtime' && info.kind === 'stream') {
    return { kind: 'minutes', from: new Date(now.getTime() - (count ?? DEFAULT_COUNT.realtime) * 60_000) };
  }
  const calendar = info.periods.filter((p): p is KpiCalendarPeriod => p !== 'realtime');
  const period = resolveKpiPeriod(calendar, wanted === 'realtime' ? 'day' : wanted) as KpiCalendarPeriod | null;
  if (!period) return info.kind === 'stream' ? { kind: 'minutes', from: new Date(now.getTime() - DEFAULT_COUNT.realtime * 60_000) } : null;
  return { kind: 'period', period, from: periodsBackStart(period, now, (count ?? DEFAULT_COUNT[period]) - 1) };
}

export interface TrendPoint {
  /** Period start or minute, ms. */
  at: number;
  value: number | null;
  target: number | null;
}

/**
 * The stored points with the live current value written over (or after) the point of its period,
 * so the line's last point moves with the tiles instead of waiting for the next fetch.
 */
export function withLiveValue(points: KpiSeriesPoint[], live: KpiValue | undefined): TrendPoint[] {
  const out: TrendPoint[] = points.map((p) => ({ at: Date.parse(p.ts), value: p.value, target: p.target ?? null }));
  if (!live || live.period === 'realtime') return out;
  const at = Date.parse(live.periodStart);
  const index = out.findIndex((p) => p.at === at);
  const point = { at, value: live.value, target: live.target };
  if (index >= 0) out[index] = point;
  else if (out.length === 0 || out[out.length - 1]!.at < at) out.push(point);
  return out;
}
