import { Body, Controller, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import type { SeriesResponse, SourceList } from '@ioc/sdk';
import type { Database } from '../engine/db/database.js';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import { SourceRegistry, SourceValidationError } from '../engine/registry/source-registry.js';
import { SourcesFamily } from '../engine/realtime/sources-family.js';
import { invalidBody, ProblemException } from './problem.js';
import { parsePutSources } from './sources.dto.js';
import { DATABASE } from './tokens.js';

@Controller('api/v1/sources')
export class SourcesController {
  constructor(
    @Inject(SourceRegistry) private readonly sources: SourceRegistry,
    @Inject(SourcesFamily) private readonly status: SourcesFamily,
    @Inject(ModuleRegistry) private readonly modules: ModuleRegistry,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get()
  list(@Query('sector') sector?: string): SourceList {
    if (sector !== undefined && !this.modules.sector(sector)) throw invalidBody([{ field: 'sector', problem: `"${sector}" is not a loaded sector` }]);
    const now = Date.now();
    return { items: this.sources.list({ sector }).map((s) => ({ ...s, state: this.status.stateOf(s, now) })) };
  }

  /** Registers or updates sources in bulk (devices, cameras, feeds); idempotent by id. */
  @Put()
  @HttpCode(200)
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
  @Get(':id/series')
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
