import { z } from 'zod';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Injectable, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { DEFAULT_MAX_IMPORT_BYTES, ReportError, ReportService } from '../engine/reports/index.js';
import { ApiDoc } from './openapi/api-doc.js';
import { ProblemException } from './problem.js';
import {
  parseExportQuery,
  parseImportSubmitter,
  parseReturnReport,
  parseSubmitReport,
  returnReportSchema,
  submitReportSchema,
  type ReportImportProgress,
  type ReportStatusResponse,
  type ReportSubmission,
  type ReportSubmissionDetail,
  type ReportSubmissionList,
  type ReportTemplateInfo,
  type ReportTemplateList,
} from './reports.dto.js';
import { Access, SignedIn } from '../engine/auth/access.js';

/** An uploaded file as multer's memory storage gives it. */
interface UploadedReportFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

const STATUS: Record<ReportError['code'], { status: number; title: string }> = {
  'not-found': { status: HttpStatus.NOT_FOUND, title: 'Not found' },
  invalid: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid request' },
  conflict: { status: HttpStatus.CONFLICT, title: 'Conflict' },
  unsupported: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported file' },
  'too-large': { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'File too large' },
};

function problemOf(err: unknown): unknown {
  if (!(err instanceof ReportError)) return err;
  const s = STATUS[err.code];
  return new ProblemException({ status: s.status, title: s.title, detail: err.problems.length ? err.problems.slice(0, 3).map((p) => `${p.field} ${p.problem}`).join('; ') : err.message, ...(err.problems.length ? { errors: err.problems } : {}) });
}

async function answer<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw problemOf(err);
  }
}

const UploadBase = FileInterceptor('file', { limits: { fileSize: DEFAULT_MAX_IMPORT_BYTES, files: 1, fields: 10 }, defParamCharset: 'utf8' });

/** multer's errors as problem+json naming the `file` field (413 over the size cap, 400 otherwise). */
@Injectable()
class ReportUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor = new UploadBase();

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return from(Promise.resolve(this.inner.intercept(ctx, next))).pipe(
      mergeMap((o) => o),
      catchError((err: unknown) => {
        if (err instanceof ProblemException) throw err;
        const status = (err as { getStatus?: () => number })?.getStatus?.();
        if (status === 413) throw new ProblemException({ status, title: 'File too large', detail: `the file exceeds ${DEFAULT_MAX_IMPORT_BYTES} bytes`, errors: [{ field: 'file', problem: `exceeds ${DEFAULT_MAX_IMPORT_BYTES} bytes` }] });
        if (status === 400 || status === 415) throw new ProblemException({ status, title: 'Invalid upload', detail: (err as Error).message, errors: [{ field: 'file', problem: (err as Error).message }] });
        throw err;
      }),
    );
  }
}

/**
 * The reporting chain (REQUIREMENTS §2): templates from the module manifests, submissions by
 * JSON form or CSV/XLSX import, status per template × region × period, returns, consolidated export.
 */
const TEMPLATE_ID = { templateId: 'Report template id, `{sector}.{key}` (e.g. `health.epi_monthly`)' };
const localized = z.object({ vi: z.string(), en: z.string() });
const ReportTemplateSchema = z
  .object({ id: z.string(), sector: z.string(), key: z.string(), name: localized, period: z.enum(['day', 'week', 'month', 'quarter', 'year']), level: z.enum(['province', 'district', 'commune']), dueDays: z.number(), fields: z.record(z.string(), z.object({ name: localized, type: z.enum(['integer', 'number', 'text']) }).loose()), currentPeriod: z.string(), currentDueAt: z.string() })
  .loose()
  .meta({ id: 'ReportTemplate' });
const ReportSubmissionSchema = z
  .object({ id: z.string(), templateId: z.string(), regionId: z.string(), regionName: z.string(), period: z.string(), status: z.enum(['submitted', 'returned']), values: z.record(z.string(), z.union([z.number(), z.string()])), submittedAt: z.string(), submittedBy: z.string(), late: z.boolean(), version: z.number().int() })
  .loose()
  .meta({ id: 'ReportSubmission' });
const ImportProgressSchema = z
  .object({
    id: z.string(),
    templateId: z.string(),
    state: z.enum(['queued', 'parsing', 'validating', 'writing', 'done', 'rejected', 'failed']),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    accepted: z.number().int(),
    errors: z.array(z.object({ row: z.number().int(), column: z.string(), field: z.string().optional(), message: z.string() })),
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx']),
  })
  .loose()
  .meta({ id: 'ReportImportProgress' });
const StatusEntrySchema = z
  .object({ regionId: z.string(), regionName: z.string(), period: z.string(), status: z.enum(['not_started', 'submitted', 'late', 'returned']), overdue: z.boolean(), incomplete: z.boolean(), missingFields: z.array(z.string()), dueAt: z.string(), submittedAt: z.string().nullable() })
  .loose();
const StatusSchema = z.object({ templateId: z.string(), regionId: z.string(), asOf: z.string(), entries: z.array(StatusEntrySchema), groups: z.array(z.object({}).loose()), total: z.object({}).loose() }).loose();
const periodQuery = z.object({
  period: z.string().optional().describe('Period key (2026-11, 2026-Q4, 2026…); a longer period than the template\'s covers each of its periods begun so far. Default: the current one.'),
  regionId: z.string().optional().describe('Root region (default: the province).'),
});

@Controller('api/v1/reports')
export class ReportsController {
  constructor(@Inject(ReportService) private readonly reports: ReportService) {}

  @ApiDoc({ summary: 'List report templates', description: 'Periodic statistics the units submit, from the module manifests, with the current period and its due date. / Các mẫu báo cáo định kỳ.', responses: { 200: { description: 'Templates', schema: z.object({ items: z.array(ReportTemplateSchema) }) } } })
  @SignedIn()
  @Get()
  list(): ReportTemplateList {
    return { items: this.reports.templates() };
  }

  @ApiDoc({ summary: 'Progress of an import', description: 'State, rows processed of total, and every row error (row and column as in the spreadsheet) of a CSV/XLSX import. A rejected import wrote nothing.', params: { id: 'Import id' }, responses: { 200: { description: 'Progress', schema: ImportProgressSchema }, 404: { description: 'No such import' } } })
  @Access('report:read')
  @Get('imports/:id')
  importProgress(@Param('id') id: string): Promise<ReportImportProgress> {
    return answer(() => this.reports.importProgress(id));
  }

  @ApiDoc({ summary: 'One submission with its history', params: { id: 'Submission id' }, responses: { 200: { description: 'The submission and every version/transition', schema: ReportSubmissionSchema.extend({ history: z.array(z.object({}).loose()) }).loose() }, 404: { description: 'No such submission' } } })
  @Access('report:read', { entity: { kind: 'submission', from: 'param.id' } })
  @Get('submissions/:id')
  submission(@Param('id') id: string): Promise<ReportSubmissionDetail> {
    return answer(() => this.reports.submission(id));
  }

  @ApiDoc({ summary: 'Return a submission', description: 'A reviewer sends a submission back with a reason; the unit resubmits.', params: { id: 'Submission id' }, body: returnReportSchema, responses: { 200: { description: 'The returned submission', schema: ReportSubmissionSchema }, 404: { description: 'No such submission' }, 409: { description: 'Already returned' }, 422: { description: 'reason or returnedBy missing' } } })
  /** A reviewer returns a submission with a reason; the unit resubmits. */
  @Access('report:write', { entity: { kind: 'submission', from: 'param.id' } })
  @Post('submissions/:id/return')
  @HttpCode(200)
  returnSubmission(@Param('id') id: string, @Body() body: unknown): Promise<ReportSubmission> {
    const req = parseReturnReport(body);
    return answer(() => this.reports.returnSubmission(id, req));
  }

  @ApiDoc({ summary: 'One report template', params: TEMPLATE_ID, responses: { 200: { description: 'The template', schema: ReportTemplateSchema }, 404: { description: 'No such template' } } })
  @SignedIn()
  @Get(':templateId')
  template(@Param('templateId') templateId: string): Promise<ReportTemplateInfo> {
    return answer(() => this.reports.template(templateId));
  }

  @ApiDoc({
    summary: 'Submit a report (JSON form)',
    description: 'Submits or resubmits one unit\'s report for one period; the values are checked against the template\'s fields and every problem names its field (`values.fully_immunised`). Lateness is judged against the due date.',
    params: TEMPLATE_ID,
    body: { schema: submitReportSchema, example: { regionId: 'bp-dong-xoai-tan-phu', period: '2026-10', values: { target_children: 11, fully_immunised: 10 }, submittedBy: 'tram-y-te-tan-phu' } },
    responses: { 201: { description: 'The standing submission', schema: ReportSubmissionSchema }, 404: { description: 'No such template' }, 422: { description: 'A field is invalid' } },
  })
  /** Submits (or resubmits) one region's report for one period. */
  @Access('report:submit', { entity: { kind: 'report-template', from: 'param.templateId' }, region: 'body.regionId' })
  @Post(':templateId/submissions')
  @HttpCode(201)
  submit(@Param('templateId') templateId: string, @Body() body: unknown): Promise<ReportSubmission> {
    return answer(() => {
      this.reports.entry(templateId);
      return this.reports.submit(templateId, parseSubmitReport(body));
    });
  }

  @ApiDoc({ summary: 'List submissions', params: TEMPLATE_ID, query: periodQuery, responses: { 200: { description: 'Submissions', schema: z.object({ items: z.array(ReportSubmissionSchema) }) }, 404: { description: 'No such template or region' }, 422: { description: 'A query parameter is invalid' } } })
  @Access('report:read', { entity: { kind: 'report-template', from: 'param.templateId' }, region: 'query.regionId' })
  @Get(':templateId/submissions')
  async submissions(@Param('templateId') templateId: string, @Query('period') period?: string, @Query('regionId') regionId?: string): Promise<ReportSubmissionList> {
    return { items: await answer(() => this.reports.submissions(templateId, { period, regionId })) };
  }

  @ApiDoc({
    summary: 'Reporting status',
    description: 'Per unit and period: not_started / submitted / late / returned, with overdue and incomplete flags; summaries per parent region (who has not reported).',
    params: TEMPLATE_ID,
    query: periodQuery,
    responses: { 200: { description: 'Status', schema: StatusSchema }, 404: { description: 'No such template or region' }, 422: { description: 'A query parameter is invalid' } },
  })
  /** Status per region and period with counts per parent; defaults: the current period, the province. */
  @Access('report:read', { entity: { kind: 'report-template', from: 'param.templateId' }, region: 'query.regionId' })
  @Get(':templateId/status')
  status(@Param('templateId') templateId: string, @Query('period') period?: string, @Query('regionId') regionId?: string): Promise<ReportStatusResponse> {
    return answer(() => this.reports.status(templateId, { period, regionId }));
  }

  @ApiDoc({
    summary: 'Import a CSV or XLSX file',
    description: 'Columns: `ma_don_vi`/`region_id`, `ky`/`period`, then one per field (key or Vietnamese name). Every row is validated first; any error rejects the whole file and nothing is written. Follow the progress at /api/v1/reports/imports/{id}.',
    params: TEMPLATE_ID,
    body: { multipart: { file: { file: true, description: 'CSV (UTF-8) or XLSX, at most 5 MB' }, submittedBy: z.string().describe('Who submits the rows'), submittedAt: z.string().optional().describe('When the unit submitted (historical back-fill; ISO-8601)') }, required: ['file', 'submittedBy'] },
    responses: { 202: { description: 'Import accepted', schema: ImportProgressSchema }, 404: { description: 'No such template' }, 413: { description: 'File too large' }, 415: { description: 'Not a CSV or XLSX file' }, 422: { description: 'file or submittedBy missing' } },
  })
  /** Upload a CSV or XLSX (multipart field `file`, plus `submittedBy`); 202 with the import to follow. */
  @Access('report:write', { entity: { kind: 'report-template', from: 'param.templateId' } })
  @Post(':templateId/imports')
  @HttpCode(202)
  @UseInterceptors(ReportUploadInterceptor)
  startImport(@Param('templateId') templateId: string, @UploadedFile() file: UploadedReportFile | undefined, @Body() body: unknown): Promise<ReportImportProgress> {
    return answer(() => {
      this.reports.entry(templateId);
      if (!file) throw new ReportError('invalid', 'no file', [{ field: 'file', problem: 'is required (multipart/form-data field "file")' }]);
      const { submittedBy, submittedAt } = parseImportSubmitter(body);
      return this.reports.startImport(templateId, { name: file.originalname, data: file.buffer }, submittedBy, submittedAt);
    });
  }

  @ApiDoc({
    summary: 'Export the consolidated report',
    description: 'Rows per unit, subtotal per district, total for the province, with each unit\'s status; XLSX (Vietnamese headers by default) or CSV (UTF-8 with BOM).',
    params: TEMPLATE_ID,
    query: periodQuery.extend({ format: z.enum(['xlsx', 'csv']).optional().describe('Default xlsx'), lang: z.enum(['vi', 'en']).optional().describe('Header language, default vi') }),
    responses: { 200: { description: 'The file', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, 404: { description: 'No such template or region' }, 422: { description: 'A query parameter is invalid' } },
  })
  /** Consolidated table along unit → district → province: `format=xlsx` (default) or `csv`. */
  @Access('report:read', { entity: { kind: 'report-template', from: 'param.templateId' }, region: 'query.regionId' })
  @Get(':templateId/export')
  async export(@Param('templateId') templateId: string, @Query('period') period?: string, @Query('regionId') regionId?: string, @Query('format') format?: string, @Query('lang') lang?: string): Promise<StreamableFile> {
    const q = parseExportQuery({ format, lang });
    const out = await answer(() => this.reports.export(templateId, { period, regionId, ...q }));
    return new StreamableFile(out.data, { type: out.contentType, disposition: `attachment; filename="${out.fileName}"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`, length: out.data.length });
  }
}
