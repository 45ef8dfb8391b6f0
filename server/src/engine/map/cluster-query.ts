import { z } from 'zod';

/** Layers the cluster route serves. */
export const CLUSTER_LAYERS = ['sources', 'cameras', 'incidents', 'units', 'feedback', 'synthetic'] as const;
export type ClusterLayer = (typeof CLUSTER_LAYERS)[number];

export type Bbox = [west: number, south: number, east: number, north: number];

/**
 * `w,s,e,n` in degrees: four numbers, longitudes in −180..180, latitudes in −90..90 (Web Mercator
 * stops at ±85.05, larger is accepted and clamped by the index), west < east (no antimeridian
 * crossing: the province is nowhere near it) and south < north.
 */
export const bboxText = z.string().transform((text, ctx): Bbox => {
  const parts = text.split(',').map((p) => p.trim());
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (parts.length !== 4) return fail('must be four numbers w,s,e,n');
  const nums = parts.map((p) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(p) ? Number(p) : Number.NaN));
  if (nums.some((n) => !Number.isFinite(n))) return fail('must be four numbers w,s,e,n');
  const [w, s, e, n] = nums as Bbox;
  if (w < -180 || w > 180 || e < -180 || e > 180) return fail('longitudes must be within -180..180');
  if (s < -90 || s > 90 || n < -90 || n > 90) return fail('latitudes must be within -90..90');
  if (w >= e) return fail('west must be less than east');
  if (s >= n) return fail('south must be less than north');
  return [w, s, e, n];
});

export const clustersQuery = z
  .object({
    layer: z.enum(CLUSTER_LAYERS).describe(`Layer: ${CLUSTER_LAYERS.join(', ')}`),
    bbox: bboxText.describe('Viewport w,s,e,n in degrees (west < east, south < north)'),
    zoom: z
      .string()
      .regex(/^\d{1,2}$/, 'must be an integer 0..22')
      .transform(Number)
      .pipe(z.number().int().min(0, 'must be an integer 0..22').max(22, 'must be an integer 0..22'))
      .describe('Map zoom, an integer 0..22 (the client rounds its fractional zoom)'),
    n: z
      .string()
      .regex(/^\d{1,7}$/, 'must be a whole number')
      .transform(Number)
      .optional()
      .describe('synthetic layer only: how many points (at most MAP_SYNTHETIC_MAX)'),
  })
  .strict();

export type ClustersQuery = z.output<typeof clustersQuery>;
