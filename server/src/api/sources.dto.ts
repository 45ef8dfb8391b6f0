import { z } from 'zod';
import { TOPIC_SEGMENT, type SourceDefinition } from '@ioc/sdk';
import { invalidBody } from './problem.js';

const sourceSchema = z.object({
  id: z.string().regex(TOPIC_SEGMENT, 'must be a lower-case identifier (a-z, 0-9, _ . -; at most 64)'),
  sector: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1).max(200),
  regionId: z.string().min(1),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  attributes: z.record(z.string(), z.unknown()).optional(),
}).meta({ id: 'SourceDefinition', description: 'A data source to register: a device, camera or facility feed.' });

/** Body of `PUT /api/v1/sources` (also its schema in the OpenAPI document). */
export const putSourcesSchema = z.object({ sources: z.array(sourceSchema).max(50_000) });

/** Validates `PUT /api/v1/sources`; a problem names each field by its JSON path. */
export function parsePutSources(body: unknown): SourceDefinition[] {
  const r = putSourcesSchema.safeParse(body);
  if (!r.success) {
    throw invalidBody(r.error.issues.map((i) => ({ field: i.path.length ? i.path.map((p, n) => (typeof p === 'number' ? `[${p}]` : `${n ? '.' : ''}${String(p)}`)).join('') : 'body', problem: / received undefined$/.test(i.message) ? 'is required' : i.message })));
  }
  return r.data.sources;
}
