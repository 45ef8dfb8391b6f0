/**
 * Zod schemas of shared response shapes, for the OpenAPI document only (the server does not parse
 * its own responses). They mirror the interfaces in `@ioc/sdk` (`rest.ts`, `health.ts`,
 * `manifest.ts`); `.meta({ id })` makes each a named component.
 */
import { z } from 'zod';

/** RFC 9457 problem details, as `ProblemFilter` (`../problem.ts`) sends every error. */
export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('A URI naming the problem type; `about:blank` when the status says it all.'),
    title: z.string().describe('Short summary of the problem type.'),
    status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
    detail: z.string().optional().describe('What went wrong with this request.'),
    instance: z.string().optional().describe('The request path that failed.'),
    errors: z
      .array(
        z.object({
          field: z.string().describe('JSON path of the bad input, e.g. `sources[0].lat`, a query parameter, or `body`.'),
          problem: z.string().describe('What is wrong with it, e.g. `is required`.'),
        }),
      )
      .optional()
      .describe('One entry per bad field.'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (`application/problem+json`).',
    examples: [{ type: 'about:blank', title: 'Invalid request', status: 422, detail: 'level must be one of province, district, commune', instance: '/api/v1/regions?level=village', errors: [{ field: 'level', problem: 'must be one of province, district, commune' }] }],
  });

const ComponentState = z.enum(['up', 'degraded', 'down']).meta({ id: 'ComponentState' });

export const HealthReportSchema = z
  .object({
    status: ComponentState.describe('`down` when any component is down, else `degraded` when any is degraded.'),
    version: z.string(),
    uptimeS: z.number().int().describe('Seconds since the process started.'),
    components: z.record(z.string(), z.looseObject({ state: ComponentState, detail: z.string().optional() })).describe('database, bus, mqtt, ingest, realtime, maintenance, sources — those this process runs.'),
  })
  .meta({ id: 'HealthReport' });

export const LocalizedTextSchema = z.object({ vi: z.string(), en: z.string() }).meta({ id: 'LocalizedText' });
const UnitText = z.union([z.string(), LocalizedTextSchema]);

const Position = z.tuple([z.number().describe('longitude'), z.number().describe('latitude')]);
export const RegionCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z
        .object({
          type: z.literal('Feature'),
          id: z.string().optional(),
          properties: z.object({
            id: z.string(),
            parentId: z.string().nullable(),
            level: z.enum(['province', 'district', 'commune']),
            name: z.string().describe('Vietnamese name.'),
            nameEn: z.string().nullable(),
            center: Position.describe('Approximate centre [lon, lat].'),
            approximate: z.boolean().optional().describe('True for hand-drawn seed boundaries, not legal borders.'),
          }),
          geometry: z
            .union([z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }), z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) })])
            .nullable()
            .describe('Null for a region stored without a boundary yet.'),
        })
        .meta({ id: 'RegionFeature' }),
    ),
  })
  .meta({ id: 'RegionCollection', description: 'A GeoJSON FeatureCollection of regions.' });

const SourceKindSchema = z.looseObject({
  name: LocalizedTextSchema,
  expectedIntervalS: z.number().describe('Expected seconds between telemetry messages (drives staleness).'),
  metrics: z.record(z.string(), z.looseObject({ name: LocalizedTextSchema, unit: UnitText, min: z.number(), max: z.number() })),
  events: z.record(z.string(), z.looseObject({ name: LocalizedTextSchema, fields: z.record(z.string(), z.enum(['string', 'number', 'boolean', 'object'])).optional() })).optional(),
});

export const SectorManifestSchema = z
  .looseObject({
    id: z.string().describe('Sector id, used in MQTT and socket topics.'),
    name: LocalizedTextSchema,
    sourceKinds: z.record(z.string(), SourceKindSchema).describe('Source kinds keyed by kind id.'),
    kpis: z.record(z.string(), z.looseObject({})).optional().describe('Indicators keyed by snake_case id.'),
    reports: z.record(z.string(), z.looseObject({})).optional().describe('Report templates keyed by id.'),
    rules: z.record(z.string(), z.looseObject({})).optional().describe('Default alert rules keyed by id.'),
    dashboards: z.record(z.string(), z.looseObject({})).optional().describe('Dashboard layouts keyed by id.'),
    simulator: z.looseObject({}).optional(),
  })
  .meta({ id: 'SectorManifest', description: 'A sector module as loaded (see `SectorManifest` in @ioc/sdk).' });

/** Fields of a registered source (as `PUT /api/v1/sources` takes them, see sources.dto.ts). */
const sourceFields = {
  id: z.string().describe('Lower-case identifier (a-z, 0-9, `_ . -`; at most 64).'),
  sector: z.string().describe('A loaded sector id.'),
  kind: z.string().describe("A source kind of that sector."),
  name: z.string(),
  regionId: z.string().describe('A region id from `/api/v1/regions`.'),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  attributes: z.record(z.string(), z.unknown()).optional(),
};

export const SourceWithStateSchema = z
  .object({
    ...sourceFields,
    state: z.enum(['online', 'offline', 'stale', 'unknown']).describe('`stale` when no message came within the kind’s expected interval.'),
    lastSeen: z.string().nullable().describe('Time of the last message (ISO 8601), null if none yet.'),
  })
  .meta({ id: 'SourceWithState' });

export const SeriesResponseSchema = z
  .object({
    sourceId: z.string(),
    metric: z.string(),
    points: z.array(z.object({ ts: z.string().describe('Start of the one-minute bucket (ISO 8601).'), avg: z.number(), min: z.number(), max: z.number() })),
  })
  .meta({ id: 'SeriesResponse' });

export const DeadLetterListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        received_at: z.string().describe('ISO 8601.'),
        topic: z.string(),
        payload_size: z.number().int().describe('Bytes of the whole payload.'),
        payload_sha256: z.string().describe('Hex SHA-256 of the whole payload.'),
        truncated: z.boolean().describe('True when only the first DEAD_LETTER_MAX_BYTES were kept.'),
        reason_code: z.string(),
        reason: z.string(),
        preview: z.string().describe('The first 512 bytes, escaped.'),
      }),
    ),
    byReason: z.array(z.object({ reason_code: z.string(), count: z.number().int() })).describe('Count of all dead letters by reason, most frequent first.'),
  })
  .meta({ id: 'DeadLetterList' });
