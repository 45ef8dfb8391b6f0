import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Inject, Param, Put, Query } from '@nestjs/common';
import type { KpiBreakdownResponse, KpiListResponse, KpiPeriod, KpiRiskList, KpiSeriesResponse, RegionLevel } from '@ioc/sdk';
import type { Database } from '../engine/db/database.js';
import { KpiQueries, KpiQueryError } from '../engine/kpi/kpi-queries.js';
import { sourceQuality, type SourceQuality } from '../engine/kpi/quality.js';
import { TargetBook, type TargetRow } from '../engine/kpi/targets.js';
import { RegionTree } from '../engine/registry/region-tree.js';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import {
  DataQualitySchema,
  dataQualityQuery,
  KpiBreakdownSchema,
  kpiBreakdownQuery,
  KpiListSchema,
  kpiListQuery,
  KpiRiskListSchema,
  kpiRisksQuery,
  KpiSeriesSchema,
  kpiSeriesQuery,
  KpiTargetsSchema,
  kpiTargetsBody,
  regionKpisQuery,
  KpiInfoSchema,
  KpiValueSchema,
} from './kpis.dto.js';
import { ApiDoc } from './openapi/api-doc.js';
import { invalidBody, ProblemException } from './problem.js';
import { DATABASE } from './tokens.js';
import { parseInput } from './validation.js';
import { Access } from '../engine/auth/access.js';

/** Maps the engine's query errors to problem+json (404 for an unknown KPI or region). */
async function answer<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof KpiQueryError) {
      if (err.status === 404) throw new ProblemException({ status: 404, title: 'Not found', detail: err.message });
      throw invalidBody([{ field: err.field, problem: err.problem }]);
    }
    throw err;
  }
}

@Controller('api/v1/kpis')
export class KpisController {
  constructor(
    @Inject(KpiQueries) private readonly kpis: KpiQueries,
    @Inject(TargetBook) private readonly targets: TargetBook,
    @Inject(RegionTree) private readonly tree: RegionTree,
  ) {}

  @ApiDoc({
    summary: 'List KPIs with their current values',
    description: 'Every KPI (optionally of one sector and period) with its current values for one region: value so far, target, attainment, forecast at period end and state. / Danh sách chỉ tiêu và giá trị hiện tại.',
    query: kpiListQuery,
    responses: { 200: { description: 'KPIs with values', schema: KpiListSchema }, 404: { description: 'Unknown region' }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { sector: 'query.sector', region: 'query.region' })
  @Get()
  list(@Query() query: unknown): Promise<KpiListResponse> {
    const q = parseInput(kpiListQuery, query, 'query');
    return answer(() => this.kpis.list(this.kpis.region(q.region), q.sector, q.period as KpiPeriod | undefined));
  }

  @ApiDoc({
    summary: 'One KPI with its current values',
    params: { id: 'KPI id, `{sector}.{key}` (e.g. `health.immunisation_coverage`)' },
    query: kpiListQuery.pick({ region: true }),
    responses: { 200: { description: 'The KPI', schema: KpiInfoSchema.extend({ values: z.array(KpiValueSchema), regionId: z.string() }) }, 404: { description: 'Unknown KPI or region' }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { entity: { kind: 'kpi', from: 'param.id' }, region: 'query.region' })
  @Get(':id')
  one(@Param('id') id: string, @Query() query: unknown): Promise<KpiListResponse['kpis'][number] & { regionId: string }> {
    const q = parseInput(kpiListQuery.pick({ region: true }), query, 'query');
    return answer(() => {
      const k = this.kpis.kpi(id);
      const regionId = this.kpis.region(q.region);
      const entry = this.kpis.list(regionId, k.sector).kpis.find((e) => e.id === id)!;
      return { ...entry, regionId };
    });
  }

  @ApiDoc({
    summary: 'Series of a KPI',
    description: 'With `period`: the stored values of each day/month/quarter/year. With `resolution` (stream KPIs): the KPI per minute, hour or local day computed from the continuous aggregates; `store=raw` computes the same series from the raw hypertable, for comparison.',
    params: { id: 'KPI id, `{sector}.{key}` (e.g. `health.immunisation_coverage`)' },
    query: kpiSeriesQuery,
    responses: { 200: { description: 'Points, oldest first', schema: KpiSeriesSchema }, 404: { description: 'Unknown KPI or region' }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { entity: { kind: 'kpi', from: 'param.id' }, region: 'query.region' })
  @Get(':id/series')
  series(@Param('id') id: string, @Query() query: unknown): Promise<KpiSeriesResponse> {
    const q = parseInput(kpiSeriesQuery, query, 'query');
    return answer(() => this.kpis.series(id, this.kpis.region(q.region), { ...q, period: q.period as KpiPeriod | undefined }));
  }

  @ApiDoc({
    summary: 'A KPI broken down by region, worst first',
    description: 'The children of a region (or every region of a level under it) for one period, behind-target first, with the reporting compliance of their units when the KPI is built from reports — "which districts are behind on immunisation this quarter, and who has not reported?"',
    params: { id: 'KPI id, `{sector}.{key}` (e.g. `health.immunisation_coverage`)' },
    query: kpiBreakdownQuery,
    responses: { 200: { description: 'Regions with values', schema: KpiBreakdownSchema }, 404: { description: 'Unknown KPI or region' }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { entity: { kind: 'kpi', from: 'param.id' }, region: 'query.region' })
  @Get(':id/breakdown')
  breakdown(@Param('id') id: string, @Query() query: unknown): Promise<KpiBreakdownResponse> {
    const q = parseInput(kpiBreakdownQuery, query, 'query');
    return answer(() => this.kpis.breakdown(id, this.kpis.region(q.region), q.period as KpiPeriod, q.periodKey, q.level as RegionLevel | undefined));
  }

  @ApiDoc({
    summary: 'Targets of a KPI',
    description: 'Module defaults and operator targets; the most specific one applies (region over level, a period key over every period, operator over module).',
    params: { id: 'KPI id, `{sector}.{key}` (e.g. `health.immunisation_coverage`)' },
    responses: { 200: { description: 'Targets', schema: KpiTargetsSchema }, 404: { description: 'Unknown KPI' } },
  })
  @Access('kpi:read', { entity: { kind: 'kpi', from: 'param.id' } })
  @Get(':id/targets')
  listTargets(@Param('id') id: string): Promise<{ kpiId: string; targets: TargetRow[] }> {
    return answer(() => ({ kpiId: this.kpis.kpi(id).id, targets: this.targets.list(id) }));
  }

  @ApiDoc({
    summary: 'Set targets of a KPI',
    description: 'Upserts operator targets by period × period key × region × level; the engine recomputes at once.',
    params: { id: 'KPI id, `{sector}.{key}` (e.g. `health.immunisation_coverage`)' },
    body: { schema: kpiTargetsBody, example: { targets: [{ period: 'quarter', level: 'district', value: 95 }], updatedBy: 'so-y-te' } },
    responses: { 200: { description: 'The targets now', schema: KpiTargetsSchema }, 404: { description: 'Unknown KPI' }, 422: { description: 'A target is invalid' } },
  })
  /** Sets operator targets (upsert by kpi × period × periodKey × region × level). */
  @Access('kpi:write', { entity: { kind: 'kpi', from: 'param.id' } })
  @Put(':id/targets')
  @HttpCode(200)
  async setTargets(@Param('id') id: string, @Body() body: unknown): Promise<{ kpiId: string; targets: TargetRow[] }> {
    const k = await answer(() => this.kpis.kpi(id));
    const b = parseInput(kpiTargetsBody, body);
    const problems: Array<{ field: string; problem: string }> = [];
    b.targets.forEach((t, i) => {
      if (!k.periods.includes(t.period as KpiPeriod)) problems.push({ field: `targets[${i}].period`, problem: `${id} is computed for ${k.periods.join(', ')}` });
      if (t.regionId !== '*' && !this.tree.get(t.regionId)) problems.push({ field: `targets[${i}].regionId`, problem: `"${t.regionId}" is not a region` });
      if (t.regionId !== '*' && t.level !== '*') problems.push({ field: `targets[${i}].level`, problem: 'must be * when regionId names a region' });
      if (t.periodKey !== '*' && t.period === 'realtime') problems.push({ field: `targets[${i}].periodKey`, problem: 'must be * for realtime' });
    });
    if (problems.length) throw invalidBody(problems);
    await this.targets.set(b.targets.map((t) => ({ ...t, kpiId: id, period: t.period as KpiPeriod, level: t.level as TargetRow['level'] })), b.updatedBy ?? null);
    return { kpiId: id, targets: this.targets.list(id) };
  }
}

@Controller('api/v1/regions')
export class RegionKpisController {
  constructor(@Inject(KpiQueries) private readonly kpis: KpiQueries) {}

  @ApiDoc({
    summary: 'KPIs of one region',
    params: { id: 'Region id (province, district or commune)' },
    query: regionKpisQuery,
    responses: { 200: { description: 'KPIs with values', schema: KpiListSchema }, 404: { description: 'Unknown region' }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { region: 'param.id', sector: 'query.sector' })
  @Get(':id/kpis')
  list(@Param('id') id: string, @Query() query: unknown): Promise<KpiListResponse> {
    const q = parseInput(regionKpisQuery, query, 'query');
    return answer(() => this.kpis.list(this.kpis.region(id, 'id'), q.sector, q.period as KpiPeriod | undefined));
  }
}

@Controller('api/v1/kpi-risks')
export class KpiRisksController {
  constructor(@Inject(KpiQueries) private readonly kpis: KpiQueries) {}

  @ApiDoc({
    summary: '"May miss target" states',
    description: 'KPIs whose forecast at period end misses the target (at-risk), and those that recovered, newest first.',
    query: kpiRisksQuery,
    responses: { 200: { description: 'Risks', schema: KpiRiskListSchema }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('kpi:read', { sector: 'query.sector' })
  @Get()
  list(@Query() query: unknown): Promise<KpiRiskList> {
    const q = parseInput(kpiRisksQuery, query, 'query');
    return this.kpis.risks(q.state, q.sector);
  }
}

export interface DataQualityResponse {
  sector: string;
  windowS: number;
  feeds: Array<{ kind: string; sources: number; fresh: number; freshnessPct: number; completenessPct: number | null; validityPct: number | null; deadLettered: number }>;
  sources: SourceQuality[];
}

/** Data truth (đúng, đủ, sạch, sống) per source and per feed (sector × kind). */
@Controller('api/v1/data-quality')
export class DataQualityController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ModuleRegistry) private readonly modules: ModuleRegistry,
  ) {}

  @ApiDoc({
    summary: 'Data truth per source and feed',
    description: 'Freshness (heard from within twice the expected interval), completeness (% of expected readings received), validity (% not dead-lettered) — "đúng, đủ, sạch, sống".',
    query: dataQualityQuery,
    responses: { 200: { description: 'Per feed and per source', schema: DataQualitySchema }, 422: { description: 'A query parameter is invalid' } },
  })
  @Access('telemetry:read', { sector: 'query.sector' })
  @Get()
  async get(@Query() query: unknown): Promise<DataQualityResponse> {
    const q = parseInput(dataQualityQuery, query, 'query');
    if (!this.modules.sector(q.sector)) throw invalidBody([{ field: 'sector', problem: `"${q.sector}" is not a loaded sector` }]);
    const now = new Date();
    const sources = await sourceQuality(this.db, this.modules, q.sector, new Date(now.getTime() - q.windowS * 1000), now, now);
    const byKind = new Map<string, SourceQuality[]>();
    for (const s of sources) (byKind.get(s.kind) ?? byKind.set(s.kind, []).get(s.kind)!).push(s);
    const feeds = [...byKind].map(([kind, list]) => {
      const expected = list.reduce((a, s) => a + s.expected, 0);
      const received = list.reduce((a, s) => a + Math.min(s.received, s.expected), 0);
      const got = list.reduce((a, s) => a + s.received, 0);
      const dead = list.reduce((a, s) => a + s.deadLettered, 0);
      const fresh = list.filter((s) => s.fresh).length;
      return { kind, sources: list.length, fresh, freshnessPct: (100 * fresh) / list.length, completenessPct: expected ? (100 * received) / expected : null, validityPct: got + dead ? (100 * got) / (got + dead) : null, deadLettered: dead };
    });
    return { sector: q.sector, windowS: q.windowS, feeds, sources };
  }
}
