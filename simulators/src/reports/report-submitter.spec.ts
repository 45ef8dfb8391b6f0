import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parsePeriodKey } from '@ioc/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegionCollection } from '../model/region-index.js';
import { simulatedTemplates, type SimulatedTemplate } from '../model/sector-manifests.js';
import { vietnamTime } from '../telemetry/local-time.js';
import { dueAt, type ReportValues } from './report-values.js';
import { startReportSubmitter, type ReportStats } from './report-submitter.js';

const regions = loadRegionCollection().features;
const templates = simulatedTemplates().filter((t) => ['health.epi_monthly', 'planning.investment_monthly'].includes(t.id));
const byId = new Map<string, SimulatedTemplate>(templates.map((t) => [t.id, t]));
const BATCH = { templateId: 'health.epi_monthly', districtId: 'bp-loc-ninh' };
const batchCommunes = new Set(regions.filter((r) => r.properties.parentId === BATCH.districtId).map((r) => r.properties.id));

interface Stored {
  id: string;
  templateId: string;
  regionId: string;
  period: string;
  status: 'submitted' | 'returned';
  values: ReportValues;
  late: boolean;
  submittedAt: string;
}

/**
 * A stand-in for the server's reporting API: templates, submissions (bounds checked → 422),
 * returns and CSV imports (any bad row rejects the file), with `submittedAt` honoured.
 */
class FakeReportsApi {
  readonly store = new Map<string, Stored>();
  readonly posts: Array<{ templateId: string; body: { regionId: string; period: string; values: ReportValues; submittedAt?: string }; status: number }> = [];
  readonly imports: Array<{ templateId: string; rows: number; state: 'done' | 'rejected'; submittedAt?: string }> = [];
  returns = 0;
  now = 0;
  private server?: http.Server;
  private nextId = 1;

  private problems(t: SimulatedTemplate, values: Record<string, unknown>): string[] {
    const out: string[] = [];
    for (const [key, v] of Object.entries(values)) {
      const f = t.template.fields[key];
      if (!f) out.push(`${key} unknown`);
      else if (typeof v === 'number' && ((f.min !== undefined && v < f.min) || (f.max !== undefined && v > f.max) || (f.type === 'integer' && !Number.isInteger(v)))) out.push(`${key} out of bounds`);
    }
    for (const [key, f] of Object.entries(t.template.fields)) if (f.required && values[key] === undefined) out.push(`${key} required`);
    return out;
  }

  private upsert(t: SimulatedTemplate, regionId: string, period: string, values: ReportValues, at: Date): Stored {
    const key = `${t.id}|${regionId}|${period}`;
    const range = parsePeriodKey(period);
    const existing = this.store.get(key);
    const row: Stored = { id: existing?.id ?? String(this.nextId++), templateId: t.id, regionId, period, status: 'submitted', values, late: !!range && at > dueAt(t.template, range), submittedAt: at.toISOString() };
    this.store.set(key, row);
    return row;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks)).then(([status, body]) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): void {
    this.server?.close();
  }

  private async handle(req: http.IncomingMessage, raw: Buffer): Promise<[number, unknown]> {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.replace(/^\/api\/v1\/reports\/?/, '').split('/').filter(Boolean);
    if (req.method === 'GET' && parts.length === 0) return [200, { items: templates.map((t) => ({ id: t.id })) }];
    if (req.method === 'GET' && parts[0] === 'imports') return [200, { id: parts[1], state: 'done', totalRows: 0, accepted: 0, errors: [] }];
    if (req.method === 'POST' && parts[0] === 'submissions' && parts[2] === 'return') {
      const row = [...this.store.values()].find((s) => s.id === parts[1]);
      if (!row || row.status !== 'submitted') return [409, { detail: 'not submitted' }];
      row.status = 'returned';
      this.returns++;
      return [200, row];
    }
    const t = byId.get(decodeURIComponent(parts[0] ?? ''));
    if (!t) return [404, { detail: 'no template' }];
    if (req.method === 'GET' && parts[1] === 'submissions') return [200, { items: [...this.store.values()].filter((s) => s.templateId === t.id && s.period === url.searchParams.get('period')) }];
    if (req.method === 'POST' && parts[1] === 'submissions') {
      const body = JSON.parse(raw.toString('utf8')) as { regionId: string; period: string; values: ReportValues; submittedAt?: string };
      const at = body.submittedAt ? new Date(body.submittedAt) : new Date(this.now);
      const problems = this.problems(t, body.values);
      if (at.getTime() > this.now + 60_000) problems.push('submittedAt in the future');
      const status = problems.length ? 422 : 201;
      this.posts.push({ templateId: t.id, body, status });
      if (status === 422) return [422, { detail: problems.join('; ') }];
      return [201, this.upsert(t, body.regionId, body.period, body.values, at)];
    }
    if (req.method === 'POST' && parts[1] === 'imports') {
      const form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      const file = form.get('file') as Blob;
      const submittedAt = form.get('submittedAt') as string | null;
      const [header, ...lines] = (await file.text()).trim().split('\r\n');
      const keys = (header ?? '').split(',');
      const rows = lines.map((line) => {
        const cells = line.split(',');
        const values: ReportValues = {};
        keys.slice(2).forEach((k, i) => {
          const c = cells[i + 2];
          if (c !== undefined && c !== '') values[k] = Number(c);
        });
        return { regionId: cells[0] as string, period: cells[1] as string, values };
      });
      const bad = rows.some((r) => this.problems(t, r.values).length > 0);
      this.imports.push({ templateId: t.id, rows: rows.length, state: bad ? 'rejected' : 'done', ...(submittedAt ? { submittedAt } : {}) });
      if (!bad) for (const r of rows) this.upsert(t, r.regionId, r.period, r.values, new Date(this.now));
      return [202, { id: `imp-${this.imports.length}`, state: bad ? 'rejected' : 'done', totalRows: rows.length, accepted: bad ? 0 : rows.length, errors: bad ? [{ row: 2, column: 'C', message: 'out of bounds' }] : [] }];
    }
    return [404, { detail: `no route ${req.method} ${url.pathname}` }];
  }
}

/** Runs a submitter against the fake API until its back-fill is done (and, optionally, one live step later). */
async function run(api: FakeReportsApi, url: string, clock: { now: number }, advanceTo?: number): Promise<ReportStats> {
  const submitter = startReportSubmitter({ apiUrl: url, seed: 1, regions, templates, importBatch: BATCH, now: () => clock.now, tickMs: 20, concurrency: 4 });
  await submitter.backfilled;
  if (advanceTo !== undefined) {
    const before = api.posts.length;
    clock.now = advanceTo;
    api.now = advanceTo;
    for (let k = 0; k < 200 && api.posts.length === before; k++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
  }
  return submitter.stop();
}

describe('the report submitter against the reporting API', () => {
  const api = new FakeReportsApi();
  let url: string;
  const NOW = vietnamTime(2026, 11, 22, 12).getTime();
  const clock = { now: NOW };
  let first: ReportStats;

  beforeAll(async () => {
    url = await api.start();
    api.now = NOW;
    first = await run(api, url, clock);
  }, 60_000);
  afterAll(() => api.stop());

  it('back-fills this year’s periods with historical submittedAt, on time before the due date and late after it', () => {
    expect(first.accepted).toBeGreaterThan(900);
    expect(first.unexpected).toBe(0);
    expect(first.submittedAtHonoured).toBe(true);
    const accepted = api.posts.filter((p) => p.status === 201);
    for (const p of accepted) expect(Date.parse(p.body.submittedAt as string)).toBeLessThanOrEqual(NOW);
    const periods = new Set(accepted.map((p) => p.body.period));
    for (const month of ['2026-01', '2026-06', '2026-10']) expect(periods).toContain(month);
    expect(periods).not.toContain('2026-11');
    const rows = [...api.store.values()];
    const lateShare = rows.filter((r) => r.late).length / rows.length;
    expect(lateShare).toBeGreaterThan(0.05);
    expect(lateShare).toBeLessThan(0.4);
  });

  it('sends deliberately wrong figures that the API refuses (422), and corrects some', () => {
    const refused = api.posts.filter((p) => p.status === 422);
    expect(refused.length).toBeGreaterThan(0);
    expect(first.refused).toBe(refused.length);
    expect(first.corrected).toBeGreaterThan(0);
    expect(first.returned + api.returns).toBeGreaterThan(0);
  });

  it('uploads the chosen district’s commune batch as CSV instead of form by form', () => {
    const done = api.imports.filter((i) => i.state === 'done');
    expect(done.length).toBeGreaterThanOrEqual(9);
    for (const i of api.imports) expect(i.templateId).toBe('health.epi_monthly');
    expect(api.imports.every((i) => i.submittedAt !== undefined)).toBe(true);
    const firstAttempts = api.posts.filter((p) => p.templateId === 'health.epi_monthly' && batchCommunes.has(p.body.regionId));
    // Only follow-ups (corrections after a reviewer's return) go by form for the batch district.
    expect(firstAttempts.length).toBeLessThanOrEqual(first.returned + 5);
    expect([...api.store.values()].filter((r) => r.templateId === 'health.epi_monthly' && batchCommunes.has(r.regionId)).length).toBeGreaterThan(100);
  });

  it('does not send again what the server already has when it restarts', async () => {
    const postsBefore = api.posts.length;
    const again = await run(api, url, clock);
    expect(again.accepted).toBe(0);
    expect(again.importRows).toBe(0);
    expect(again.alreadyThere).toBeGreaterThan(900);
    // Only the refused attempts (which leave no trace) are replayed.
    expect(api.posts.slice(postsBefore).every((p) => p.status === 422)).toBe(true);
  }, 60_000);

  it('keeps submitting while running, as new periods come due', async () => {
    const later = vietnamTime(2026, 12, 12, 12).getTime();
    const postsBefore = api.posts.length;
    await run(api, url, clock, later);
    const november = api.posts.slice(postsBefore).filter((p) => p.body.period === '2026-11' && p.status === 201);
    expect(november.length).toBeGreaterThan(10);
    for (const p of november) expect(Date.parse(p.body.submittedAt as string)).toBeLessThanOrEqual(later);
  }, 60_000);
});
