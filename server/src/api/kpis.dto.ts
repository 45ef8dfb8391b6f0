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
