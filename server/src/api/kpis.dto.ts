import { z } from 'zod';
import { KPI_PERIODS } from '@ioc/sdk';

const period = z.enum(KPI_PERIODS as unknown as [string, ...string[]]).describe('realtime, day, month, quarter or year');
const isoDate = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time')
  .transform((s) => new Date(s));

export const kpiListQuery = z.object({
  sector: z.string().optional().describe('Only the KPIs of this sector'),
  region: z.string().optional().describe('Region id (default: the province)'),
  period: period.optional(),
});

export const regionKpisQuery = kpiListQuery.omit({ region: true });

export const kpiSeriesQuery = z
  .object({
    region: z.string().optional().describe('Region id (default: the province)'),
    period: period.optional().describe('Stored period values: day, month, quarter or year'),
    resolution: z.enum(['minute', 'hour', 'day']).optional().describe('Stream KPIs: compute per minute/hour/local day from the continuous aggregates'),
    store: z.enum(['aggregate', 'raw']).optional().describe('With resolution: `raw` computes the same series from the raw hypertable (for comparison)'),
    from: isoDate.optional().describe('Start (ISO-8601)'),
    to: isoDate.optional().describe('End (ISO-8601, default now)'),
  })
  .refine((q) => !(q.period && q.resolution), { message: 'give either period or resolution', path: ['resolution'] })
  .refine((q) => !q.store || q.resolution, { message: 'store applies with resolution only', path: ['store'] });

export const kpiBreakdownQuery = z.object({
  region: z.string().optional().describe('Parent region (default: the province)'),
  period: period.describe('Period kind'),
  periodKey: z.string().optional().describe('Period key such as 2026-Q4 (default: the current period)'),
  level: z.enum(['district', 'commune']).optional().describe('List every region of this level under the parent instead of its children'),
});

export const kpiTargetsBody = z.object({
  targets: z
    .array(
      z.object({
        period: period,
        periodKey: z.string().default('*').describe('A period key, or * for every period of that kind'),
        regionId: z.string().default('*').describe('A region id, or * (then level applies)'),
        level: z.enum(['*', 'province', 'district', 'commune']).default('*'),
        value: z.number().refine(Number.isFinite, 'must be a finite number'),
      }),
    )
    .min(1)
    .max(10_000),
  updatedBy: z.string().max(200).optional(),
});

export const kpiRisksQuery = z.object({
  state: z.enum(['at-risk', 'recovered']).optional(),
  sector: z.string().optional(),
});

export const dataQualityQuery = z.object({
  sector: z.string().describe('Sector id'),
  windowS: z.coerce.number().int().min(60).max(7 * 86400).default(3600).describe('Window for completeness and validity, seconds'),
});

// Response shapes for the OpenAPI document (the TypeScript types live in @ioc/sdk kpi.ts).
const localized = z.object({ vi: z.string(), en: z.string() });
const state = z.enum(['on-track', 'at-risk', 'met', 'missed', 'no-target', 'no-data']);
export const KpiValueSchema = z
  .object({
    kpiId: z.string(),
    regionId: z.string(),
    period: period,
    periodStart: z.string().describe('Start of the period (ISO), or the computation time for realtime'),
    value: z.number().nullable(),
    target: z.number().nullable(),
    attainmentPct: z.number().nullable().describe('Percent of target achieved, direction-aware (100 = on target)'),
    forecast: z.number().nullable().describe('Forecast value at period end'),
    state,
    computedAt: z.string(),
  })
  .meta({ id: 'KpiValue' });
export const KpiInfoSchema = z
  .object({
    id: z.string().describe('`{sector}.{key}`'),
    sector: z.string(),
    key: z.string(),
    kind: z.enum(['stream', 'submitted', 'derived', 'quality']),
    name: localized,
    description: localized.optional(),
    unit: z.union([z.string(), localized]),
    direction: z.enum(['higher', 'lower', 'none']),
    periods: z.array(period),
    rollup: z.object({ fn: z.string(), weight: z.string().optional() }),
    decimals: z.number().optional(),
    group: z.string().optional(),
    formula: z.string().optional(),
    sourceKind: z.string().optional(),
    metric: z.string().optional(),
    event: z.string().optional(),
    aggregate: z.string().optional(),
    report: z.string().optional(),
    field: z.string().optional(),
    measure: z.string().optional(),
  })
  .meta({ id: 'KpiInfo' });
export const KpiListSchema = z.object({ regionId: z.string(), kpis: z.array(KpiInfoSchema.extend({ values: z.array(KpiValueSchema) })) });
export const KpiSeriesSchema = z.object({
  kpiId: z.string(),
  regionId: z.string(),
  period: period.optional(),
  resolution: z.enum(['minute', 'hour', 'day']).optional(),
  store: z.enum(['aggregate', 'raw', 'kpi_value']),
  table: z.string().optional().describe('The table or view read'),
  points: z.array(z.object({ ts: z.string(), value: z.number().nullable(), target: z.number().nullable().optional(), state: state.optional() })),
});
export const KpiBreakdownSchema = z.object({
  kpiId: z.string(),
  regionId: z.string(),
  period,
  periodKey: z.string(),
  parent: KpiValueSchema.nullable(),
  items: z.array(
    z.object({
      regionId: z.string(),
      name: z.string(),
      value: KpiValueSchema.nullable(),
      reporting: z
        .array(z.object({ templateId: z.string(), expected: z.number().int(), submitted: z.number().int(), late: z.number().int(), missing: z.array(z.string()).describe('Units with a due report missing') }))
        .optional(),
    }),
  ),
});
export const KpiTargetsSchema = z.object({
  kpiId: z.string(),
  targets: z.array(z.object({ kpiId: z.string(), period, periodKey: z.string(), regionId: z.string(), level: z.string(), value: z.number(), origin: z.enum(['manifest', 'operator']), updatedAt: z.string().optional(), updatedBy: z.string().nullable().optional() })),
});
export const KpiRiskListSchema = z.object({
  items: z.array(z.object({ kpiId: z.string(), regionId: z.string(), period, periodKey: z.string(), periodStart: z.string(), state: z.enum(['at-risk', 'recovered']), value: z.number().nullable(), forecast: z.number().nullable(), target: z.number(), at: z.string(), raisedAt: z.string(), clearedAt: z.string().nullable() })),
});
const sourceQualitySchema = z.object({
  sourceId: z.string(),
  kind: z.string(),
  regionId: z.string().nullable(),
  lastSeen: z.string().nullable(),
  ageS: z.number().nullable(),
  expectedIntervalS: z.number(),
  fresh: z.boolean(),
  received: z.number(),
  expected: z.number(),
  completenessPct: z.number().nullable(),
  deadLettered: z.number(),
  validityPct: z.number().nullable(),
});
export const DataQualitySchema = z.object({
  sector: z.string(),
  windowS: z.number(),
  feeds: z.array(z.object({ kind: z.string(), sources: z.number(), fresh: z.number(), freshnessPct: z.number(), completenessPct: z.number().nullable(), validityPct: z.number().nullable(), deadLettered: z.number() })),
  sources: z.array(sourceQualitySchema),
});
