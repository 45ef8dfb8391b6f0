import type { KpiInfo, LocalizedText, ReportTemplate } from '@ioc/sdk';
import type { TitleContext } from '../widgets/widget-types';

/**
 * A KPI's name: from the KPI list when loaded, else from its module's manifest (so a tile has its
 * title before the first /kpis answer). Data-truth KPIs exist only in the list.
 */
export function kpiName(kpiId: string, { kpis, sectors }: TitleContext): LocalizedText | null {
  const info: Pick<KpiInfo, 'name'> | undefined = kpis.get(kpiId);
  if (info) return info.name;
  const [sector, key] = splitId(kpiId);
  return (key && sectors.get(sector)?.kpis?.[key]?.name) || null;
}

/** A report template of a module by its full id (`health.epi_monthly`). */
export function reportTemplate(templateId: string, { sectors }: Pick<TitleContext, 'sectors'>): ReportTemplate | null {
  const [sector, key] = splitId(templateId);
  return (key && sectors.get(sector)?.reports?.[key]) || null;
}

/** `health.epi_monthly` → ['health', 'epi_monthly']. */
export function splitId(id: string): [string, string] {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, ''] : [id.slice(0, dot), id.slice(dot + 1)];
}
