import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { GrantError, GrantService, type GrantRecord } from '../engine/grants/grant.service.js';
import { ANONYMOUS, type Principal } from '../engine/auth/principal.js';
import { Access, SignedIn } from '../engine/auth/access.js';
import { ApiDoc } from './openapi/api-doc.js';
import { ProblemException } from './problem.js';
import { parseInput } from './validation.js';

const grantee = z.union([z.object({ role: z.string().min(1).max(64) }).strict(), z.object({ userId: z.string().min(1).max(200) }).strict()]);
const createBody = z
  .object({
    sector: z.string().min(1).max(64),
    grantee,
    permissions: z.array(z.string()).min(1).max(20),
    regions: z.array(z.string().min(1).max(64)).max(50).optional(),
    incidentId: z.string().max(64).optional(),
    expiresAt: z.string().optional().describe('ISO date-time; or durationMin'),
    durationMin: z.number().int().min(1).optional(),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict()
  .refine((b) => b.expiresAt !== undefined || b.durationMin !== undefined, { message: 'is required (or durationMin)', path: ['expiresAt'] });
const revokeBody = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
const listQuery = z.object({ active: z.enum(['true', 'false']).optional(), sector: z.string().max(64).optional() });

const GrantSchema = z
  .object({ id: z.string(), sector: z.string(), grantee: z.record(z.string(), z.string()), permissions: z.array(z.string()), regions: z.array(z.string()), incidentId: z.string().optional(), reason: z.string(), createdBy: z.string(), createdAt: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable(), revokedBy: z.string().nullable(), revokeReason: z.string().nullable(), state: z.enum(['active', 'expired', 'revoked']) })
  .meta({ id: 'EmergencyGrant' });

const principal = (req: Request): Principal => (req as unknown as { principal?: Principal }).principal ?? ANONYMOUS;

async function answer<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GrantError) {
      const title = { 403: 'Forbidden', 404: 'Not found', 409: 'Conflict', 422: 'Invalid request' }[err.status];
      throw new ProblemException({ status: err.status, title, detail: err.field ? `${err.field} ${err.message}` : err.message, errors: err.field ? [{ field: err.field, problem: err.message }] : undefined });
    }
    throw err;
  }
}

@Controller('api/v1/grants')
export class GrantsController {
  constructor(@Inject(GrantService) private readonly grants: GrantService) {}

  @ApiDoc({ summary: 'Emergency grants', description: 'Grants a sector lent for an incident, newest first; active=true: in force now. / Cấp quyền khẩn cấp.', query: listQuery, responses: { 200: { description: 'Grants', schema: z.object({ items: z.array(GrantSchema) }) } } })
  @SignedIn()
  @Get()
  async list(@Query() query: unknown): Promise<{ items: GrantRecord[] }> {
    const q = parseInput(listQuery, query, 'query');
    return { items: await this.grants.list({ active: q.active === undefined ? undefined : q.active === 'true', sector: q.sector }) };
  }

  @ApiDoc({ summary: 'One emergency grant', params: { id: 'Grant id' }, responses: { 200: { description: 'The grant', schema: GrantSchema }, 404: { description: 'No such grant' } } })
  @SignedIn()
  @Get(':id')
  get(@Param('id') id: string): Promise<GrantRecord> {
    return answer(() => this.grants.get(id));
  }

  @ApiDoc({
    summary: 'Lend sector data for an incident',
    description: 'The granter must itself hold each permission on the sector; permissions are sector-data ones; the expiry is in the future and at most GRANT_MAX_HOURS ahead. Audited.',
    body: createBody,
    responses: { 201: { description: 'The grant', schema: GrantSchema }, 403: { description: 'The granter does not hold a permission on that sector' }, 422: { description: 'A field is invalid' } },
  })
  @Access('grant:manage', { sector: 'body.sector' })
  @Post()
  create(@Req() req: Request, @Body() body: unknown): Promise<GrantRecord> {
    const b = parseInput(createBody, body);
    return answer(() => this.grants.create(principal(req), b));
  }

  @ApiDoc({ summary: 'Revoke an emergency grant', params: { id: 'Grant id' }, body: revokeBody, responses: { 200: { description: 'The revoked grant', schema: GrantSchema }, 404: { description: 'No such grant' }, 409: { description: 'Already revoked' } } })
  @Access('grant:manage')
  @Post(':id/revoke')
  @HttpCode(200)
  revoke(@Req() req: Request, @Param('id') id: string, @Body() body: unknown): Promise<GrantRecord> {
    const b = parseInput(revokeBody, body);
    return answer(() => this.grants.revoke(principal(req), id, b.reason));
  }
}
