import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkRows, headerKey } from './import-rows.js';
import { columnLetter, detectFormat, parseCsv, readXlsx, TableError, writeCsv } from './tabular.js';
import { healthFixture, smallTree } from './test-kit.js';

const epi = healthFixture.reports!.epi_monthly!;
const now = new Date('2026-11-22T05:00:00Z');
const opts = { template: epi, regions: smallTree(), now, maxRows: 1000 };

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhập');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('reading uploaded tables', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('reduces Vietnamese headers to keys', () => {
    expect(headerKey('Mã đơn vị')).toBe('ma_don_vi');
    expect(headerKey('Kỳ')).toBe('ky');
    expect(headerKey('Số trẻ tiêm đủ (trẻ)')).toBe('so_tre_tiem_du');
    expect(headerKey(' Region ID ')).toBe('region_id');
  });

  it('parses CSV: BOM, quotes, doubled quotes, line breaks in quotes, semicolons, CRLF; rows count like a spreadsheet', () => {
    const rows = parseCsv('\ufeffa;b;c\r\n1;"x;y";"say ""hi"""\r\n\r\n2;"two\nlines";3\n');
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['1', 'x;y', 'say "hi"'] },
      { row: 4, cells: ['2', 'two\nlines', '3'] },
    ]);
    expect(() => parseCsv('a,b\n1,"open')).toThrow(TableError);
    const back = parseCsv(writeCsv([['Tên', 'giá trị'], ['Xã "A", B', 1.5]]));
    expect(back.map((r) => r.cells)).toEqual([['Tên', 'giá trị'], ['Xã "A", B', '1.5']]);
  });

  it('checks the name and the first bytes of an upload', async () => {
    const book = await xlsx([['a']]);
    expect(detectFormat('bao-cao.xlsx', book)).toBe('xlsx');
    expect(detectFormat('bao-cao.csv', Buffer.from('ma_don_vi,ky\n'))).toBe('csv');
    expect(detectFormat('bao-cao.xlsx', Buffer.from('ma_don_vi,ky\n'))).toMatch(/not an XLSX workbook/);
    expect(detectFormat('bao-cao.csv', book)).toMatch(/ZIP\/XLSX/);
    expect(detectFormat('bao-cao.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1]))).toMatch(/\.xls/);
    expect(detectFormat('bao-cao.csv', Buffer.from([0x61, 0xff, 0xfe, 0x62]))).toMatch(/not UTF-8/);
    expect(detectFormat('bao-cao.pdf', Buffer.from('%PDF'))).toMatch(/must be a \.csv or \.xlsx/);
  });
});

describe('checking the rows of an import', () => {
  it('accepts a good CSV with Vietnamese headers and every field', async () => {
    const csv = 'Mã đơn vị,Kỳ,Số trẻ cần tiêm (trẻ),Số trẻ tiêm đủ,coverage_pct,Ghi chú\nc11,2026-10,40,38,"95,0",\nc12,10/2026,20,20,100,đủ\n';
    const r = await checkRows(parseCsv(csv), opts);
    expect(r.errors).toEqual([]);
    expect(r.totalRows).toBe(2);
    expect(r.records).toEqual([
      expect.objectContaining({ row: 2, regionId: 'c11', period: '2026-10', late: true, values: { target_children: 40, fully_immunised: 38, coverage_pct: 95 } }),
      expect.objectContaining({ row: 3, regionId: 'c12', period: '2026-10', values: { target_children: 20, fully_immunised: 20, coverage_pct: 100, note: 'đủ' } }),
    ]);
  });

  it('returns every error of a CSV with its row and column', async () => {
    const csv = [
      'ma_don_vi,ky,target_children,fully_immunised,aefi_serious,vitamin_a',
      'c11,2026-10,40,38,0,',
      'x99,2026-10,40,abc,0,',
      'd1,2026-12,,5,0,',
      'c11,2026-10,41,39,0,',
      'c21,2026-Q4,10,10,101,',
    ].join('\n');
    const r = await checkRows(parseCsv(csv), opts);
    expect(r.records.map((x) => x.row)).toEqual([2]); // the only clean row; the service writes nothing when any row fails
    expect(r.errors.map((e) => `${e.column}${e.row}${e.field ? `:${e.field}` : ''}`)).toEqual([
      'F1', // unknown column vitamin_a
      'A3', // no region x99
      'D3:fully_immunised', // abc
      'A4', // d1 is a district
      'B4', // 2026-12 has not begun
      'C4:target_children', // required
      'A5', // duplicate of row 2
      'B6', // a quarter, not a month
      'E6:aefi_serious', // > 100
    ]);
    expect(r.errors.find((e) => e.row === 5)!.message).toBe('c11 2026-10 is already in row 2');
    expect(r.errors.find((e) => e.row === 1)!.message).toMatch(/unknown column "vitamin_a"/);
  });

  it('stops at the header when the region or period column is missing', async () => {
    const r = await checkRows(parseCsv('region,target_children,fully_immunised\nc11,1,1\n'), opts);
    expect(r.errors).toEqual([{ row: 1, column: 'D', message: 'missing column ky (period)' }]);
  });

  it('reads an XLSX: title row above the header, number and text cells, formulas; errors name row and column', async () => {
    const book = await xlsx([
      ['Báo cáo tiêm chủng tháng 10/2026'],
      ['Mã đơn vị', 'Tên đơn vị', 'Kỳ', 'Số trẻ cần tiêm', 'Số trẻ tiêm đủ', 'Tỷ lệ tiêm đủ (%)'],
      ['c11', 'Xã A1', '2026-10', 40, 38, { formula: 'E3/D3*100', result: 95 }],
      ['c12', 'Xã A2', '2026-10', 20, 21.5, 107],
      ['c21', 'Xã B1', '2026-10', '30', '30', null],
    ]);
    const rows = await readXlsx(book);
    expect(rows[0]!.row).toBe(1);
    const r = await checkRows(rows, opts);
    expect(r.totalRows).toBe(3);
    expect(r.errors).toEqual([
      { row: 4, column: 'E', field: 'fully_immunised', message: 'fully_immunised (Số trẻ tiêm đủ): must be a whole number (got 21.5)' },
      { row: 4, column: 'F', field: 'coverage_pct', message: 'coverage_pct (Tỷ lệ tiêm đủ): must be at most 100 (got 107)' },
    ]);
    expect(r.records.map((x) => [x.row, x.values])).toEqual([
      [3, { target_children: 40, fully_immunised: 38, coverage_pct: 95 }],
      [5, { target_children: 30, fully_immunised: 30 }],
    ]);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readXlsx(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toThrow(/not a readable XLSX workbook/);
  });

  it('reports progress while checking and refuses too many rows', async () => {
    const lines = ['ma_don_vi,ky,target_children,fully_immunised'];
    for (let i = 0; i < 250; i++) lines.push(`c11,2026-${String((i % 10) + 1).padStart(2, '0')},1,1`);
    const seen: number[] = [];
    await checkRows(parseCsv(lines.join('\n')), { ...opts, progressEvery: 100, onProgress: (n) => void seen.push(n) });
    expect(seen).toEqual([100, 200, 250]);
    const r = await checkRows(parseCsv(lines.join('\n')), { ...opts, maxRows: 100 });
    expect(r.errors).toEqual([{ row: 102, column: 'A', message: 'too many rows: at most 100 data rows per file' }]);
  });
});
