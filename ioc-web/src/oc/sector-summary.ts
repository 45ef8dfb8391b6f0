import type { DashboardLayout, KpiListResponse, KpiValue } from '@ioc/sdk';
import { KPI_STATE_ORDER, type KpiState } from '../kpi/kpi-format';
import { resolveKpiPeriod } from '../kpi/kpi-period';

export interface SectorSummary {
  sector: string;
  kpiCount: number;
  /** KPIs by the state of their headline value (the period a tile shows by default). */
  states: Record<KpiState, number>;
  /** KPIs missed or at risk, worst first. */
  attention: Array<{ kpiId: string; state: KpiState }>;
}

/** Per sector, how its indicators stand for the province: the overview of the OC index. */
export function summariseSectors(list: KpiListResponse): Map<string, SectorSummary> {
  const out = new Map<string, SectorSummary>();
  for (const kpi of list.kpis) {
    let summary = out.get(kpi.sector);
    if (!summary) {
      summary = { sector: kpi.sector, kpiCount: 0, states: Object.fromEntries(KPI_STATE_ORDER.map((s) => [s, 0])) as Record<KpiState, number>, attention: [] };
      out.set(kpi.sector, summary);
    }
    const value = headlineValue(kpi);
    const state: KpiState = value && value.value !== null ? value.state : 'no-data';
    summary.kpiCount += 1;
    summary.states[state] += 1;
    if (state === 'missed' || state === 'at-risk') summary.attention.push({ kpiId: kpi.id, state });
  }
  for (const summary of out.values()) summary.attention.sort((a, b) => KPI_STATE_ORDER.indexOf(a.state) - KPI_STATE_ORDER.indexOf(b.state));
  return out;
}

/** The KPIs a sector's OC page leads with: those of its first tiles, in layout order. */
export function headlineKpis(layout: DashboardLayout | undefined, count: number): string[] {
  if (!layout) return [];
  const ids = layout.widgets
    .filter((w) => w.widget === 'kpi-tile' && typeof w.options?.kpi === 'string')
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((w) => w.options!.kpi as string);
  return [...new Set(ids)].slice(0, count);
}

/** The value a KPI tile shows by default for the province (its default period), if any. */
export function headlineValue(kpi: KpiListResponse['kpis'][number]): KpiValue | undefined {
  const period = resolveKpiPeriod(kpi.periods, null);
  return kpi.values.find((v) => v.period === period);
}
