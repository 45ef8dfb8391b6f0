import { z } from 'zod';
import { Body, Controller, Get, Header, HttpCode, HttpStatus, Inject, Injectable, Param, Post, Query, Req, Res, StreamableFile, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import type { Request, Response } from 'express';
import { FEEDBACK_STATES, SEVERITIES, type FeedbackEvent, type FeedbackPublic, type FeedbackRecord, type FeedbackState, type Severity } from '@ioc/sdk';
import { FeedbackError, FeedbackService, STATS_BY, type FeedbackStats, type StatsBy } from '../engine/feedback/feedback.service.js';
import type { IncomingPhoto } from '../engine/feedback/photos.js';
import { ApiDoc } from './openapi/api-doc.js';
import { domainProblem } from './alerts.controller.js';
import { invalidBody, ProblemException } from './problem.js';
import { parseInput } from './validation.js';
import { Access, Public } from '../engine/auth/access.js';

const STATUS: Record<FeedbackError['kind'], { status: number; title: string }> = {
  'not-found': { status: HttpStatus.NOT_FOUND, title: 'Not found' },
  conflict: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  invalid: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid request' },
  'too-large': { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'Photo too large' },
  'unsupported-type': { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported photo type' },
};

/** Field-report errors (and incident errors of toIncident) as problem+json naming the field. */
async function answer<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof FeedbackError) {
      const s = STATUS[err.kind];
      throw new ProblemException({ status: s.status, title: s.title, detail: err.field ? `${err.field} ${err.message}` : err.message, ...(err.field ? { errors: [{ field: err.field, problem: err.message }] } : {}) });
    }
    throw domainProblem(err);
  }
}

const actor = z.string().trim().min(1).max(200).describe('Who acts (until [security] brings identity, the caller names themself).');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD');
const CHANNELS = ['app', 'portal', '1022', 'hotline', 'zalo'] as const;

const PhotoInfoSchema = z.object({ id: z.string(), contentType: z.string(), bytes: z.number().int(), sha256: z.string() }).meta({ id: 'FeedbackPhoto' });
const PublicSchema = z
  .object({
    code: z.string().describe('Tracking code, e.g. PA-2612-7KQ4'),
    category: z.string(),
    department: z.string(),
    state: z.enum(FEEDBACK_STATES as [string, ...string[]]),
    regionId: z.string().nullable(),
    receivedAt: z.string(),
    dueAt: z.string(),
    doneAt: z.string().nullable(),
    result: z.string().nullable().describe('The published result (kết quả xử lý)'),
    withinDeadline: z.boolean().nullable().describe('Done by the deadline; null while not done'),
    overdue: z.boolean().describe('Done late, or not done and past the deadline'),
  })
  .meta({ id: 'FeedbackPublic' });
const ReportSchema = PublicSchema.extend({
  id: z.string(),
  text: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  channel: z.string(),
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }).nullable(),
  processedAt: z.string().nullable(),
  incidentId: z.string().nullable(),
  photos: z.array(PhotoInfoSchema),
  updatedAt: z.string(),
}).meta({ id: 'FeedbackReport' });
const EventSchema = z.object({ reportId: z.string(), at: z.string(), kind: z.string(), actor: z.string(), text: z.string().nullable(), data: z.object({}).loose() }).meta({ id: 'FeedbackEvent' });
const StatsRowSchema = z.object({ key: z.string(), name: z.string().optional(), received: z.number().int(), processed: z.number().int(), inTime: z.number().int(), overdue: z.number().int() }).meta({ id: 'FeedbackStatsRow' });

/** Text fields of a report, the same in multipart and JSON (multipart sends numbers as text). */
export const submitFields = z
  .object({
    category: z.string().min(1).max(64).describe('Category id (GET /api/v1/feedback-categories)'),
    text: z.string().trim().min(5).max(5000).describe('What the citizen reports'),
    lon: z.coerce.number().min(-180).max(180).optional(),
    lat: z.coerce.number().min(-90).max(90).optional(),
    regionId: z.string().max(64).optional().describe('Commune/ward; default: found from lon/lat'),
    channel: z.enum(CHANNELS).optional().describe('app (default), portal, 1022, hotline, zalo'),
    contactName: z.string().trim().max(200).optional().describe('Reporter (officials only, never public)'),
    contactPhone: z.string().trim().regex(/^\+?[0-9 .-]{8,20}$/, 'must be a phone number').optional(),
    contactEmail: z.email().max(200).optional(),
  })
  .strict();
const base64Photo = z.object({ contentType: z.string().max(100).optional(), data: z.string().min(1).regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64') }).strict();
const jsonSubmit = submitFields.extend({ photos: z.array(base64Photo).max(50).optional().describe('JSON variant: photos as base64 (the multipart form is the main path)') });

const moveBody = z.object({ to: z.enum(FEEDBACK_STATES as [string, ...string[]]), actor, result: z.string().trim().max(5000).optional().describe('Required for done: the result the reporter reads'), comment: z.string().max(2000).optional() }).strict();
const assignBody = z.object({ department: z.string().min(1).max(64), actor, comment: z.string().max(2000).optional() }).strict();
const incidentBody = z.object({ actor, type: z.string().max(64).optional().describe("Incident type; default the category's suggestion, else field-report"), title: z.string().max(300).optional(), severity: z.enum(SEVERITIES as [string, ...string[]]).optional() }).strict();
const listQuery = z.object({
  state: z.string().optional().describe('States, comma-separated: received, processing, done'),
  category: z.string().optional(),
  department: z.string().optional(),
  regionId: z.string().optional().describe('A region and everything in it'),
  overdue: z.enum(['true', 'false']).optional(),
  from: day.optional().describe('First local day of receipt (Asia/Ho_Chi_Minh)'),
  to: day.optional().describe('Last local day of receipt'),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const statsQuery = z.object({ by: z.enum(STATS_BY as [StatsBy, ...StatsBy[]]).describe('ward, day, department or category'), from: day.optional(), to: day.optional() });

/** An uploaded photo as multer's memory storage gives it. */
interface UploadedPhoto {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * multer for the report form, with the photo limits of the config: memory storage (photos go to
 * the database in the report's statement), its errors as problem+json naming `photos`.
 */
@Injectable()
class FeedbackUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(FeedbackService) private readonly feedback: FeedbackService) {
    const { maxBytes, maxCount } = feedback.photoLimits;
    this.inner = new (AnyFilesInterceptor({ limits: { fileSize: maxBytes, files: maxCount, fields: 20, fieldSize: 32_768 }, defParamCharset: 'utf8' }))();
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { maxBytes, maxCount } = this.feedback.photoLimits;
    return from(Promise.resolve(this.inner.intercept(ctx, next))).pipe(
      mergeMap((o) => o),
      catchError((err: unknown) => {
        if (err instanceof ProblemException) throw err;
        const status = (err as { getStatus?: () => number })?.getStatus?.();
        const message = (err as Error).message ?? '';
        if (status === 413) throw new ProblemException({ status: 413, title: 'Photo too large', detail: `a photo exceeds ${maxBytes} bytes`, errors: [{ field: 'photos', problem: `a photo exceeds ${maxBytes} bytes` }] });
        if (status === 400 && /too many files/i.test(message)) throw new ProblemException({ status: 413, title: 'Too many photos', detail: `at most ${maxCount} photos`, errors: [{ field: 'photos', problem: `at most ${maxCount} photos are allowed` }] });
        if (status === 400 || status === 415) throw new ProblemException({ status: 422, title: 'Invalid upload', detail: message, errors: [{ field: 'photos', problem: message }] });
        throw err;
      }),
    );
  }
}

const PHOTO_FIELDS = new Set(['photos', 'photos[]', 'photo']);

@Controller('api/v1/feedback')
export class FeedbackController {
  constructor(@Inject(FeedbackService) private readonly feedback: FeedbackService) {}

  @ApiDoc({
    summary: 'Submit a field report',
    description:
      'Phản ánh hiện trường: category, text, a point (the commune is found from it) and photos. `multipart/form-data` with photo files in `photos` (JPEG, PNG or WebP by content, each at most FEEDBACK_PHOTO_MAX_BYTES, at most FEEDBACK_PHOTO_MAX_COUNT); a JSON body with base64 `photos` is accepted too. Routed to the category\'s department, due after its deadline hours. Answers the report with its tracking code.',
    body: {
      multipart: {
        photos: { file: true, multiple: true, description: 'Photos (JPEG, PNG, WebP)' },
        category: submitFields.shape.category,
        text: submitFields.shape.text,
        lon: submitFields.shape.lon,
        lat: submitFields.shape.lat,
        regionId: submitFields.shape.regionId,
        channel: submitFields.shape.channel,
        contactName: submitFields.shape.contactName,
        contactPhone: submitFields.shape.contactPhone,
        contactEmail: submitFields.shape.contactEmail,
      },
      required: ['category', 'text'],
    },
    responses: { 201: { description: 'The report, with its tracking code', schema: ReportSchema }, 413: { description: 'A photo is too large, or too many photos (names the field)' }, 415: { description: 'A photo is not JPEG, PNG or WebP by its content' }, 422: { description: 'A field is invalid' } },
  })
  @Public()
  @Post()
  @UseInterceptors(FeedbackUploadInterceptor)
  submit(@Req() req: Request, @Body() body: unknown): Promise<FeedbackRecord> {
    const files = ((req as Request & { files?: UploadedPhoto[] }).files ?? []) as UploadedPhoto[];
    const multipart = /multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    // Multipart sends every field as text; an empty field means "not given".
    const raw = Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
    const b = parseInput(multipart ? submitFields : jsonSubmit, raw);
    const photos: IncomingPhoto[] = [];
    files.forEach((f, i) => {
      if (!PHOTO_FIELDS.has(f.fieldname)) throw new ProblemException({ status: 422, title: 'Invalid upload', detail: `unexpected file field ${f.fieldname}`, errors: [{ field: f.fieldname, problem: 'is not a file field; send photos as "photos"' }] });
      photos.push({ field: `photos[${i}]`, declaredType: f.mimetype, data: f.buffer });
    });
    const json = (b as z.infer<typeof jsonSubmit>).photos ?? [];
    json.forEach((p, i) => photos.push({ field: `photos[${i}]`, ...(p.contentType ? { declaredType: p.contentType } : {}), data: Buffer.from(p.data, 'base64') }));
    const contact = { ...(b.contactName ? { name: b.contactName } : {}), ...(b.contactPhone ? { phone: b.contactPhone } : {}), ...(b.contactEmail ? { email: b.contactEmail } : {}) };
    return answer(() =>
      this.feedback.submit({
        category: b.category,
        text: b.text,
        ...(b.lon !== undefined ? { lon: b.lon } : {}),
        ...(b.lat !== undefined ? { lat: b.lat } : {}),
        ...(b.regionId ? { regionId: b.regionId } : {}),
        ...(b.channel ? { channel: b.channel } : {}),
        ...(Object.keys(contact).length ? { contact } : {}),
        photos,
      }),
    );
  }

  @ApiDoc({ summary: 'List field reports', description: 'Open ones first, nearest deadline first. Filters by state, category, department, region (and everything in it), overdue, local days of receipt.', query: listQuery, responses: { 200: { description: 'Reports', schema: z.object({ items: z.array(ReportSchema) }) }, 422: { description: 'A query parameter is invalid' } } })
  @Access('feedback:read', { region: 'query.regionId' })
  @Get()
  async list(@Query() query: unknown): Promise<{ items: FeedbackRecord[] }> {
    const q = parseInput(listQuery, query, 'query');
    const states = q.state?.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = states?.find((s) => !FEEDBACK_STATES.includes(s as FeedbackState));
    if (bad) parseInput(z.object({ state: z.enum(FEEDBACK_STATES as [string, ...string[]]) }), { state: bad }, 'query');
    return {
      items: await this.feedback.list({
        ...(states?.length ? { state: states as FeedbackState[] } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.department ? { department: q.department } : {}),
        ...(q.regionId ? { regionId: q.regionId } : {}),
        ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      }),
    };
  }

  @ApiDoc({
    summary: 'Field-report statistics (District 7 panel)',
    description: 'Received, processed (done), processed in time, overdue (done late, or open past the deadline now), by ward, local day, department or category, over local days of receipt [from, to].',
    query: statsQuery,
    responses: { 200: { description: 'Rows and their total', schema: z.object({ by: z.string(), from: z.string().nullable(), to: z.string().nullable(), rows: z.array(StatsRowSchema), total: StatsRowSchema.omit({ key: true, name: true }) }) }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('feedback:read')
  @Get('stats')
  stats(@Query() query: unknown): Promise<FeedbackStats> {
    const q = parseInput(statsQuery, query, 'query');
    if (q.from && q.to && q.from > q.to) throw invalidBody([{ field: 'to', problem: `must not be before from (${q.from})` }]);
    return this.feedback.statistics(q.by, { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });
  }

  @ApiDoc({ summary: 'Track a report by its code (public)', description: 'What the reporter sees: state, deadline, the published result. Never the contact, the text or the history. / Tra cứu kết quả phản ánh.', params: { code: 'Tracking code, e.g. PA-2612-7KQ4 (case and spaces do not matter)' }, responses: { 200: { description: 'The public view', schema: PublicSchema }, 404: { description: 'No report with this code' } } })
  @Public()
  @Get('track/:code')
  track(@Param('code') code: string): Promise<FeedbackPublic> {
    return answer(() => this.feedback.track(code));
  }

  @ApiDoc({ summary: 'One field report', description: 'With contact, photos (metadata; bytes at /photos/{photoId}) and the states it may move to.', params: { id: 'Report id' }, responses: { 200: { description: 'The report', schema: ReportSchema.extend({ nextStates: z.array(z.string()) }) }, 404: { description: 'No such report' } } })
  @Access('feedback:read', { entity: { kind: 'feedback', from: 'param.id' } })
  @Get(':id')
  get(@Param('id') id: string): Promise<FeedbackRecord> {
    return answer(() => this.feedback.get(id));
  }

  @ApiDoc({ summary: 'History of a field report', params: { id: 'Report id' }, responses: { 200: { description: 'Every change, oldest first, with who and when', schema: z.object({ items: z.array(EventSchema) }) }, 404: { description: 'No such report' } } })
  @Access('feedback:read', { entity: { kind: 'feedback', from: 'param.id' } })
  @Get(':id/history')
  async history(@Param('id') id: string): Promise<{ items: FeedbackEvent[] }> {
    return { items: await answer(() => this.feedback.history(id)) };
  }

  @ApiDoc({ summary: 'Photo of a field report', params: { id: 'Report id', photoId: 'Photo id' }, responses: { 200: { description: 'The bytes as submitted', contentType: 'image/*', headers: { 'X-Content-SHA256': { description: 'SHA-256 of the bytes' } } }, 404: { description: 'No such photo' } } })
  @Access('feedback:read', { entity: { kind: 'feedback', from: 'param.id' } })
  @Get(':id/photos/:photoId')
  @Header('Cache-Control', 'private, max-age=86400, immutable')
  async photo(@Param('id') id: string, @Param('photoId') photoId: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const p = await answer(() => this.feedback.photo(id, photoId));
    res.setHeader('X-Content-SHA256', p.sha256);
    return new StreamableFile(p.data, { type: p.contentType, length: p.data.byteLength });
  }

  @ApiDoc({ summary: 'Move a field report', description: 'received → processing → done (or received → done). Done needs `result`, the text the reporter reads by code.', params: { id: 'Report id' }, body: moveBody, responses: { 200: { description: 'The report', schema: ReportSchema }, 404: { description: 'No such report' }, 409: { description: 'Not allowed from the current state' }, 422: { description: 'A field is missing or invalid' } } })
  @Access('feedback:act', { entity: { kind: 'feedback', from: 'param.id' } })
  @Post(':id/transitions')
  @HttpCode(200)
  move(@Param('id') id: string, @Body() body: unknown): Promise<FeedbackRecord> {
    const b = parseInput(moveBody, body ?? {});
    return answer(() => this.feedback.move(id, b.to as FeedbackState, { actor: b.actor, ...(b.result ? { result: b.result } : {}), ...(b.comment ? { comment: b.comment } : {}) }));
  }

  @ApiDoc({ summary: 'Re-route a field report to a department', description: "The category's department is the default; any department the categories name may take it over until it is done.", params: { id: 'Report id' }, body: assignBody, responses: { 200: { description: 'The report', schema: ReportSchema }, 404: { description: 'No such report' }, 409: { description: 'The report is done' }, 422: { description: 'Unknown department' } } })
  @Access('feedback:act', { entity: { kind: 'feedback', from: 'param.id' } })
  @Post(':id/assignment')
  @HttpCode(200)
  assign(@Param('id') id: string, @Body() body: unknown): Promise<FeedbackRecord> {
    const b = parseInput(assignBody, body ?? {});
    return answer(() => this.feedback.assign(id, b.department, { actor: b.actor, ...(b.comment ? { comment: b.comment } : {}) }));
  }

  @ApiDoc({ summary: 'Open an incident from a field report', description: "Origin `feedback`, the category's suggested type (or `field-report`), at the report's place; the incident links the report and the report holds the incident.", params: { id: 'Report id' }, body: incidentBody, responses: { 201: { description: 'The report and the incident', schema: z.object({ report: ReportSchema, incidentId: z.string(), incidentCode: z.string() }) }, 404: { description: 'No such report' }, 409: { description: 'The report already became an incident' }, 422: { description: 'A field is invalid' } } })
  @Access('incident:act', { entity: { kind: 'feedback', from: 'param.id' } })
  @Post(':id/incident')
  toIncident(@Param('id') id: string, @Body() body: unknown): Promise<{ report: FeedbackRecord; incidentId: string; incidentCode: string }> {
    const b = parseInput(incidentBody, body ?? {});
    return answer(() => this.feedback.toIncident(id, { actor: b.actor, ...(b.type ? { type: b.type } : {}), ...(b.title ? { title: b.title } : {}), ...(b.severity ? { severity: b.severity as Severity } : {}) }));
  }
}

@Controller('api/v1/feedback-categories')
export class FeedbackCategoriesController {
  constructor(@Inject(FeedbackService) private readonly feedback: FeedbackService) {}

  @ApiDoc({ summary: 'Field-report categories', description: 'Declared by the modules: name, the department reports are routed to, deadline hours, suggested incident type. / Lĩnh vực phản ánh.', responses: { 200: { description: 'Categories and departments', schema: z.object({ items: z.array(z.object({ id: z.string(), sector: z.string(), deadlineHours: z.number() }).loose()), departments: z.array(z.object({ id: z.string() }).loose()) }) } } })
  @Public()
  @Get()
  list(): { items: Array<Record<string, unknown>>; departments: Array<Record<string, unknown>> } {
    return { items: this.feedback.categories() as unknown as Array<Record<string, unknown>>, departments: this.feedback.departments() as unknown as Array<Record<string, unknown>> };
  }
}
