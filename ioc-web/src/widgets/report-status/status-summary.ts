import type { KpiPeriod, RegionLevel, ReportPeriod } from '@ioc/sdk';
import type { ReportStatusResponse, ReportStatusRow } from '../../api/types';
import { currentPeriodKey } from '../../kpi/kpi-period';
import { levelDepth, type RegionTree } from '../../regions/region-tree';

/** Mutually exclusive shares of the expected reports, in the order the bar draws them. */
export const STATUS_SEGMENTS = ['onTime', 'late', 'returned', 'pending', 'overdue'] as const;
export type StatusSegment = (typeof STATUS_SEGMENTS)[number];
export type SegmentCounts = Record<StatusSegment, number> & { expected: number };

export interface GroupStatus extends SegmentCounts {
  regionId: string;
  name: string;
}

export interface StatusSummary {
  total: SegmentCounts;
  /** Per district (or whatever groups the server made), worst first. */
  groups: GroupStatus[];
  /** Names of the units with an overdue report, worst group first. */
  overdueUnits: string[];
}

/**
 * Overdue cuts across the statuses (a unit not started or returned past its due date), so the
 * bar splits entries into on time, late, returned (still in time), pending and overdue.
 */
export function segmentOf(entry: Pick<ReportStatusRow, 'status' | 'overdue'>): StatusSegment {
  if (entry.status === 'submitted') return 'onTime';
  if (entry.status === 'late') return 'late';
  if (entry.overdue) return 'overdue';
  return entry.status === 'returned' ? 'returned' : 'pending';
}

function emptyCounts(): SegmentCounts {
  return { onTime: 0, late: 0, returned: 0, pending: 0, overdue: 0, expected: 0 };
}

export function summariseStatus(answer: ReportStatusResponse, nameOf: (regionId: string, fallback: string) => string): StatusSummary {
  const total = emptyCounts();
  const byGroup = new Map<string, GroupStatus>();
  for (const group of answer.groups) byGroup.set(group.regionId, { ...emptyCounts(), regionId: group.regionId, name: nameOf(group.regionId, group.regionName) });
  const groupOf = (entry: ReportStatusRow) => (entry.parentId && byGroup.get(entry.parentId)) || byGroup.get(entry.regionId);
  for (const entry of answer.entries) {
    const segment = segmentOf(entry);
    total[segment] += 1;
    total.expected += 1;
    const group = groupOf(entry);
    if (group) {
      group[segment] += 1;
      group.expected += 1;
    }
  }
  const groups = [...byGroup.values()].sort((a, b) => b.overdue - a.overdue || b.pending - a.pending || a.name.localeCompare(b.name, 'vi'));
  const rank = new Map(groups.map((g, i) => [g.regionId, i]));
  const overdue = answer.entries.filter((e) => e.overdue);
  overdue.sort((a, b) => (rank.get(a.parentId ?? '') ?? 0) - (rank.get(b.parentId ?? '') ?? 0));
  // A unit late for several periods is listed once; two communes may share a name, so dedupe by id.
  const overdueUnits = [...new Map(overdue.map((e) => [e.regionId, nameOf(e.regionId, e.regionName)])).values()];
  return { total, groups, overdueUnits };
}

const REPORT_PERIOD_ORDER: Record<ReportPeriod, number> = { day: 0, week: 1, month: 2, quarter: 3, year: 4 };

/**
 * The period the status covers: the page's period when it is at least as long as the template's
 * (this quarter of a monthly report = each month begun in it), else the template's current one.
 */
export function statusPeriod(pagePeriod: KpiPeriod | null, templatePeriod: ReportPeriod, now: Date): string | undefined {
  if (!pagePeriod || pagePeriod === 'realtime') return undefined;
  if (REPORT_PERIOD_ORDER[pagePeriod] < REPORT_PERIOD_ORDER[templatePeriod]) return undefined;
  return currentPeriodKey(pagePeriod, now) ?? undefined;
}

/** The region to ask about: the page's, or its ancestor at the template's level when the page is below it. */
export function statusRegion(tree: RegionTree | null, regionId: string | null, templateLevel: RegionLevel): string | null {
  const node = tree?.get(regionId);
  if (!tree || !node) return regionId;
  if (levelDepth(node.level) <= levelDepth(templateLevel)) return node.id;
  return tree.ancestorAt(node.id, templateLevel)?.id ?? node.id;
}
