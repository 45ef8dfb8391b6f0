import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parsePeriodKey } from '@ioc/sdk';
import type { ReportValues } from '../../api/reports.dto.js';
import { ReportCatalog } from './catalog.js';
import { consolidate } from './consolidate.js';
import { dueAt } from './due.js';
import { buildExportRows, toCsv, toXlsx, type ExportInput, type ExportSubmission } from './export.js';
import { parseCsv } from './tabular.js';
import { fixtureModules, healthFixture, planningFixture, smallTree } from './test-kit.js';

const epi = healthFixture.reports!.epi_monthly!;
const inv = planningFixture.reports!.investment_monthly!;

describe('consolidation', () => {
  it('sums by default, weights averages, averages, and leaves text out', () => {
    const units: ReportValues[] = [
      { target_children: 40, fully_immunised: 38, coverage_pct: 95, note: 'a' },
      { target_children: 10, fully_immunised: 5, coverage_pct: 50 },
      { target_children: 50, fully_immunised: 50 },
    ];
    expect(consolidate(epi, units)).toEqual({ target_children: 100, fully_immunised: 93, coverage_pct: 86, aefi_serious: null, note: null });
    expect(consolidate(inv, [{ fdi_implemented_musd: 0.1, projects_active: 3 }, { fdi_implemented_musd: 0.2, oda_disbursed_bn: 5, projects_active: 4 }])).toEqual({
      fdi_implemented_musd: 0.3,
      oda_disbursed_bn: 5,
      projects_active: 3.5,
    });
    expect(consolidate(epi, [])).toEqual({ target_children: null, fully_immunised: null, coverage_pct: null, aefi_serious: null, note: null });
  });
});

describe('consolidated export along unit → district → province', () => {
  const tree = smallTree();
  const entry = new ReportCatalog(fixtureModules()).get('health.epi_monthly')!;
  const period = parsePeriodKey('2026-10')!;
  const at = new Date('2026-11-03T02:00:00Z');
  const sub = (values: ExportSubmission['values'], over: Partial<ExportSubmission> = {}): ExportSubmission => ({ status: 'submitted', late: false, values, submittedAt: at, submittedBy: 'cán bộ', ...over });
  const input: ExportInput = {
    entry,
    tree,
    root: tree.get('p')!,
    period: '2026-10',
    dueAt: dueAt(epi, period),
    now: new Date('2026-11-22T05:00:00Z'),
    submissions: new Map([
      ['c11', sub({ target_children: 40, fully_immunised: 38, coverage_pct: 95 })],
      ['c12', sub({ target_children: 20, fully_immunised: 10, coverage_pct: 50 }, { late: true })],
      ['c21', sub({ target_children: 99, fully_immunised: 99 }, { status: 'returned' })],
    ]),
  };

  it('gives the province total, then each district subtotal followed by its communes; returned reports do not count', () => {
    const rows = buildExportRows(input);
    expect(rows.map((r) => [r.kind, r.region.id, r.status, r.reported, r.expected, r.overdue, r.values.target_children, r.values.coverage_pct])).toEqual([
      ['total', 'p', null, 2, 3, true, 60, 80],
      ['subtotal', 'd1', null, 2, 2, false, 60, 80],
      ['unit', 'c11', 'submitted', 1, 1, false, 40, 95],
      ['unit', 'c12', 'late', 1, 1, false, 20, 50],
      ['subtotal', 'd2', null, 0, 1, true, null, null],
      ['unit', 'c21', 'returned', 0, 1, true, 99, null],
    ]);
    const district = buildExportRows({ ...input, root: tree.get('d1')! });
    expect(district.map((r) => [r.kind, r.region.id])).toEqual([['total', 'd1'], ['unit', 'c11'], ['unit', 'c12']]);
  });

  it('writes CSV in UTF-8 with a BOM and Vietnamese headers', () => {
    const buf = toCsv(input, buildExportRows(input), 'vi');
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(buf).map((r) => r.cells);
    expect(rows[0]!.slice(0, 9)).toEqual(['Loại dòng', 'Cấp', 'Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Quá hạn', 'Thời điểm nộp', 'Người nộp', 'Số trẻ cần tiêm (trẻ)']);
    expect(rows[1]!.slice(0, 9)).toEqual(['Tổng cộng', 'Tỉnh', 'p', 'Tỉnh P', 'Đã nộp 2/3', '1', '', '', '60']);
    expect(rows[4]!.slice(0, 9)).toEqual(['Đơn vị', 'Xã', 'c12', 'Xã A2', 'Nộp muộn', '', '2026-11-03 09:00', 'cán bộ', '20']);
  });

  it('writes an XLSX that reads back with subtotals, a status column and an info sheet', async () => {
    const buf = await toXlsx(input, buildExportRows(input), 'vi');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Tổng hợp')!;
    expect(ws.getRow(1).getCell(5).value).toBe('Trạng thái');
    expect(ws.getRow(3).values).toEqual(expect.arrayContaining(['Cộng', 'Huyện', 'd1', 'Huyện A', 'Đã nộp 2/2', 60, 48, 80]));
    expect(ws.getRow(7).getCell(5).value).toBe('Bị trả lại');
    expect(ws.getRow(7).getCell(6).value).toBe('Có');
    expect((ws.getRow(4).getCell(7).value as Date).toISOString()).toBe('2026-11-03T09:00:00.000Z'); // Vietnam wall clock
    const info = wb.getWorksheet('Thông tin')!;
    expect(info.getRow(3).values).toEqual([undefined, 'Kỳ báo cáo', '2026-10']);
  });
});
