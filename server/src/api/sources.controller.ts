import { Body, Controller, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import type { SeriesResponse, SourceList } from '@ioc/sdk';
import type { Database } from '../engine/db/database.js';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import { SourceRegistry, SourceValidationError } from '../engine/registry/source-registry.js';
import { SourcesFamily } from '../engine/realtime/sources-family.js';
import { invalidBody, ProblemException } from './problem.js';
import { z } from 'zod';
import { ApiDoc } from './openapi/api-doc.js';
import { SeriesResponseSchema, SourceWithStateSchema } from './openapi/schemas.js';
import { parsePutSources, putSourcesSchema } from './sources.dto.js';
import { DATABASE } from './tokens.js';
import { Access } from '../engine/auth/access.js';

@Controller('api/v1/sources')
export class SourcesController {
  constructor(
    @Inject(SourceRegistry) private readonly sources: SourceRegistry,
    @Inject(SourcesFamily) private readonly status: SourcesFamily,
    @Inject(ModuleRegistry) private readonly modules: ModuleRegistry,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Access('telemetry:read', { sector: 'query.sector' })
  @Get()
  @ApiDoc({
    summary: 'List sources with their state',
    description: 'Registered sources (devices, cameras, facility feeds) with their live state: online, offline, stale (silent past the expected interval) or unknown (never heard from).',
    query: z.object({ sector: z.string().optional().describe('Only sources of this sector.') }),
    responses: {
      200: { description: 'The sources.', schema: z.object({ items: z.array(SourceWithStateSchema) }) },
      422: { description: '`sector` is not a loaded sector.' },
    },
  })
  list(@Query('sector') sector?: string): SourceList {
    if (sector !== undefined && !this.modules.sector(sector)) throw invalidBody([{ field: 'sector', problem: `"${sector}" is not a loaded sector` }]);
    const now = Date.now();
    return { items: this.sources.list({ sector }).map((s) => ({ ...s, state: this.status.stateOf(s, now) })) };
  }

  /** Registers or updates sources in bulk (devices, cameras, feeds); idempotent by id. */
  @Access('source:write', { sector: 'body.sector', region: 'body.regionId' })
  @Put()
  @HttpCode(200)
  @ApiDoc({
    summary: 'Register or update sources',
    description: 'Upserts sources in bulk by id (idempotent). The whole list is refused, and nothing written, if any entry is invalid; the problem names each bad field by its JSON path (`sources[3].lat`). Each source needs a loaded sector and kind and a known region.',
    body: { schema: putSourcesSchema, example: { sources: [{ id: 'aq-dong-xoai-1', sector: 'environment', kind: 'air-station', name: 'Trạm quan trắc Tân Phú', regionId: 'bp-dong-xoai', lon: 106.9, lat: 11.54 }] } },
    responses: {
      200: { description: 'How many sources were written.', schema: z.object({ upserted: z.number().int() }) },
      422: { description: 'An entry is invalid, or names an unknown sector, kind or region.' },
    },
  })
  async upsert(@Body() body: unknown): Promise<{ upserted: number }> {
    const defs = parsePutSources(body);
    try {
      return { upserted: await this.sources.upsert(defs) };
    } catch (err) {
      if (err instanceof SourceValidationError) throw invalidBody(err.problems.map((p) => ({ field: `sources[${p.index}].${p.field}`, problem: p.problem })));
      throw err;
    }
  }

  /** One-minute buckets of one metric of one source, from the continuous aggregate (real-time). */
  @Access('telemetry:read', { entity: { kind: 'source', from: 'param.id' } })
  @Get(':id/series')
  @ApiDoc({
    summary: 'One-minute series of a metric',
    description: 'Average, minimum and maximum of one metric of one source per minute, from the real-time continuous aggregate, oldest first.',
    params: { id: 'Source id.' },
    query: z.object({
      metric: z.string().describe("A metric of the source's kind, e.g. `pm25`."),
      minutes: z.coerce.number().int().min(1).max(1440).default(60).describe('How many minutes back.'),
    }),
    responses: {
      200: { description: 'The buckets (empty when nothing arrived).', schema: SeriesResponseSchema },
      404: { description: 'No source with this id.' },
      422: { description: '`metric` is not a metric of the source, or `minutes` is out of range.' },
    },
  })
  async series(@Param('id') id: string, @Query('metric') metric?: string, @Query('minutes') minutesRaw?: string): Promise<SeriesResponse> {
    const source = this.sources.get(id);
    if (!source) throw new ProblemException({ status: 404, title: 'Source not found', detail: `no source "${id}"` });
    const schema = this.modules.sourceKind(source.sector, source.kind);
    if (!metric || !schema?.metrics[metric]) {
      throw invalidBody([{ field: 'metric', problem: `must be one of ${Object.keys(schema?.metrics ?? {}).join(', ')}` }]);
    }
    const minutes = minutesRaw === undefined ? 60 : Number(minutesRaw);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw invalidBody([{ field: 'minutes', problem: 'must be an integer 1–1440' }]);
    const rows = await this.db.query<{ bucket: Date | string; avg: number; min: number; max: number }>(
      `SELECT bucket, sum / n AS avg, min, max FROM reading_1m
       WHERE source_id = $1 AND metric = $2 AND bucket > now() - make_interval(mins => $3::int) ORDER BY bucket`,
      [id, metric, minutes],
    );
    return { sourceId: id, metric, points: rows.map((r) => ({ ts: new Date(r.bucket).toISOString(), avg: r.avg, min: r.min, max: r.max })) };
  }
}
