import { z } from 'zod';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AUDIT_DB } from '../engine/audit/tokens.js';
import { canonicalJson, queryRows, streamRows, verifyChain, type AuditRow, type VerifyResult } from '../engine/audit/audit-trail.js';
import type { Database } from '../engine/db/database.js';
import { Access } from '../engine/auth/access.js';
import { ApiDoc } from './openapi/api-doc.js';
import { parseInput } from './validation.js';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time');
const listQuery = z.object({
  from: isoDate.optional().describe('Rows at or after this time'),
  to: isoDate.optional().describe('Rows before this time'),
  actor: z.string().max(200).optional().describe('Actor id or name'),
  action: z.string().max(100).optional().describe('Action, e.g. grant.create; a trailing * matches a prefix (http.*)'),
  after: z.coerce.number().int().min(0).optional().describe('Rows with a larger seq (paging oldest first)'),
  before: z.coerce.number().int().min(1).optional().describe('Rows with a smaller seq (paging newest first)'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const exportQuery = z.object({ format: z.enum(['ndjson', 'csv']).default('ndjson'), from: isoDate.optional(), to: isoDate.optional() });

const RowSchema = z
  .object({ seq: z.number(), ts: z.string(), actor_kind: z.string(), actor_id: z.string(), actor_name: z.string(), action: z.string(), target: z.string(), detail: z.record(z.string(), z.unknown()), prev_hash: z.string(), hash: z.string() })
  .meta({ id: 'AuditRow' });
const VerifySchema = z.object({ ok: z.boolean(), rows: z.number(), firstBroken: z.number().optional(), reason: z.string().optional(), lastSeq: z.number().optional(), lastHash: z.string().optional() }).meta({ id: 'AuditVerify' });

export const CSV_COLUMNS = ['seq', 'ts', 'actor_kind', 'actor_id', 'actor_name', 'action', 'target', 'detail', 'prev_hash', 'hash'] as const;
const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** One CSV line; detail is its canonical JSON (the text the hash covers). */
export function csvLine(r: AuditRow): string {
  return CSV_COLUMNS.map((c) => csvCell(c === 'detail' ? canonicalJson(r.detail) : String(r[c]))).join(',');
}

@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(AUDIT_DB) private readonly db: Database) {}

  @ApiDoc({ summary: 'Audit trail rows', description: 'A page of the append-only audit trail (logins, state changes, grants), newest first by default. / Nhật ký kiểm toán.', query: listQuery, responses: { 200: { description: 'Rows', schema: z.object({ items: z.array(RowSchema), next: z.number().nullable() }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('audit:read')
  @Get()
  async list(@Query() query: unknown): Promise<{ items: AuditRow[]; next: number | null }> {
    const q = parseInput(listQuery, query, 'query');
    const items = await queryRows(this.db, { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
    const last = items[items.length - 1];
    return { items, next: items.length === q.limit && last ? last.seq : null };
  }

  @ApiDoc({ summary: 'Verify the hash chain', description: 'Recomputes every row hash and link; names the first broken row. / Kiểm tra chuỗi băm.', responses: { 200: { description: 'Result', schema: VerifySchema } } })
  @Access('audit:read')
  @Get('verify')
  verify(): Promise<VerifyResult> {
    return verifyChain(this.db);
  }

  @ApiDoc({ summary: 'Export the audit trail', description: 'Every row with its hashes (NDJSON or CSV), streamed, for offline re-verification.', query: exportQuery, responses: { 200: { description: 'The rows', contentType: 'application/x-ndjson' }, 422: { description: 'A query parameter is invalid' } } })
  @Access('audit:read')
  @Get('export')
  async export(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const q = parseInput(exportQuery, query, 'query');
    const csv = q.format === 'csv';
    res.status(200).type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    res.setHeader('content-disposition', `attachment; filename="audit.${csv ? 'csv' : 'ndjson'}"`);
    if (csv) res.write(CSV_COLUMNS.join(',') + '\n');
    try {
      for await (const r of streamRows(this.db, { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined })) {
        const ok = res.write((csv ? csvLine(r) : JSON.stringify(r)) + '\n');
        if (!ok) await new Promise((r2) => res.once('drain', r2));
      }
    } finally {
      res.end();
    }
  }
}
