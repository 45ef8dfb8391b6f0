import 'reflect-metadata';

/**
 * A JSON Schema (2020-12, the dialect of OpenAPI 3.1) written by hand, e.g.
 * `{ type: 'string', format: 'date-time' }` or `{ $ref: '#/components/schemas/Problem' }`.
 */
export type JsonSchema = { [keyword: string]: unknown };

/**
 * A zod 4 schema (converted with `z.toJSONSchema`) or a JSON Schema object. Zod schemas carrying
 * `.meta({ id: 'Name' })` become shared `#/components/schemas/Name` entries.
 */
// Structural, so that a schema built by another copy of zod is recognised too.
export type SchemaLike = { readonly _zod: unknown } | JsonSchema;

/** One path parameter: a plain description, or a description and a schema. */
export type ApiParamDoc = string | { description?: string; schema?: SchemaLike; example?: unknown };

/** A file field of a multipart body (`{ file: true }`), or `'file'` for short. */
export type ApiFileField = 'file' | { file: true; description?: string; contentType?: string; multiple?: boolean };

/** A JSON (or other single media type) request body with options. */
export interface ApiBodyDoc {
  schema: SchemaLike;
  description?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** Default true. */
  required?: boolean;
  example?: unknown;
}

/** A `multipart/form-data` body: each field is a file or a schema (a text field). */
export interface ApiMultipartDoc {
  multipart: Record<string, ApiFileField | SchemaLike>;
  /** Fields that must be present; default all file fields. */
  required?: string[];
  description?: string;
}

export interface ApiResponseDoc {
  description: string;
  /**
   * Body schema. Omit on a 4xx/5xx to get the shared RFC 9457 `Problem` as
   * `application/problem+json`; omit on a 2xx for a response without a body (or give just a
   * `contentType`, e.g. a file download).
   */
  schema?: SchemaLike;
  /** Default `application/json` (`application/problem+json` for a problem). */
  contentType?: string;
  example?: unknown;
  headers?: Record<string, { description: string; schema?: SchemaLike }>;
}

export type ApiStatus = number | `${number}` | `${number}XX` | 'default';

/** What `@ApiDoc` records about one route. */
export interface ApiDocOptions {
  /** One line, imperative or noun phrase: "List sources". */
  summary: string;
  /** Longer Markdown; say what the route is for and what it refuses. */
  description?: string;
  /** Default: the controller's name (`SourcesController` → `sources`). */
  tags?: string[];
  /** Default `<tag>_<method name>`, made unique. */
  operationId?: string;
  deprecated?: boolean;
  /**
   * Query parameters as one object schema (`z.object({...})`): each property becomes one `in: query`
   * parameter; required follows the schema (use `.optional()` / `.default()`), the property's
   * `.describe()` text becomes the parameter's description.
   */
  query?: SchemaLike;
  /**
   * Path parameters. The names come from the route pattern (`:id` → `{id}`); describe them here
   * with an object schema or a record of descriptions. Undescribed ones are documented as strings.
   */
  params?: SchemaLike | Record<string, ApiParamDoc>;
  /** Request headers the route reads, as one object schema (like `query`). */
  headers?: SchemaLike;
  /** The request body: a schema (JSON), a body with options, or a multipart form. */
  body?: SchemaLike | ApiBodyDoc | ApiMultipartDoc;
  /**
   * Responses by status. Give at least the success one (the handler's real status: 200, or 201 for
   * `@Post` without `@HttpCode`). Every route also gets a 500 problem, and routes with a JSON body
   * a 400 (malformed JSON) and 413 (too large), unless you document those statuses yourself.
   */
  responses: Partial<Record<ApiStatus, ApiResponseDoc>>;
}

/** Reflect metadata key of {@link ApiDoc}; a string so that copies of this module agree. */
export const API_DOC_METADATA = 'ioc:openapi:api-doc';

/**
 * Documents one route for the OpenAPI document served at `/api/docs/openapi.json` (Swagger UI at
 * `/api/docs`). Every route must carry it: `tests/stack/openapi.spec.ts` fails naming any route
 * without it, and any query parameter, path parameter or body the handler reads but the doc leaves
 * out.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { ApiDoc } from './openapi/api-doc.js';
 *
 * const KpiValue = z.object({ id: z.string(), value: z.number().nullable() }).meta({ id: 'KpiValue' });
 *
 * @Controller('api/v1/kpis')
 * export class KpisController {
 *   @Get(':id/values')
 *   @ApiDoc({
 *     summary: 'Values of one KPI',
 *     description: 'Daily values, newest last. / Giá trị theo ngày của một chỉ tiêu.',
 *     params: { id: 'KPI id, `{sector}.{key}`' },
 *     query: z.object({
 *       regionId: z.string().describe('Region (default: the province)').optional(),
 *       days: z.coerce.number().int().min(1).max(366).default(30).describe('How many days back'),
 *     }),
 *     responses: {
 *       200: { description: 'The values', schema: z.object({ items: z.array(KpiValue) }) },
 *       404: { description: 'No such KPI' },                  // → the shared Problem (problem+json)
 *       422: { description: 'A query parameter is invalid' },
 *     },
 *   })
 *   values(@Param('id') id: string, @Query('regionId') regionId?: string, @Query('days') days?: string) { … }
 *
 *   @Post('import')
 *   @ApiDoc({
 *     summary: 'Import a workbook',
 *     body: { multipart: { file: { file: true, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, period: z.string() } },
 *     responses: { 201: { description: 'Imported', schema: z.object({ rows: z.number().int() }) } },
 *   })
 *   import(…) { … }
 * }
 * ```
 * A response schema can also be a hand-written JSON Schema (`{ type: 'object', … }`), and a
 * download a bare content type: `200: { description: 'The workbook', contentType: 'application/vnd…sheet' }`.
 */
export function ApiDoc(doc: ApiDocOptions): MethodDecorator {
  return (_target, _key, descriptor) => {
    Reflect.defineMetadata(API_DOC_METADATA, doc, descriptor.value as object);
    return descriptor;
  };
}

/** The `@ApiDoc` of a route handler (the prototype's method), if any. */
export function getApiDoc(handler: unknown): ApiDocOptions | undefined {
  return typeof handler === 'function' ? (Reflect.getMetadata(API_DOC_METADATA, handler) as ApiDocOptions | undefined) : undefined;
}

export function isZodSchema(value: unknown): value is { readonly _zod: unknown } {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

export function isMultipart(body: ApiDocOptions['body']): body is ApiMultipartDoc {
  return typeof body === 'object' && body !== null && !isZodSchema(body) && 'multipart' in body;
}

export function isBodyDoc(body: ApiDocOptions['body']): body is ApiBodyDoc {
  return typeof body === 'object' && body !== null && !isZodSchema(body) && 'schema' in body && !('type' in body) && !('$ref' in body);
}
