/**
 * The reporting chain through the real server (embedded path): a real XLSX made here is
 * imported with a deliberate error and rejected whole, then fixed and imported; status shows
 * submitted / late / returned / overdue as the clock passes the due date; the consolidated
 * export parses back with district subtotals. The clock is the runtime's, set by the test.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ioc/server/config';
import { startRuntime, type Runtime } from '@ioc/server/runtime';
import { tempDir, waitFor } from '../support/stack.js';

const EPI = 'health.epi_monthly';

interface StatusBody {
  periods: Array<{ key: string; dueAt: string }>;
  entries: Array<{ regionId: string; parentId: string; period: string; status: string; overdue: boolean; incomplete: boolean; submittedBy: string | null }>;
  groups: Array<{ regionId: string; regionName: string; expected: number; submitted: number; late: number; overdue: number; overdueRegionIds: string[] }>;
  total: { expected: number; submitted: number; onTime: number; late: number; returned: number; overdue: number };
}

interface ImportBody {
  id: string;
  state: string;
  totalRows: number;
  processedRows: number;
  accepted: number;
  errors: Array<{ row: number; column: string; field?: string; message: string }>;
}

describe('reporting chain (REST, embedded)', () => {
  let rt: Runtime;
  // 10:00 on 3 November 2026 in Vietnam; October's immunisation report is due by the end of 5 November.
  let now = new Date('2026-11-03T03:00:00Z').getTime();
  const clock = { now: () => new Date(now) };
  let hasEpi = false;
  let communes: Array<{ id: string; parentId: string; name: string }> = [];
  const overdue: Array<{ templateId: string; regionId: string; period: string; status: string }> = [];
  const url = (p: string) => `${rt.httpUrl}${p}`;
  const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
  const post = (p: string, body: unknown) => fetch(url(p), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const upload = (p: string, name: string, data: Uint8Array, submittedBy = 'TTYT Đồng Xoài', submittedAt?: string) => {
    const form = new FormData();
    form.append('submittedBy', submittedBy);
    if (submittedAt) form.append('submittedAt', submittedAt);
    form.append('file', new Blob([data as Uint8Array<ArrayBuffer>]), name);
    return fetch(url(p), { method: 'POST', body: form });
  };
  const needsEpi = (ctx: { skip: (note?: string) => void }) => {
    if (!hasEpi) ctx.skip(`the loaded manifests have no ${EPI} template yet`);
  };

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('reports'), LOG_LEVEL: 'warn', IOC_ROLES: 'api,worker', AUTH_MODE: 'open' });
    rt = await startRuntime(config, undefined, { clock });
    rt.bus.subscribe<{ templateId: string; regionId: string; period: string; status: string }>('reports.overdue', (m) => overdue.push(m));
    const list = await json<{ items: Array<{ id: string }> }>(await fetch(url('/api/v1/reports')));
    hasEpi = list.items.some((t) => t.id === EPI);
    if (!hasEpi) process.stdout.write(`\n[skipped] reporting chain: the health module manifest has no ${EPI} report template yet; the REST tests of it are skipped.\n`);
    const geo = await json<{ features: Array<{ properties: { id: string; parentId: string; name: string } }> }>(await fetch(url('/api/v1/regions?level=commune')));
    communes = geo.features.map((f) => f.properties);
  });
  afterAll(async () => rt?.close());

  const inDistrict = (d: string) => communes.filter((c) => c.parentId === d);

  async function workbook(rows: unknown[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tiêm chủng');
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  async function finished(id: string): Promise<ImportBody> {
    return waitFor(`import ${id}`, async () => {
      const p = await json<ImportBody>(await fetch(url(`/api/v1/reports/imports/${id}`)));
      return ['done', 'rejected', 'failed'].includes(p.state) ? p : undefined;
    });
  }

  it('lists the templates of the loaded modules', async (ctx) => {
    needsEpi(ctx);
    const one = await json<{ id: string; level: string; period: string; currentPeriod: string; fields: Record<string, unknown> }>(await fetch(url(`/api/v1/reports/${EPI}`)));
    expect(one).toMatchObject({ id: EPI, level: 'commune', period: 'month', currentPeriod: '2026-11' });
    expect(Object.keys(one.fields)).toEqual(expect.arrayContaining(['target_children', 'fully_immunised']));
    const missing = await fetch(url('/api/v1/reports/health.nope'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a bad JSON submission with problem+json naming each field', async (ctx) => {
    needsEpi(ctx);
    const c = communes[0]!;
    const res = await post(`/api/v1/reports/${EPI}/submissions`, { regionId: c.id, period: '2026-10', values: { target_children: 40, fully_immunised: 12.5, vitamin_a: 3 } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await json<{ errors: Array<{ field: string }> }>(res);
    expect(body.errors.map((e) => e.field)).toEqual(['submittedBy']);
    const res2 = await post(`/api/v1/reports/${EPI}/submissions`, { regionId: c.id, period: '2026-12', values: { target_children: 40, fully_immunised: 12.5, vitamin_a: 3 }, submittedBy: 'x' });
    expect(res2.status).toBe(422);
    expect((await json<{ errors: Array<{ field: string }> }>(res2)).errors.map((e) => e.field)).toEqual(['period', 'values.fully_immunised', 'values.vitamin_a']);
  });

  it('rejects a whole XLSX for one bad cell, writing nothing; imports it once fixed', async (ctx) => {
    needsEpi(ctx);
    const units = [...inDistrict('bp-dong-xoai'), ...inDistrict('bp-binh-long')];
    expect(units.length).toBeGreaterThan(5);
    const rows = (bad: boolean) => [
      ['Mã đơn vị', 'Tên đơn vị', 'Kỳ', 'Trẻ dưới 1 tuổi cần tiêm chủng trong tháng', 'Trẻ dưới 1 tuổi được tiêm chủng đầy đủ', 'measles_dose1'],
      ...units.map((u, i) => [u.id, u.name, '10/2026', 40 + i, bad && i === 3 ? 'ba mươi tám' : 38 + i, 30]),
    ];
    const first = await upload(`/api/v1/reports/${EPI}/imports`, 'tiem-chung-thang-10.xlsx', await workbook(rows(true)));
    expect(first.status).toBe(202);
    const rejected = await finished((await json<ImportBody>(first)).id);
    expect(rejected).toMatchObject({ state: 'rejected', totalRows: units.length, processedRows: units.length, accepted: 0 });
    expect(rejected.errors).toEqual([{ row: 5, column: 'E', field: 'fully_immunised', message: expect.stringContaining('"ba mươi tám" is not a whole number') }]);
    const none = await json<{ items: unknown[] }>(await fetch(url(`/api/v1/reports/${EPI}/submissions?period=2026-10`)));
    expect(none.items).toEqual([]);

    const second = await upload(`/api/v1/reports/${EPI}/imports`, 'tiem-chung-thang-10.xlsx', await workbook(rows(false)));
    expect(second.status).toBe(202);
    const done = await finished((await json<ImportBody>(second)).id);
    expect(done).toMatchObject({ state: 'done', accepted: units.length, errors: [] });
    const stored = await json<{ items: Array<{ regionId: string; late: boolean; values: Record<string, number> }> }>(await fetch(url(`/api/v1/reports/${EPI}/submissions?period=2026-10`)));
    expect(stored.items).toHaveLength(units.length);
    expect(stored.items.every((s) => !s.late)).toBe(true);
    expect(stored.items.find((s) => s.regionId === units[0]!.id)!.values).toEqual({ target_children: 40, fully_immunised: 38, measles_dose1: 30 });
  });

  it('refuses uploads that are not CSV/XLSX, and an upload without a file', async (ctx) => {
    needsEpi(ctx);
    const pdf = await upload(`/api/v1/reports/${EPI}/imports`, 'bao-cao.pdf', new TextEncoder().encode('%PDF-1.4'));
    expect(pdf.status).toBe(415);
    expect(await json<{ errors: Array<{ field: string }> }>(pdf)).toMatchObject({ errors: [{ field: 'file' }] });
    const disguised = await upload(`/api/v1/reports/${EPI}/imports`, 'bao-cao.xlsx', new TextEncoder().encode('ma_don_vi,ky\n'));
    expect(disguised.status).toBe(415);
    const form = new FormData();
    form.append('submittedBy', 'x');
    const noFile = await fetch(url(`/api/v1/reports/${EPI}/imports`), { method: 'POST', body: form });
    expect(noFile.status).toBe(422);
    expect(await json<{ errors: Array<{ field: string }> }>(noFile)).toMatchObject({ errors: [{ field: 'file' }] });
    const big = await upload(`/api/v1/reports/${EPI}/imports`, 'lon.csv', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x31));
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    const other = new FormData();
    other.append('upload', new Blob(['x']), 'a.csv');
    const wrongField = await fetch(url(`/api/v1/reports/${EPI}/imports`), { method: 'POST', body: other });
    expect(wrongField.status).toBe(400);
    expect(await json(wrongField)).toMatchObject({ title: 'Invalid upload', errors: [{ field: 'file' }] });
  });

  it('shows submitted, late, returned and overdue as the clock passes the due date; announces overdue once', async (ctx) => {
    needsEpi(ctx);
    now = new Date('2026-11-07T02:00:00Z').getTime(); // 7 November: October is past due
    const pl = inDistrict('bp-phuoc-long');
    const late = await post(`/api/v1/reports/${EPI}/submissions`, { regionId: pl[0]!.id, period: '2026-10', values: { target_children: 20, fully_immunised: 19 }, submittedBy: 'Trạm y tế' });
    expect(late.status).toBe(201);
    const lateBody = await json<{ id: string; late: boolean; version: number }>(late);
    expect(lateBody).toMatchObject({ late: true, version: 1 });

    const st = await json<StatusBody>(await fetch(url(`/api/v1/reports/${EPI}/status?period=2026-10`)));
    const dx = inDistrict('bp-dong-xoai').length + inDistrict('bp-binh-long').length;
    expect(st.total).toMatchObject({ expected: communes.length, submitted: dx + 1, onTime: dx, late: 1, overdue: communes.length - dx - 1 });
    expect(st.groups.find((g) => g.regionId === 'bp-dong-xoai')).toMatchObject({ submitted: inDistrict('bp-dong-xoai').length, overdue: 0 });
    expect(st.groups.find((g) => g.regionId === 'bp-phuoc-long')).toMatchObject({ expected: pl.length, submitted: 1, late: 1, overdue: pl.length - 1 });
    const entry = st.entries.find((e) => e.regionId === pl[1]!.id)!;
    expect(entry).toMatchObject({ status: 'not_started', overdue: true });
    expect(st.entries.find((e) => e.regionId === pl[0]!.id)).toMatchObject({ status: 'late', overdue: false, incomplete: true });

    // The worker role scanned at boot (3 November): September was already overdue everywhere.
    await waitFor('the boot scan', () => overdue.filter((o) => o.templateId === EPI && o.period === '2026-09').length === communes.length);
    // Scans announce each overdue commune of October once.
    await rt.reports!.scanOverdue();
    await waitFor('overdue events', () => overdue.filter((o) => o.templateId === EPI && o.period === '2026-10').length === communes.length - dx - 1);
    await rt.reports!.scanOverdue();
    await new Promise((r) => setTimeout(r, 50));
    expect(overdue.filter((o) => o.templateId === EPI && o.period === '2026-10')).toHaveLength(communes.length - dx - 1);

    // A reviewer returns the late report: it is overdue again until resubmitted.
    const ret = await post(`/api/v1/reports/submissions/${lateBody.id}/return`, { reason: 'Thiếu số liệu sởi', returnedBy: 'CDC Bình Phước' });
    expect(ret.status).toBe(200);
    expect(await json(ret)).toMatchObject({ status: 'returned', returnedReason: 'Thiếu số liệu sởi' });
    expect((await post(`/api/v1/reports/submissions/${lateBody.id}/return`, { reason: 'x', returnedBy: 'y' })).status).toBe(409);
    const after = await json<StatusBody>(await fetch(url(`/api/v1/reports/${EPI}/status?period=2026-10&regionId=bp-phuoc-long`)));
    expect(after.entries.find((e) => e.regionId === pl[0]!.id)).toMatchObject({ status: 'returned', overdue: true });
    expect(after.groups.map((g) => [g.regionId, g.overdue])).toEqual([['bp-phuoc-long', pl.length]]);
    const re = await post(`/api/v1/reports/${EPI}/submissions`, { regionId: pl[0]!.id, period: '2026-10', values: { target_children: 20, fully_immunised: 19, measles_dose1: 18 }, submittedBy: 'Trạm y tế' });
    expect(await json(re)).toMatchObject({ id: lateBody.id, status: 'submitted', late: true, version: 2 });
  });

  it('answers which districts are behind on immunisation this quarter, and who has not reported', async (ctx) => {
    needsEpi(ctx);
    const st = await json<StatusBody>(await fetch(url(`/api/v1/reports/${EPI}/status?period=2026-Q4`)));
    expect(st.periods.map((p) => p.key)).toEqual(['2026-10', '2026-11']);
    const behind = st.groups.filter((g) => g.overdue > 0).map((g) => g.regionId);
    expect(behind).toHaveLength(9);
    expect(behind).not.toContain('bp-dong-xoai');
    expect(behind).not.toContain('bp-binh-long');
    const pl = st.groups.find((g) => g.regionId === 'bp-phuoc-long')!;
    expect(pl.overdueRegionIds).toEqual(expect.arrayContaining(inDistrict('bp-phuoc-long').slice(1).map((c) => c.id)));
    expect(pl.overdueRegionIds).not.toContain(inDistrict('bp-phuoc-long')[0]!.id);
    expect(st.entries.filter((e) => e.period === '2026-11' && e.overdue)).toEqual([]); // November is not due yet
    const bad = await fetch(url(`/api/v1/reports/${EPI}/status?period=2026-11-01`));
    expect(bad.status).toBe(422);
    expect(await json(bad)).toMatchObject({ errors: [{ field: 'period' }] });
  });

  it('exports the consolidated table as XLSX with district subtotals and a province total', async (ctx) => {
    needsEpi(ctx);
    const res = await fetch(url(`/api/v1/reports/${EPI}/export?period=2026-10&format=xlsx`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="health.epi_monthly_2026-10_bp.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Loại dòng', 'Cấp', 'Mã đơn vị', 'Tên đơn vị', 'Trạng thái', 'Quá hạn']);
    const col = (name: RegExp) => header.findIndex((h) => name.test(String(h))) + 1;
    const target = col(/^Trẻ dưới 1 tuổi cần tiêm chủng/);
    expect(target).toBeGreaterThan(8);
    const rows: Array<{ kind: string; id: string; status: string; target: number | null }> = [];
    ws.eachRow((r, n) => {
      if (n > 1) rows.push({ kind: String(r.getCell(1).value), id: String(r.getCell(3).value), status: String(r.getCell(5).value), target: r.getCell(target).value as number | null });
    });
    const dx = inDistrict('bp-dong-xoai');
    const dxTarget = dx.reduce((a, _c, i) => a + 40 + i, 0);
    expect(rows[0]).toMatchObject({ kind: 'Tổng cộng', id: 'bp' });
    expect(rows.find((r) => r.id === 'bp-dong-xoai')).toMatchObject({ kind: 'Cộng', status: `Đã nộp ${dx.length}/${dx.length}`, target: dxTarget });
    expect(rows.find((r) => r.id === 'bp-phuoc-long')).toMatchObject({ kind: 'Cộng', target: 20 });
    expect(rows.find((r) => r.id === 'bp-bu-dop')).toMatchObject({ kind: 'Cộng', status: `Đã nộp 0/${inDistrict('bp-bu-dop').length}`, target: null });
    const subtotals = rows.filter((r) => r.kind === 'Cộng');
    expect(subtotals).toHaveLength(11);
    expect(rows[0]!.target).toBe(subtotals.reduce((a, r) => a + (r.target ?? 0), 0));
    expect(rows.filter((r) => r.kind === 'Đơn vị')).toHaveLength(communes.length);
    expect(rows.find((r) => r.id === inDistrict('bp-phuoc-long')[1]!.id)).toMatchObject({ status: 'Chưa nộp' });
  });

  it('exports CSV in UTF-8 with a BOM', async (ctx) => {
    needsEpi(ctx);
    const res = await fetch(url(`/api/v1/reports/${EPI}/export?period=2026-10&format=csv&regionId=bp-dong-xoai`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('filename="health.epi_monthly_2026-10_bp-dong-xoai.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Loại dòng,Cấp,Mã đơn vị,Tên đơn vị,Trạng thái/);
    expect(lines).toHaveLength(2 + inDistrict('bp-dong-xoai').length);
    expect((await fetch(url(`/api/v1/reports/${EPI}/export?format=pdf`))).status).toBe(422);
  });

  it('back-fills an import at the time the unit submitted: on time before the due date, late after it, never in the future', async (ctx) => {
    needsEpi(ctx);
    const [early, lateOnes] = [inDistrict('bp-bu-dop'), inDistrict('bp-bu-gia-map')];
    const csv = (units: typeof communes) => new TextEncoder().encode(['ma_don_vi,ky,target_children,fully_immunised', ...units.map((u) => `${u.id},09/2026,30,29`)].join('\n'));
    // September is due by the end of 5 October (Vietnam time).
    const onTime = await upload(`/api/v1/reports/${EPI}/imports`, 'thang-9.csv', csv(early), 'TTYT Bù Đốp', '2026-10-04T03:00:00Z');
    expect(onTime.status).toBe(202);
    expect(await finished((await json<ImportBody>(onTime)).id)).toMatchObject({ state: 'done', accepted: early.length });
    const late = await upload(`/api/v1/reports/${EPI}/imports`, 'thang-9.csv', csv(lateOnes), 'TTYT Bù Gia Mập', '2026-10-08T03:00:00Z');
    expect(await finished((await json<ImportBody>(late)).id)).toMatchObject({ state: 'done', accepted: lateOnes.length });
    const stored = await json<{ items: Array<{ regionId: string; late: boolean; submittedAt: string }> }>(await fetch(url(`/api/v1/reports/${EPI}/submissions?period=2026-09`)));
    const of = (units: typeof communes) => stored.items.filter((s) => units.some((u) => u.id === s.regionId));
    expect(of(early).map((s) => [s.late, s.submittedAt])).toEqual(early.map(() => [false, '2026-10-04T03:00:00.000Z']));
    expect(of(lateOnes).every((s) => s.late && s.submittedAt === '2026-10-08T03:00:00.000Z')).toBe(true);

    const future = await upload(`/api/v1/reports/${EPI}/imports`, 'thang-9.csv', csv(early), 'x', new Date(now + 3_600_000).toISOString());
    expect(future.status).toBe(422);
    expect(await json(future)).toMatchObject({ errors: [{ field: 'submittedAt' }] });
    const garbage = await upload(`/api/v1/reports/${EPI}/imports`, 'thang-9.csv', csv(early), 'x', 'hôm qua');
    expect(garbage.status).toBe(422);
    expect(await json(garbage)).toMatchObject({ errors: [{ field: 'submittedAt' }] });
  });
});
