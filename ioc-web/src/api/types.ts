// The REST shapes live in @ioc/sdk, shared with the server.
import type { LocalizedText, RegionLevel, ReportStatusEntry } from '@ioc/sdk';

export type {
  KpiBreakdownResponse,
  KpiInfo,
  KpiListResponse,
  KpiPeriod,
  KpiReporting,
  KpiSeriesPoint,
  KpiSeriesResponse,
  KpiStatus,
  KpiValue,
  Position,
  RegionCollection,
  RegionFeature,
  RegionGeometry,
  RegionProperties,
  SectorList,
  SeriesPoint,
  SeriesResponse,
  SourceList,
  SourceWithState,
} from '@ioc/sdk';

/*
 * `GET /api/v1/reports/:templateId/status`. The server declares this answer in
 * server/src/api/reports.dto.ts rather than @ioc/sdk, so the web app mirrors the part it reads;
 * it belongs in the SDK's report.ts next to ReportStatusEntry.
 */

/** A status entry with where the region sits. */
export interface ReportStatusRow extends ReportStatusEntry {
  level: RegionLevel;
  parentId: string | null;
  parentName: string | null;
}

/** Counts over the entries of one region (a district over its communes, or the whole root). */
export interface ReportStatusSummary {
  regionId: string;
  regionName: string;
  level: RegionLevel;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  returned: number;
  notStarted: number;
  overdue: number;
  incomplete: number;
  /** Units with at least one overdue period: who has not reported. */
  overdueRegionIds: string[];
}

export interface ReportStatusResponse {
  templateId: string;
  name: LocalizedText;
  period: string;
  periods: Array<{ key: string; dueAt: string }>;
  regionId: string;
  asOf: string;
  entries: ReportStatusRow[];
  groups: ReportStatusSummary[];
  total: ReportStatusSummary;
}
