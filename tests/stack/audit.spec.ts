/**
 * The audit trail through the real runtime (embedded defaults, and the production path when the
 * services are here): state-changing requests appear with their status and never their body;
 * writers appending at once make one unbroken chain (also several pools on a real PostgreSQL, as
 * several api processes would); an NDJSON export re-verifies offline; a tampered row (trigger
 * disabled by the DB owner, a detail edited, a row deleted) is named by verifyChain, the API and
 * the built CLI; UPDATE and DELETE are refused by the trigger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuditTrail, verifyChain, verifyRows, toRow, type AuditRow } from '../../server/src/engine/audit/audit-trail.js';
import { ServerDatabase } from '../../server/src/engine/db/server-database.js';
import { splitSqlStatements } from '../../server/src/engine/db/sql-script.js';
import type { Database } from '../../server/src/engine/db/database.js';
import { EMBEDDED, PRODUCTION, runId } from '../support/modes.js';
import { serviceAvailable } from '../support/services.js';
import { repoRoot, startStack, tempDir, waitFor } from '../support/stack.js';

const run = promisify(execFile);
type Stack = Awaited<ReturnType<typeof startStack>>;
const CLI = path.join(repoRoot, 'server/dist/cli/audit-verify.js');

async function cli(env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: Record<string, unknown> }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', ...env }, timeout: 60_000 });
    return { code: 0, out: JSON.parse(r.stdout) as Record<string, unknown> };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, out: JSON.parse(e.stdout || '{}') as Record<string, unknown> };
  }
}

async function writeConcurrently(dbs: Database[], perWriter: number): Promise<void> {
  const trails = dbs.map((db) => new AuditTrail(db, { batch: 25 }));
  await Promise.all(
    trails.flatMap((t, w) => Array.from({ length: perWriter }, (_, i) => t.record({ actor: `writer-${w}`, action: 'test.append', target: `w${w}/${i}`, detail: { w, i, text: 'Bình Phước — ý kiến', nested: { z: 1, a: [1, { b: 2 }] } } }))),
  );
  await Promise.all(trails.map((t) => t.close()));
}

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`audit trail: ${mode.name}`, () => {
    let stack: Stack | undefined;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    const url = (p: string) => `${stack!.httpUrl}${p}`;
    const get = async <T>(p: string) => (await (await fetch(url(p))).json()) as T;

    beforeAll(async () => {
      env = await mode.setup('audit');
      if (!env) return;
      stack = await startStack({ ...env.env }, {});
    }, 120_000);
    afterAll(async () => {
      await stack?.close();
      await env?.teardown();
    });

    it('records state-changing requests after they complete, failed ones too, never the body', async (ctx) => {
      if (!stack) return ctx.skip();
      const bad = await fetch(url('/api/v1/grants'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sector: 'health', password: 's3cret-never-logged' }) });
      expect(bad.status).toBe(422);
      const ok = await fetch(url('/api/v1/grants'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sector: 'health', grantee: { role: 'operator' }, permissions: ['report:read'], durationMin: 30, reason: 'flood response s3cret-never-logged' }) });
      expect(ok.status).toBe(201);
      const grant = (await ok.json()) as { id: string };
      const rows = await waitFor('the audit rows of both requests', async () => {
        const r = await get<{ items: AuditRow[] }>('/api/v1/audit?action=http.*&limit=50');
        return r.items.filter((x) => x.target === '/api/v1/grants').length >= 2 && r.items;
      });
      const http = rows.filter((x) => x.target === '/api/v1/grants');
      expect(http.map((x) => x.detail.status).sort()).toEqual([201, 422]);
      expect(http.find((x) => x.detail.status === 422)!.detail).toMatchObject({ outcome: 'failed', route: '/api/v1/grants' });
      expect(http[0]!.actor_id).toBe('open-mode');
      const created = await get<{ items: AuditRow[] }>('/api/v1/audit?action=grant.create');
      expect(created.items.map((x) => x.target)).toContain(`grant:${grant.id}`);
      // GETs are not recorded; bodies never are.
      const all = await get<{ items: AuditRow[] }>('/api/v1/audit?limit=1000');
      expect(all.items.some((x) => x.action === 'http.GET')).toBe(false);
      expect(JSON.stringify(all.items.filter((x) => x.action.startsWith('http.')))).not.toContain('s3cret');
    });

    it('writers appending at once make one unbroken chain', async (ctx) => {
      if (!stack) return ctx.skip();
      await writeConcurrently([stack.db, stack.db, stack.db], 60);
      const v = await verifyChain(stack.db, 50); // small pages: the verifier streams
      expect(v).toMatchObject({ ok: true });
      expect(v.rows).toBeGreaterThanOrEqual(180);
      const api = await get<{ ok: boolean; rows: number }>('/api/v1/audit/verify');
      expect(api.ok).toBe(true);
    });

    it('the NDJSON export re-verifies offline; CSV carries the hashes', async (ctx) => {
      if (!stack) return ctx.skip();
      const text = await (await fetch(url('/api/v1/audit/export?format=ndjson'))).text();
      const rows = text.trim().split('\n').map((l) => toRow(JSON.parse(l) as Record<string, unknown>));
      expect(rows.length).toBeGreaterThanOrEqual(180);
      expect(await verifyRows(rows)).toMatchObject({ ok: true, rows: rows.length });
      const edited = rows.map((r) => (r.seq === 3 ? { ...r, target: 'edited' } : r));
      expect(await verifyRows(edited)).toMatchObject({ ok: false, firstBroken: 3, reason: 'hash mismatch' });
      const csv = await (await fetch(url('/api/v1/audit/export?format=csv'))).text();
      expect(csv.split('\n')[0]).toBe('seq,ts,actor_kind,actor_id,actor_name,action,target,detail,prev_hash,hash');
      expect(csv).toContain(rows[0]!.hash);
    });

    it('refuses UPDATE, DELETE and TRUNCATE', async (ctx) => {
      if (!stack) return ctx.skip();
      await expect(stack.db.query(`UPDATE audit SET target = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(stack.db.query(`DELETE FROM audit WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(stack.db.query(`TRUNCATE audit`)).rejects.toThrow(/append-only/);
    });

    it('names a tampered row: API, verifyChain and the CLI', async (ctx) => {
      if (!stack) return ctx.skip();
      const db = stack.db;
      // As the database owner: switch the trigger off, edit row 5's detail, delete row 9.
      await db.exec(`ALTER TABLE audit DISABLE TRIGGER audit_append_only`);
      await db.query(`UPDATE audit SET detail = '{"edited": true}'::jsonb WHERE seq = 5`);
      await db.query(`DELETE FROM audit WHERE seq = 9`);
      await db.exec(`ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
      expect(await verifyChain(db)).toMatchObject({ ok: false, firstBroken: 5, reason: 'hash mismatch' });
      expect(await get('/api/v1/audit/verify')).toMatchObject({ ok: false, firstBroken: 5, reason: 'hash mismatch' });
      // Re-hash row 5 consistently: then the link from row 6 breaks, and after that the gap.
      const [r5] = await db.query(`SELECT * FROM audit WHERE seq = 5`);
      const { rowHash } = await import('../../server/src/engine/audit/audit-trail.js');
      const row5 = toRow(r5!);
      await db.exec(`ALTER TABLE audit DISABLE TRIGGER audit_append_only`);
      await db.query(`UPDATE audit SET hash = $1 WHERE seq = 5`, [rowHash(row5)]);
      await db.exec(`ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
      expect(await verifyChain(db)).toMatchObject({ ok: false, firstBroken: 6, reason: 'prev_hash does not match row 5' });

      const dataDir = stack.dataDir;
      await stack.close();
      stack = undefined;
      const cliEnv = mode === EMBEDDED ? { DATA_DIR: dataDir } : { DATABASE_URL: env!.env.DATABASE_URL!, DATABASE_POOL_MAX: '1' };
      const out = await cli(cliEnv);
      expect(out.code).toBe(1);
      expect(out.out).toMatchObject({ ok: false, firstBroken: 6, reason: 'prev_hash does not match row 5' });
      if (mode === EMBEDDED) expect(String(out.out.note)).toMatch(/server is stopped/);
    }, 120_000);
  });
}

describe('several api processes on one PostgreSQL (pools of the real server)', () => {
  const dbName = `ioc_audit_${runId.replace(/\W/g, '_')}`.toLowerCase();
  let admin: ServerDatabase | undefined;
  const pools: ServerDatabase[] = [];

  beforeAll(async () => {
    if (!(await serviceAvailable('PostgreSQL', '127.0.0.1', 5432, 'audit concurrent writers'))) return;
    admin = await ServerDatabase.connect(new URL('postgres://postgres@127.0.0.1:5432/postgres'), 1);
    await admin.exec(`CREATE DATABASE ${dbName}`);
    for (let i = 0; i < 4; i++) pools.push(await ServerDatabase.connect(new URL(`postgres://postgres@127.0.0.1:5432/${dbName}`), 4));
    // The audit part of the schema only (plain PostgreSQL here has no timescaledb).
    const sql = fs.readFileSync(path.join(repoRoot, 'db/migrations/017_audit_grants.sql'), 'utf8');
    for (const s of splitSqlStatements(sql)) await pools[0]!.query(s);
  }, 60_000);
  afterAll(async () => {
    for (const p of pools) await p.close();
    if (admin) {
      await admin.exec(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.close();
    }
  });

  it('four pools of four connections appending at once make one unbroken chain', async (ctx) => {
    if (!admin) return ctx.skip();
    await writeConcurrently(pools, 250);
    const v = await verifyChain(pools[0]!, 300);
    expect(v).toMatchObject({ ok: true, rows: 1000, lastSeq: 1000 });
    const [{ n }] = await pools[0]!.query<{ n: number }>(`SELECT count(DISTINCT seq)::int AS n FROM audit`);
    expect(n).toBe(1000);
  }, 120_000);

  it('a deleted last row is a gap against the head', async (ctx) => {
    if (!admin) return ctx.skip();
    await pools[0]!.exec(`ALTER TABLE audit DISABLE TRIGGER audit_append_only; DELETE FROM audit WHERE seq = 1000; ALTER TABLE audit ENABLE TRIGGER audit_append_only`);
    expect(await verifyChain(pools[1]!)).toMatchObject({ ok: false, firstBroken: 1000, reason: 'gap after seq 999' });
  });
});

void tempDir;
