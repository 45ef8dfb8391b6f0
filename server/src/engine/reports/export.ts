/**
 * Consolidated export of one template × period along the chain unit → district → province:
 * the root's total first, then each intermediate region's subtotal followed by its units (the
 * order of Vietnamese statistical tables), as XLSX with Vietnamese headers or CSV (UTF-8 + BOM).
 */
import ExcelJS from 'exceljs';
import { localized, type Language, type RegionLevel, type ReportStatus } from '@ioc/sdk';
import type { ReportValues } from '../../api/reports.dto.js';
import type { TemplateEntry } from './catalog.js';
import { isNumeric } from './catalog.js';
import { consolidate } from './consolidate.js';
import { LEVEL_DEPTH, type RegionNode, type RegionTree } from '../registry/region-tree.js';
import { unitStatus, type StandingSubmission } from './status.js';
import { writeCsv } from './tabular.js';

export type ExportRowKind = 'total' | 'subtotal' | 'unit';

export interface ExportSubmission extends StandingSubmission {
  submittedAt: Date;
  submittedBy: string;
}

export interface ExportRow {
  kind: ExportRowKind;
  region: RegionNode;
  /** Units: their status; totals: null. */
  status: ReportStatus | null;
  overdue: boolean;
  /** Totals: units whose submission counts (submitted or late) and units expected. */
  reported: number;
  expected: number;
  overdueUnits: number;
  submittedAt: Date | null;
  submittedBy: string | null;
  values: Record<string, number | string | null>;
}

export interface ExportInput {
  entry: TemplateEntry;
  tree: RegionTree;
  root: RegionNode;
  period: string;
  dueAt: Date;
  now: Date;
  submissions: Map<string, ExportSubmission>;
}

/** Rows of the consolidated table. */
export function buildExportRows(input: ExportInput): ExportRow[] {
  const { entry, tree, root, dueAt, now, submissions } = input;
  const t = entry.template;
  const unitDepth = LEVEL_DEPTH[t.level];
  const walk = (node: RegionNode): { rows: ExportRow[]; accepted: ReportValues[]; expected: number; overdue: number } => {
    if (node.level === t.level) {
      const sub = submissions.get(node.id);
      const st = unitStatus(t, sub, dueAt, now);
      const counts = st.status === 'submitted' || st.status === 'late';
      const values: Record<string, number | string | null> = {};
      for (const k of Object.keys(t.fields)) values[k] = sub?.values[k] ?? null;
      return {
        rows: [{ kind: 'unit', region: node, status: st.status, overdue: st.overdue, reported: counts ? 1 : 0, expected: 1, overdueUnits: st.overdue ? 1 : 0, submittedAt: sub?.submittedAt ?? null, submittedBy: sub?.submittedBy ?? null, values }],
        accepted: counts && sub ? [sub.values] : [],
        expected: 1,
        overdue: st.overdue ? 1 : 0,
      };
    }
    const parts = tree.children(node.id).filter((c) => LEVEL_DEPTH[c.level] <= unitDepth).map(walk).filter((p) => p.expected > 0);
    const accepted = parts.flatMap((p) => p.accepted);
    const expected = parts.reduce((a, p) => a + p.expected, 0);
    const overdue = parts.reduce((a, p) => a + p.overdue, 0);
    const head: ExportRow = {
      kind: node.id === root.id ? 'total' : 'subtotal',
      region: node,
      status: null,
      overdue: overdue > 0,
      reported: accepted.length,
      expected,
      overdueUnits: overdue,
      submittedAt: null,
      submittedBy: null,
      values: consolidate(t, accepted),
    };
    return { rows: [head, ...parts.flatMap((p) => p.rows)], accepted, expected, overdue };
  };
  return walk(root).rows;
}

const WORDS = {
  vi: {
    kind: { total: 'Tổng cộng', subtotal: 'Cộng', unit: 'Đơn vị' },
    level: { province: 'Tỉnh', district: 'Huyện', commune: 'Xã' },
    status: { not_started: 'Chưa nộp', submitted: 'Đã nộp', late: 'Nộp muộn', returned: 'Bị trả lại' },
    headers: ['Loại dòng', 'Cấp', 'Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Quá hạn', 'Thời điểm nộp', 'Người nộp'],
    yes: 'Có',
    reported: (n: number, of: number) => `Đã nộp ${n}/${of}`,
    sheet: 'Tổng hợp',
    info: 'Thông tin',
    infoRows: ['Báo cáo', 'Mã mẫu', 'Kỳ báo cáo', 'Hạn nộp', 'Địa bàn', 'Thời điểm xuất', 'Đơn vị đã nộp', 'Đơn vị quá hạn'],
  },
  en: {
    kind: { total: 'Total', subtotal: 'Subtotal', unit: 'Unit' },
    level: { province: 'Province', district: 'District', commune: 'Commune' },
    status: { not_started: 'Not started', submitted: 'Submitted', late: 'Late', returned: 'Returned' },
    headers: ['Row', 'Level', 'Region id', 'Region', 'Status', 'Overdue', 'Submitted at', 'Submitted by'],
    yes: 'Yes',
    reported: (n: number, of: number) => `Submitted ${n}/${of}`,
    sheet: 'Consolidated',
    info: 'About',
    infoRows: ['Report', 'Template id', 'Period', 'Due', 'Area', 'Exported at', 'Units submitted', 'Units overdue'],
  },
} as const;

/** `yyyy-mm-dd hh:mm` in Vietnam time. */
function localStamp(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function regionName(r: RegionNode, lang: Language): string {
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

function fieldHeader(entry: TemplateEntry, key: string, lang: Language): string {
  const f = entry.template.fields[key]!;
  const unit = f.unit ? localized(f.unit, lang) : '';
  return unit ? `${f.name[lang]} (${unit})` : f.name[lang];
}

function fixedCells(row: ExportRow, lang: Language): Array<string | null> {
  const w = WORDS[lang];
  return [
    w.kind[row.kind],
    w.level[row.region.level as RegionLevel],
    row.region.id,
    regionName(row.region, lang),
    row.status ? w.status[row.status] : w.reported(row.reported, row.expected),
    row.kind === 'unit' ? (row.overdue ? w.yes : '') : row.overdueUnits ? String(row.overdueUnits) : '',
    row.submittedAt ? localStamp(row.submittedAt) : '',
    row.submittedBy ?? '',
  ];
}

export function toCsv(input: ExportInput, rows: ExportRow[], lang: Language): Buffer {
  const keys = Object.keys(input.entry.template.fields);
  return writeCsv([
    [...WORDS[lang].headers, ...keys.map((k) => fieldHeader(input.entry, k, lang))],
    ...rows.map((r) => [...fixedCells(r, lang), ...keys.map((k) => r.values[k] ?? null)]),
  ]);
}

export async function toXlsx(input: ExportInput, rows: ExportRow[], lang: Language): Promise<Buffer> {
  const { entry } = input;
  const w = WORDS[lang];
  const keys = Object.keys(entry.template.fields);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IOC';
  wb.created = input.now;
  const ws = wb.addWorksheet(w.sheet, { views: [{ state: 'frozen', xSplit: 4, ySplit: 1 }] });
  const header = ws.addRow([...w.headers, ...keys.map((k) => fieldHeader(entry, k, lang))]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  for (const r of rows) {
    const cells = fixedCells(r, lang) as Array<string | number | Date | null>;
    // Excel has no time zones: write the Vietnam wall-clock time.
    cells[6] = r.submittedAt ? new Date(r.submittedAt.getTime() + 7 * 3600_000) : null;
    const xr = ws.addRow([...cells, ...keys.map((k) => r.values[k] ?? null)]);
    if (r.kind !== 'unit') {
      xr.font = { bold: true };
      xr.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: r.kind === 'total' ? 'FFFCE4D6' : 'FFF2F2F2' } };
    } else if (r.overdue) {
      xr.getCell(6).font = { color: { argb: 'FFC00000' }, bold: true };
    }
    xr.getCell(7).numFmt = 'dd/mm/yyyy hh:mm';
  }
  const widths = [11, 8, 28, 26, 16, 9, 17, 20];
  ws.columns.forEach((c, i) => {
    c.width = widths[i] ?? 16;
    if (i >= widths.length && isNumeric(entry.template.fields[keys[i - widths.length]!]!)) c.numFmt = '#,##0.##';
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: w.headers.length + keys.length } };

  const total = rows[0]!;
  const info = wb.addWorksheet(w.info);
  const values = [
    entry.template.name[lang],
    entry.id,
    input.period,
    localStamp(input.dueAt),
    regionName(input.root, lang),
    localStamp(input.now),
    `${total.reported}/${total.expected}`,
    String(total.overdueUnits),
  ];
  w.infoRows.forEach((label, i) => info.addRow([label, values[i]]));
  info.getColumn(1).font = { bold: true };
  info.getColumn(1).width = 18;
  info.getColumn(2).width = 50;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
