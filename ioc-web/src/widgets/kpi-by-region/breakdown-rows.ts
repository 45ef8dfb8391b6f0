import type { KpiBreakdownResponse, KpiStatus, RegionLevel } from '@ioc/sdk';
import type { RegionTree } from '../../regions/region-tree';
import { regionLabel } from '../../regions/region-label';

export interface ReportingSummary {
  /** Report templates the KPI is built from (a formula may draw on several). */
  templates: string[];
  /** Reporting units inside the row's region (of the templates' level). */
  units: number;
  /** Units with every due report of every template in. */
  reported: number;
  /** Short names of the units missing a due report; empty when the row is itself the one unit. */
  missing: string[];
}

export interface BreakdownRow {
  regionId: string;
  /** Short name for the row ("Bù Đăng"); the full one for a tooltip. */
  name: string;
  fullName: string;
  value: number | null;
  target: number | null;
  attainmentPct: number | null;
  state: KpiStatus['state'];
  /** A district row opens its communes. */
  drillable: boolean;
  /** Null when the KPI is not built from reports. */
  reporting: ReportingSummary | null;
}

/**
 * Rows of a breakdown answer in the server's order (worst first), named in the UI language, with
 * reporting compliance as "x/y units reported, missing: …" (units are counted in the region tree,
 * the template's level from its manifest).
 */
export function breakdownRows(
  answer: KpiBreakdownResponse,
  tree: RegionTree | null,
  templateLevel: (templateId: string) => RegionLevel | undefined,
  lang: 'vi' | 'en',
): BreakdownRow[] {
  const nameOf = (id: string, fallback = id) => {
    const node = tree?.get(id);
    return node ? node.name[lang] : fallback;
  };
  return answer.items.map((item) => {
    const fullName = nameOf(item.regionId, item.name);
    const node = tree?.get(item.regionId);
    return {
      regionId: item.regionId,
      name: regionLabel(fullName),
      fullName,
      value: item.value?.value ?? null,
      target: item.value?.target ?? null,
      attainmentPct: item.value?.attainmentPct ?? null,
      state: item.value?.state ?? 'no-data',
      drillable: node?.level === 'district' && (tree?.children(node.id).length ?? 0) > 0,
      reporting: reportingOf(item.regionId, item.reporting ?? [], tree, templateLevel, nameOf),
    };
  });
}

/** One line for all templates: a unit counts as reported when none of its due reports is missing. */
function reportingOf(
  regionId: string,
  reporting: NonNullable<KpiBreakdownResponse['items'][number]['reporting']>,
  tree: RegionTree | null,
  templateLevel: (templateId: string) => RegionLevel | undefined,
  nameOf: (id: string) => string,
): ReportingSummary | null {
  if (reporting.length === 0) return null;
  const missingIds = [...new Set(reporting.flatMap((r) => r.missing))];
  const units = Math.max(
    missingIds.length,
    ...reporting.map((r) => {
      const level = templateLevel(r.templateId);
      return level && tree ? tree.descendantsAt(regionId, level).length : 0;
    }),
  );
  const onlyItself = missingIds.length === 1 && missingIds[0] === regionId;
  return {
    templates: reporting.map((r) => r.templateId),
    units,
    reported: units - missingIds.length,
    missing: onlyItself ? [] : missingIds.map((id) => regionLabel(nameOf(id))),
  };
}

/** Bar length in [0, 1] of a value against the row scale (the largest value or target shown). */
export function barShare(value: number | null, scaleMax: number): number {
  if (value === null || !(scaleMax > 0)) return 0;
  return Math.max(0, Math.min(1, value / scaleMax));
}

export function scaleMaxOf(rows: readonly BreakdownRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.value ?? 0, r.target ?? 0), 0);
}

/** "A, B, C +4": as many names as `maxNames`, then how many more. */
export function listNames(names: readonly string[], maxNames: number): { shown: string; more: number } {
  return { shown: names.slice(0, maxNames).join(', '), more: Math.max(0, names.length - maxNames) };
}
