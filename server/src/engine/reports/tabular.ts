/**
 * Reading uploaded tables (CSV, XLSX) into rows of cells numbered like a spreadsheet, and
 * writing CSV. Row numbers count from 1 and include the header; columns are letters (A, B, …, AA).
 */
import ExcelJS from 'exceljs';

export type CellValue = string | number | boolean | Date | null;

export interface TableRow {
  /** 1-based spreadsheet row (CSV: record number, so a quoted line break stays in its row). */
  row: number;
  /** Cells by 0-based column index. */
  cells: CellValue[];
}

export type TableFormat = 'csv' | 'xlsx';

export class TableError extends Error {
  constructor(
    message: string,
    readonly row = 0,
  ) {
    super(message);
    this.name = 'TableError';
  }
}

/** Column letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buf: Uint8Array, magic: number[]) => magic.every((b, i) => buf[i] === b);

/**
 * The format of an upload from its name and its first bytes; both must agree. A problem text
 * when they do not, when it is an old binary .xls, or when a CSV is not UTF-8 text.
 */
export function detectFormat(fileName: string, buf: Uint8Array): TableFormat | string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (buf.length === 0) return 'is empty';
  if (ext === 'xls' || startsWith(buf, OLE_MAGIC)) return 'is an old Excel 97–2003 (.xls) workbook; save it as .xlsx or .csv';
  if (ext === 'xlsx') return startsWith(buf, ZIP_MAGIC) ? 'xlsx' : 'is named .xlsx but is not an XLSX workbook (no ZIP signature)';
  if (ext === 'csv' || ext === 'txt') {
    if (startsWith(buf, ZIP_MAGIC)) return 'is named .csv but is a ZIP/XLSX file; name it .xlsx';
    if (buf.includes(0)) return 'is named .csv but is binary, not text';
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      return 'is not UTF-8 text; save the CSV as "CSV UTF-8"';
    }
    return 'csv';
  }
  return `must be a .csv or .xlsx file (got ${ext ? `.${ext}` : 'no extension'})`;
}

/** RFC 4180 CSV: quotes, doubled quotes, line breaks inside quotes, CRLF or LF; a BOM is skipped; `,` or `;` as detected from the first line. */
export function parseCsv(input: string | Uint8Array): TableRow[] {
  let s = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  const firstLine = s.slice(0, s.search(/\r?\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const sep = count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
  const rows: TableRow[] = [];
  let cells: CellValue[] = [];
  let cell = '';
  let quoted = false;
  let startedQuoted = false;
  let record = 1;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    startedQuoted = false;
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== '')) rows.push({ row: record, cells });
    record++;
    cells = [];
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '' && !startedQuoted) {
      quoted = true;
      startedQuoted = true;
    } else if (ch === sep) endCell();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (s[i + 1] !== '\n') endRow();
    } else cell += ch;
  }
  if (quoted) throw new TableError(`a quoted cell starting in row ${record} is never closed`, record);
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** Plain value of an exceljs cell: rich text joined, formula results, hyperlink text. */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

/** The rows of the first worksheet of an XLSX workbook. */
export async function readXlsx(buf: Uint8Array): Promise<TableRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new TableError(`is not a readable XLSX workbook (${(err as Error).message})`);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new TableError('has no worksheet');
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: CellValue[] = [];
    r.eachCell({ includeEmpty: false }, (c, col) => {
      cells[col - 1] = plain(c.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => c !== null && c !== '')) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

export async function readTable(format: TableFormat, buf: Uint8Array): Promise<TableRow[]> {
  return format === 'csv' ? parseCsv(buf) : readXlsx(buf);
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",;\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV in UTF-8 with a BOM (so Excel shows Vietnamese), CRLF line ends. */
export function writeCsv(rows: Array<Array<string | number | null | undefined>>): Buffer {
  return Buffer.from(`\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
}
