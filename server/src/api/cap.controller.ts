import { z } from 'zod';
import { Body, Controller, Get, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { atomFeed } from '../engine/cap/cap-feed.js';
import { CapParseError } from '../engine/cap/cap-parser.js';
import { CapError, CapService, type CapMessageRecord } from '../engine/cap/cap.service.js';
import { ApiDoc } from './openapi/api-doc.js';
import { answer } from './alerts.controller.js';
import { ProblemException } from './problem.js';
import { parseInput } from './validation.js';
import { Access, Public } from '../engine/auth/access.js';

/** Media types a CAP message may come in as (the body parser for them is set up in the runtime). */
export const CAP_MEDIA_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

const MessageSchema = z
  .object({
    identifier: z.string(),
    sender: z.string(),
    sent: z.string().describe('ISO 8601 (UTC)'),
    msgType: z.string(),
    status: z.string(),
    subjectKind: z.enum(['alert', 'incident', 'external']),
    subjectId: z.string().describe('Alert or incident id; for a received message the key of the alert it acts on (`cap:<identifier>`).'),
    headline: z.string().nullable(),
    references: z.string().nullable().describe('CAP references: "sender,identifier,sent" triples, space-separated.'),
    direction: z.enum(['out', 'in']),
    createdAt: z.string(),
  })
  .meta({ id: 'CapMessage' });
const feedQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).optional().describe('At most this many entries (default 50).') });
const listQuery = z.object({
  subject: z
    .string()
    .regex(/^(alert|incident|external):.+$/, 'must be alert:<id>, incident:<id> or external:<alert key>')
    .optional()
    .describe('`incident:42`, `alert:7`, or `external:cap:<identifier>`.'),
  direction: z.enum(['out', 'in']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** CAP errors and the reader's element problems as problem+json. */
function capProblem(err: unknown): unknown {
  if (err instanceof CapParseError) {
    return new ProblemException({ status: HttpStatus.UNPROCESSABLE_ENTITY, title: err.element === 'body' ? 'Malformed XML body' : 'Invalid CAP message', detail: err.message, errors: [{ field: err.element, problem: err.problem }] });
  }
  if (err instanceof CapError) return new ProblemException({ status: err.kind === 'not-found' ? 404 : 409, title: err.kind === 'not-found' ? 'Not found' : 'Conflict', detail: err.message });
  return err;
}

const baseUrl = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/**
 * CAP 1.2 warnings: the public feed and messages (no login, like health: they are public
 * warnings), receiving messages from other senders, and the message log.
 */
@Controller('api/v1/cap')
export class CapController {
  constructor(@Inject(CapService) private readonly cap: CapService) {}

  @ApiDoc({
    summary: 'Public feed of CAP warnings (Atom)',
    description: 'Atom 1.0, newest first: every CAP 1.2 message this IOC issued (Alert, Update, Cancel) about its incidents and serious alerts; each entry links to the message at `/api/v1/cap/alerts/{identifier}`. No login. / Bản tin cảnh báo công khai.',
    query: feedQuery,
    responses: { 200: { description: 'The feed', contentType: 'application/atom+xml' }, 422: { description: 'limit is invalid' } },
  })
  @Public()
  @Get('feed')
  async feed(@Query() query: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const q = parseInput(feedQuery, query, 'query');
    const items = await this.cap.feed(q.limit ?? 50);
    res.type('application/atom+xml; charset=utf-8');
    return atomFeed(items, { baseUrl: baseUrl(req), sender: this.cap.builder.sender });
  }

  @ApiDoc({
    summary: 'One CAP message (XML)',
    description: 'A CAP 1.2 message this IOC issued, by identifier; `incident:<id>` or `alert:<id>` gives the latest one about that incident or alert. No login.',
    params: { id: 'Message identifier, or `incident:<id>` / `alert:<id>`' },
    responses: { 200: { description: 'The message', contentType: 'application/cap+xml' }, 404: { description: 'No such message' } },
  })
  @Public()
  @Get('alerts/:id')
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const m = await this.cap.get(id).catch((err: unknown) => Promise.reject(capProblem(err)));
    res.type('application/cap+xml; charset=utf-8');
    return m.xml;
  }

  @ApiDoc({
    summary: 'Receive a CAP message',
    description:
      'A CAP 1.2 message from another sender (body `application/cap+xml` or `application/xml`, at most 1 MB). Stored, and turned into an alert operators see: an Alert raises one (key `cap:<identifier>`, origin `cap`), an Update of it repeats it, a Cancel resolves it. Test, System and Draft messages are stored only. A message already received answers 200 and changes nothing. A malformed document or a missing or invalid element is 422 naming the element (`alert.identifier`, `alert.info[0].severity`, `body`).',
    body: { schema: { type: 'string', description: 'CAP 1.2 XML' }, contentType: 'application/cap+xml' },
    responses: {
      201: { description: 'Received', schema: z.object({ message: MessageSchema, alertId: z.string().nullable(), duplicate: z.boolean() }) },
      200: { description: 'Already received (nothing changed)', schema: z.object({ message: MessageSchema, alertId: z.string().nullable(), duplicate: z.boolean() }) },
      409: { description: 'The identifier is one of ours' },
      413: { description: 'Larger than 1 MB' },
      415: { description: 'Not an XML media type' },
      422: { description: 'Not well-formed, or a CAP element is missing or invalid; the element is named' },
    },
  })
  @Access('cap:write')
  @Post('messages')
  async receive(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ message: CapMessageRecord; alertId: string | null; duplicate: boolean }> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!CAP_MEDIA_TYPES.includes(type) && !/^application\/[\w.-]+\+xml$/.test(type)) {
      throw new ProblemException({ status: 415, title: 'Unsupported media type', detail: `send the CAP message as ${CAP_MEDIA_TYPES.join(' or ')} (got ${type || 'no content-type'})`, errors: [{ field: 'content-type', problem: `must be ${CAP_MEDIA_TYPES.join(', ')}` }] });
    }
    if (typeof body !== 'string' || !body.trim()) throw new ProblemException({ status: 422, title: 'Malformed XML body', errors: [{ field: 'body', problem: 'is empty' }] });
    try {
      const r = await answer(() => this.cap.receive(body));
      if (r.duplicate) res.status(200);
      return { message: r.message, alertId: r.alert?.id ?? null, duplicate: r.duplicate };
    } catch (err) {
      throw capProblem(err);
    }
  }

  @ApiDoc({
    summary: 'CAP messages sent and received',
    description: 'Newest first, without their XML (GET /api/v1/cap/alerts/{identifier} has it for ours).',
    query: listQuery,
    responses: { 200: { description: 'Messages', schema: z.object({ items: z.array(MessageSchema) }) }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('cap:read')
  @Get('messages')
  async list(@Query() query: unknown): Promise<{ items: CapMessageRecord[] }> {
    const q = parseInput(listQuery, query, 'query');
    const colon = q.subject?.indexOf(':') ?? -1;
    const subject = q.subject ? { kind: q.subject.slice(0, colon), id: q.subject.slice(colon + 1) } : undefined;
    return { items: await this.cap.messages({ ...(subject ? { subject } : {}), ...(q.direction ? { direction: q.direction } : {}), ...(q.limit ? { limit: q.limit } : {}) }) };
  }
}
