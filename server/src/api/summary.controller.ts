import { z } from 'zod';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AlertService } from '../engine/alerts/alert.service.js';
import { IncidentService } from '../engine/incidents/incident.service.js';
import { KpiQueries } from '../engine/kpi/kpi-queries.js';
import { TargetBook } from '../engine/kpi/targets.js';
import { ModuleRegistry } from '../engine/registry/module-registry.js';
import { RegionTree } from '../engine/registry/region-tree.js';
import { encodeJson, etagMatches, regionSummary } from '../app/summary.js';
import { ApiDoc } from './openapi/api-doc.js';
import { ProblemException } from './problem.js';
import { parseInput } from './validation.js';
import { Access } from '../engine/auth/access.js';

const summaryQuery = z.object({
  region: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a region id (letters, digits, . _ -; at most 100)')
    .optional()
    .describe('Region id (province, district or commune); default the province.'),
});

const Localized = z.object({ vi: z.string(), en: z.string().optional() });
const State = z.enum(['on-track', 'at-risk', 'met', 'missed', 'no-target', 'no-data']);
const Severity = z.enum(['critical', 'major', 'minor', 'warning', 'info']);
const RegionSummarySchema = z
  .object({
    region: z.object({ id: z.string(), name: z.string(), level: z.enum(['province', 'district', 'commune']) }),
    path: z.array(z.object({ id: z.string(), name: z.string() })).describe('Ancestors, province first'),
    asOf: z.string().nullable().describe('Newest change among the values, alerts and incidents (ISO)'),
    sectors: z.array(z.object({ id: z.string(), name: Localized })),
    kpis: z.array(
      z.object({
        id: z.string(),
        sector: z.string(),
        name: Localized,
        unit: z.union([z.string(), Localized]).nullable(),
        decimals: z.number(),
        direction: z.string(),
        period: z.string(),
        value: z.number().nullable(),
        target: z.number().nullable(),
        attainmentPct: z.number().nullable(),
        state: State,
      }),
    ),
    counts: z.object({ alerts: z.number(), incidents: z.number() }),
    children: z.array(z.object({ id: z.string(), name: z.string(), level: z.string(), worst: State, missed: z.number(), atRisk: z.number(), alerts: z.number(), incidents: z.number() })),
    alerts: z.array(z.object({ id: z.string(), severity: Severity, title: Localized, state: z.string(), regionId: z.string().nullable(), regionName: z.string().nullable(), since: z.string(), lastAt: z.string() })),
    incidents: z.array(z.object({ id: z.string(), code: z.string(), severity: Severity, title: z.string(), state: z.string(), regionId: z.string().nullable(), regionName: z.string().nullable(), since: z.string(), slaBreached: z.boolean() })),
  })
  .meta({ id: 'RegionSummary' });

/** `GET /api/v1/summary`: the leader tablet's one compact request per region. */
@Controller('api/v1/summary')
export class SummaryController {
  constructor(
    @Inject(KpiQueries) private readonly kpis: KpiQueries,
    @Inject(TargetBook) private readonly targets: TargetBook,
    @Inject(AlertService) private readonly alerts: AlertService,
    @Inject(IncidentService) private readonly incidents: IncidentService,
    @Inject(RegionTree) private readonly tree: RegionTree,
    @Inject(ModuleRegistry) private readonly modules: ModuleRegistry,
  ) {}

  @ApiDoc({
    summary: 'Compact summary of a region (leader tablet)',
    description:
      'Everything the leader tablet shows for one region in one small response: the current value, target and state of every key KPI — one held against a target (one period each: today, else live, else the shortest), the children with their worst KPI state and counts of active alerts and open incidents, and the five most severe alerts and incidents. Gzip when the client accepts it; a weak ETag, and 304 on a matching If-None-Match. / Tóm tắt một địa bàn cho máy tính bảng lãnh đạo.',
    query: summaryQuery,
    headers: z.object({
      'if-none-match': z.string().optional().describe('ETag of the copy the client holds; 304 when it is still current.'),
      'accept-encoding': z.string().optional().describe('`gzip` gets a gzip body.'),
    }),
    responses: {
      200: { description: 'The summary', schema: RegionSummarySchema, headers: { ETag: { description: 'Weak entity tag of the body' } } },
      304: { description: 'The copy named by If-None-Match is current' },
      404: { description: 'Unknown region' },
      422: { description: '`region` is malformed' },
    },
  })
  @Access('kpi:read', { region: 'query.region' })
  @Get()
  async get(@Query() query: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const q = parseInput(summaryQuery, query, 'query');
    const regionId = q.region ?? this.tree.root()?.id;
    if (!regionId || !this.tree.get(regionId)) {
      throw new ProblemException({ status: 404, title: 'Not found', detail: `region "${regionId ?? ''}" is not a region`, errors: [{ field: 'region', problem: `"${regionId ?? ''}" is not a region` }] });
    }
    const body = await regionSummary({ kpis: this.kpis, targets: this.targets, alerts: this.alerts, incidents: this.incidents, tree: this.tree, modules: this.modules }, regionId);
    const { etag, raw, gzip } = encodeJson(body, req.headers['accept-encoding']);
    res.setHeader('ETag', etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type('application/json');
    if (gzip) {
      res.setHeader('Content-Encoding', 'gzip');
      res.end(gzip);
    } else res.end(raw);
  }
}
