/** The report service on the embedded database, with a clock the test moves. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir, regionsSeedFile } from '@ioc/db';
import { EmbeddedDatabase } from '../db/embedded-database.js';
import { migrate } from '../db/migrator.js';
import { InProcessBus } from '../bus/in-process-bus.js';
import { seedRegions } from '../registry/region-seed.js';
import { ManualClock } from '../time/clock.js';
import { Logger } from '../logging/logger.js';
import { REPORTS_OVERDUE, ReportError, ReportService, type ReportOverdue } from './report.service.js';
import { fixtureModules } from './test-kit.js';

const EPI = 'health.epi_monthly';
const good = (n = 40) => ({ target_children: n, fully_immunised: n - 2, coverage_pct: 95, aefi_serious: 0, note: 'ok' });

async function rejection(p: Promise<unknown>): Promise<ReportError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ReportError) return err;
    throw err;
  }
  throw new Error('expected a ReportError');
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhập liệu');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('report service (embedded database, manual clock)', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  let service: ReportService;
  const bus = new InProcessBus();
  const overdue: ReportOverdue[] = [];
  // 10:00 on 3 November 2026 in Vietnam: October's report is due by the end of 5 November.
  const clock = new ManualClock('2026-11-03T03:00:00Z');
  let communes: Array<{ id: string; parent_id: string }>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-reports-'));
    // Only the core schema and ours: other migrations are not this engine's concern.
    const mig = path.join(dir, 'migrations');
    fs.mkdirSync(mig);
    for (const f of ['001_core.sql', '005_reports.sql']) fs.copyFileSync(path.join(migrationsDir, f), path.join(mig, f));
    db = await EmbeddedDatabase.open(path.join(dir, 'data'));
    await migrate(db, mig);
    await seedRegions(db, regionsSeedFile);
    communes = await db.query(`SELECT id, parent_id FROM region WHERE level = 'commune' ORDER BY id`);
    service = new ReportService(db, fixtureModules(), bus, { clock, log: new Logger('error'), overdueLookback: 1 });
    bus.subscribe<ReportOverdue>(REPORTS_OVERDUE, (m) => overdue.push(m));
  });
  afterAll(async () => {
    await service?.stop();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the templates of the manifests with their current period and due date', () => {
    const t = service.templates();
    expect(t.map((x) => x.id)).toEqual(['health.epi_monthly', 'planning.investment_monthly']);
    expect(service.template(EPI)).toMatchObject({ sector: 'health', key: 'epi_monthly', level: 'commune', currentPeriod: '2026-11', currentDueAt: '2026-12-05T17:00:00.000Z' });
    expect(() => service.template('health.nope')).toThrow(/no report template/);
  });

  it('refuses a submission for the wrong level, a future period, or bad values, naming each field', async () => {
    const e = await rejection(service.submit(EPI, { regionId: 'bp-dong-xoai', period: '2026-12', values: { target_children: -1, fully_immunised: 3, bogus: 1 }, submittedBy: 'x' }));
    expect(e.code).toBe('invalid');
    expect(e.problems.map((p) => p.field)).toEqual(['regionId', 'period', 'values.target_children', 'values.bogus']);
    expect(e.problems[0]!.problem).toBe('"bp-dong-xoai" is a district; this report is submitted by each commune');
    expect(e.problems[1]!.problem).toMatch(/has not begun/);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM report_submission');
    expect(n).toBe(0);
  });

  it('tracks submitted, late, returned and overdue as the clock passes the due date; publishes each overdue once', async () => {
    const [a, b, c] = communes;
    const s1 = await service.submit(EPI, { regionId: a!.id, period: '2026-10', values: good(), submittedBy: 'Trạm y tế A' });
    expect(s1).toMatchObject({ status: 'submitted', late: false, version: 1, dueAt: '2026-11-05T17:00:00.000Z' });

    // Before the due date: nothing overdue for October; September's district reports (due 10 October) are.
    const early = await service.scanOverdue();
    await Promise.resolve();
    expect(overdue.filter((o) => o.period === '2026-10')).toEqual([]);
    expect(early.filter((o) => o.templateId === 'planning.investment_monthly').map((o) => o.period)).toEqual(Array(11).fill('2026-09'));
    let st = await service.status(EPI, { period: '2026-10' });
    expect(st.total).toMatchObject({ expected: communes.length, submitted: 1, onTime: 1, overdue: 0, notStarted: communes.length - 1 });

    clock.set('2026-11-05T17:00:01Z'); // one second into 6 November in Vietnam
    const s2 = await service.submit(EPI, { regionId: b!.id, period: '2026-10', values: { target_children: 10, fully_immunised: 9 }, submittedBy: 'Trạm y tế B' });
    expect(s2.late).toBe(true);

    const published = await service.scanOverdue();
    await Promise.resolve();
    const oct = published.filter((o) => o.templateId === EPI && o.period === '2026-10');
    expect(oct).toHaveLength(communes.length - 2);
    expect(oct.every((o) => o.status === 'not_started' && o.dueAt === '2026-11-05T17:00:00.000Z')).toBe(true);
    expect(overdue.filter((o) => o.templateId === EPI && o.period === '2026-10')).toHaveLength(communes.length - 2);
    expect(await service.scanOverdue()).toEqual([]); // once

    st = await service.status(EPI, { period: '2026-10' });
    const byId = new Map(st.entries.map((e) => [e.regionId, e]));
    expect(byId.get(a!.id)).toMatchObject({ status: 'submitted', overdue: false, incomplete: false });
    expect(byId.get(b!.id)).toMatchObject({ status: 'late', overdue: false, incomplete: true, missingFields: ['coverage_pct', 'aefi_serious', 'note'] });
    expect(byId.get(c!.id)).toMatchObject({ status: 'not_started', overdue: true, submittedAt: null });
    expect(st.total).toMatchObject({ submitted: 2, onTime: 1, late: 1, overdue: communes.length - 2, incomplete: 1 });
    const district = st.groups.find((g) => g.regionId === a!.parent_id)!;
    const inDistrict = communes.filter((x) => x.parent_id === a!.parent_id).length;
    expect(district.expected).toBe(inDistrict);
    expect(district.submitted + district.overdue).toBe(inDistrict);
    expect(st.groups).toHaveLength(11);

    // Returned after the due date: overdue again (and announced once), until resubmitted.
    const r = await service.returnSubmission(s1.id, { reason: 'Số trẻ tiêm đủ lớn hơn thực tế', returnedBy: 'CDC tỉnh' });
    expect(r).toMatchObject({ status: 'returned', returnedReason: 'Số trẻ tiêm đủ lớn hơn thực tế', returnedBy: 'CDC tỉnh' });
    expect((await rejection(service.returnSubmission(s1.id, { reason: 'again', returnedBy: 'x' }))).code).toBe('conflict');
    expect((await rejection(service.returnSubmission('999999', { reason: 'x', returnedBy: 'x' }))).code).toBe('not-found');
    expect((await service.status(EPI, { period: '2026-10', regionId: a!.parent_id })).entries.find((e) => e.regionId === a!.id)).toMatchObject({ status: 'returned', overdue: true, returnedReason: 'Số trẻ tiêm đủ lớn hơn thực tế' });
    const again = await service.scanOverdue();
    expect(again.filter((o) => o.templateId === EPI)).toEqual([expect.objectContaining({ regionId: a!.id, period: '2026-10', status: 'returned' })]);

    const s3 = await service.submit(EPI, { regionId: a!.id, period: '2026-10', values: good(41), submittedBy: 'Trạm y tế A' });
    expect(s3).toMatchObject({ id: s1.id, status: 'submitted', late: true, version: 2, returnedReason: null, values: good(41) });
    const detail = await service.submission(s1.id);
    expect(detail.history.map((h) => [h.version, h.action, h.actor])).toEqual([
      [1, 'submitted', 'Trạm y tế A'],
      [1, 'returned', 'CDC tỉnh'],
      [2, 'resubmitted', 'Trạm y tế A'],
    ]);
  });

  it('answers "this quarter" of a monthly report with each month begun so far', async () => {
    const st = await service.status(EPI, { period: '2026-Q4' });
    expect(st.periods.map((p) => p.key)).toEqual(['2026-10', '2026-11']);
    expect(st.entries).toHaveLength(communes.length * 2);
    // November is not due yet: nothing of it is overdue.
    expect(st.entries.filter((e) => e.period === '2026-11' && e.overdue)).toEqual([]);
    expect(st.total.overdue).toBe(communes.length - 2);
    expect((await rejection(service.status(EPI, { period: '2026-11-03' }))).problems).toEqual([{ field: 'period', problem: expect.stringMatching(/shorter than the month/) }]);
    expect((await rejection(service.status(EPI, { regionId: 'nowhere' }))).problems[0]!.field).toBe('regionId');
  });

  it('imports an XLSX only when every row is valid: one bad cell rejects the whole file', async () => {
    const ids = communes.slice(10, 14).map((x) => x.id);
    const rows = (bad: boolean) => [
      ['Mã đơn vị', 'Kỳ', 'Số trẻ cần tiêm', 'Số trẻ tiêm đủ', 'Tỷ lệ tiêm đủ (%)'],
      ...ids.map((id, i) => [id, '2026-10', 30 + i, bad && i === 2 ? 'ba mươi' : 28 + i, 90]),
    ];
    const count = async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report_submission WHERE region_id = ANY($1::text[])`, [ids]))[0]!.n;

    const first = await service.startImport(EPI, { name: 'tiem-chung-10.xlsx', data: await xlsx(rows(true)) }, 'Huyện X');
    expect(first).toMatchObject({ state: 'queued', format: 'xlsx', errors: [] });
    await service.idle();
    const rejected = await service.importProgress(first.id);
    expect(rejected).toMatchObject({ state: 'rejected', totalRows: 4, processedRows: 4, accepted: 0 });
    expect(rejected.errors).toEqual([{ row: 4, column: 'D', field: 'fully_immunised', message: 'fully_immunised (Số trẻ tiêm đủ): "ba mươi" is not a whole number' }]);
    expect(await count()).toBe(0);

    const second = await service.startImport(EPI, { name: 'tiem-chung-10.xlsx', data: await xlsx(rows(false)) }, 'Huyện X');
    await service.idle();
    expect(await service.importProgress(second.id)).toMatchObject({ state: 'done', totalRows: 4, processedRows: 4, accepted: 4, errors: [] });
    expect(await count()).toBe(4);
    const subs = await service.submissions(EPI, { period: '2026-10', regionId: communes[10]!.parent_id });
    expect(subs.find((s) => s.regionId === ids[0])).toMatchObject({ submittedBy: 'Huyện X', late: true, values: { target_children: 30, fully_immunised: 28, coverage_pct: 90 } });
    const hist = await service.submission(subs.find((s) => s.regionId === ids[0])!.id);
    expect(hist.history[0]).toMatchObject({ action: 'submitted', importId: second.id });
  });

  it('refuses files that are not CSV/XLSX and answers unknown imports with not-found', async () => {
    const e = await rejection(service.startImport(EPI, { name: 'bao-cao.xlsx', data: Buffer.from('ma_don_vi,ky\n') }, 'x'));
    expect(e.code).toBe('unsupported');
    expect(e.problems[0]!.field).toBe('file');
    expect((await rejection(service.importProgress('nope'))).code).toBe('not-found');
    const csv = await service.startImport(EPI, { name: 'empty.csv', data: Buffer.from('ma_don_vi,ky,target_children,fully_immunised\n') }, 'x');
    await service.idle();
    expect(await service.importProgress(csv.id)).toMatchObject({ state: 'rejected', errors: [{ row: 2, column: 'A', message: 'the file has a header but no data rows' }] });
  });

  it('exports a district-level template with the province total', async () => {
    await service.submit('planning.investment_monthly', { regionId: 'bp-dong-xoai', period: '2026-10', values: { fdi_implemented_musd: 12.5, projects_active: 4 }, submittedBy: 'Phòng TC-KH' });
    await service.submit('planning.investment_monthly', { regionId: 'bp-chon-thanh', period: '2026-10', values: { fdi_implemented_musd: 30, oda_disbursed_bn: 2, projects_active: 6 }, submittedBy: 'Phòng TC-KH' });
    const out = await service.export('planning.investment_monthly', { period: '2026-10', format: 'csv', lang: 'en' });
    expect(out.contentType).toBe('text/csv; charset=utf-8');
    expect(out.fileName).toBe('planning.investment_monthly_2026-10_bp.csv');
    const lines = out.data.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(13); // header, province, 11 districts
    expect(lines[0]).toBe('Row,Level,Region id,Region,Status,Overdue,Submitted at,Submitted by,FDI implemented (USD million),ODA disbursed (VND billion),Projects under way');
    const cells = lines[1]!.split(',');
    // October's investment report is due on 10 November: nobody is overdue yet on 6 November.
    expect([...cells.slice(0, 3), ...cells.slice(4)]).toEqual(['Total', 'Province', 'bp', 'Submitted 2/11', '', '', '', '42.5', '2', '5']);
  });
});
