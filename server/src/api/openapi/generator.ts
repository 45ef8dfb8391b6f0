import { isBodyDoc, isMultipart, isZodSchema, type ApiDocOptions, type ApiFileField, type ApiParamDoc, type ApiResponseDoc, type JsonSchema, type SchemaLike } from './api-doc.js';
import { SchemaCollector, type SchemaIo } from './json-schema.js';
import { toOpenApiPaths } from './paths.js';
import type { RouteInfo } from './routes.js';
import { ProblemSchema } from './schemas.js';

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string; [k: string]: unknown };
  servers?: Array<{ url: string; description?: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema>; securitySchemes?: Record<string, JsonSchema> };
  [k: string]: unknown;
};

export interface OpenApiOptions {
  title?: string;
  version: string;
  description?: string;
  /** Default one relative server, `/` (the host that served the document). */
  servers?: Array<{ url: string; description?: string }>;
  /** Descriptions of tags, by tag name. */
  tags?: Record<string, string>;
}

export interface OpenApiResult {
  document: OpenApiDocument;
  /** Routes without `@ApiDoc`, inputs the doc leaves out, schemas that failed to convert, … */
  problems: string[];
}

export const DEFAULT_DESCRIPTION = [
  'REST API of the open Intelligent Operations Center (IOC) for provincial and commune governments: geography, sector modules, data sources and their measurements, indicators, reports and the health of the system.',
  '',
  'Errors are RFC 9457 problem details (`application/problem+json`) naming each bad field in `errors`. Live data is pushed over socket.io (`/live`), not described here.',
  '',
  'Giao diện lập trình (REST API) của Trung tâm Giám sát, Điều hành thông minh (IOC) dành cho chính quyền cấp tỉnh và cấp xã.',
].join('\n');

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

const SHARED_RESPONSES: Record<string, JsonSchema> = {
  InternalError: { description: 'The server failed to handle the request (details are in its log, not in the answer).', content: { [PROBLEM_JSON]: { schema: PROBLEM_REF } } },
  MalformedJson: { description: 'The body is not valid JSON (`errors[0].field` is `body`).', content: { [PROBLEM_JSON]: { schema: PROBLEM_REF } } },
  BodyTooLarge: { description: 'The body exceeds the size limit.', content: { [PROBLEM_JSON]: { schema: PROBLEM_REF } } },
};

function tagOf(controller: string): string {
  return controller
    .replace(/Controller$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

function routeName(r: RouteInfo): string {
  return `${r.method.toUpperCase()} ${r.path} (${r.controller}.${r.handler})`;
}

function isError(status: string): boolean {
  return status === 'default' || /^[45]/.test(status);
}

/**
 * Builds the OpenAPI 3.1 document of `routes` (from {@link collectRoutes}) from their `@ApiDoc`.
 * Never throws on a bad doc: what is wrong is listed in `problems` and the rest is documented.
 */
export function buildOpenApi(routes: RouteInfo[], options: OpenApiOptions): OpenApiResult {
  const problems: string[] = [];
  const schemas = new SchemaCollector();
  const paths: OpenApiDocument['paths'] = {};
  const operationIds = new Set<string>();
  const tags = new Set<string>();
  const problemRef = schemas.convert(ProblemSchema, 'output', 'Problem');

  const sorted = [...routes].sort((a, b) => (a.path === b.path ? OPERATION_METHODS.indexOf(a.method as never) - OPERATION_METHODS.indexOf(b.method as never) : a.path < b.path ? -1 : 1));
  for (const route of sorted) {
    const doc = route.doc;
    if (!doc) {
      problems.push(`${routeName(route)} has no @ApiDoc`);
      continue;
    }
    const methods = route.method === 'all' ? ['get', 'post', 'put', 'patch', 'delete'] : [route.method];
    if (!methods.every((m) => (OPERATION_METHODS as readonly string[]).includes(m))) {
      problems.push(`${routeName(route)}: OpenAPI 3.1 has no "${route.method}" operation`);
      continue;
    }
    for (const variant of toOpenApiPaths(route.path)) {
      const opTags = doc.tags?.length ? doc.tags : [tagOf(route.controller)];
      opTags.forEach((t) => tags.add(t));
      for (const method of methods) {
        const name = `${method.toUpperCase()} ${variant.path} (${route.controller}.${route.handler})`;
        const hint = `${route.controller.replace(/Controller$/, '')}_${route.handler}`;
        const operation = buildOperation(route, doc, variant.params, variant.wildcards, name, hint, schemas, problems, problemRef);
        operation.tags = opTags;
        // Who may call it: a bearer token unless public, and the permission the policy asks for.
        if (route.access && route.access.permission !== 'public') {
          operation.security = [{ bearerAuth: [] }];
          operation['x-ioc-permission'] = route.access.permission;
          const r = (operation.responses ??= {}) as Record<string, unknown>;
          r['401'] ??= { $ref: '#/components/responses/Unauthorized' };
          if (route.access.permission !== 'signed-in') r['403'] ??= { $ref: '#/components/responses/Forbidden' };
        } else if (route.access) operation.security = [];
        let id = doc.operationId ?? `${opTags[0]!.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}_${route.handler}`;
        if (methods.length > 1) id += `_${method}`;
        if (operationIds.has(id)) {
          if (doc.operationId) problems.push(`${name}: operationId "${id}" is used twice`);
          let n = 2;
          while (operationIds.has(`${id}_${n}`)) n++;
          id = `${id}_${n}`;
        }
        operationIds.add(id);
        operation.operationId = id;
        const item = (paths[variant.path] ??= {});
        if (item[method]) problems.push(`${name}: ${method.toUpperCase()} ${variant.path} is served by two handlers`);
        else item[method] = orderOperation(operation);
      }
    }
  }

  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'IOC API',
      version: options.version,
      description: options.description ?? DEFAULT_DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: options.servers ?? [{ url: '/', description: 'This server' }],
    tags: [...tags].sort().map((name) => (options.tags?.[name] ? { name, description: options.tags[name] } : { name })),
    paths: Object.fromEntries(Object.keys(paths).sort().map((p) => [p, paths[p]!])),
    components: {
      schemas: {},
      responses: {
        ...structuredClone(SHARED_RESPONSES),
        Unauthorized: { description: 'No access token, or it is invalid or expired (POST /api/v1/auth/login)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        Forbidden: { description: 'Signed in, but the role or its region / sector scope does not reach this data', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /api/v1/auth/login (or the provincial SSO)' } },
    },
  };
  document.components.schemas = schemas.finish(document);
  problems.push(...schemas.problems);
  return { document, problems };
}

function orderOperation(op: JsonSchema): JsonSchema {
  const order = ['tags', 'summary', 'description', 'operationId', 'deprecated', 'security', 'x-ioc-permission', 'parameters', 'requestBody', 'responses'];
  return Object.fromEntries(order.filter((k) => op[k] !== undefined).map((k) => [k, op[k]]));
}

/** The properties and required list of an object schema (zod or JSON), for parameters. */
function objectProperties(schemas: SchemaCollector, schema: SchemaLike, io: SchemaIo, hint: string): { props: Record<string, JsonSchema>; required: string[] } | undefined {
  const json = schemas.deref(schemas.convert(schema, io, hint));
  if (typeof json.properties !== 'object' || json.properties === null) return undefined;
  return { props: json.properties as Record<string, JsonSchema>, required: Array.isArray(json.required) ? (json.required as string[]) : [] };
}

function parameter(name: string, where: 'query' | 'path' | 'header', schema: JsonSchema, required: boolean, description?: string, example?: unknown): JsonSchema {
  const s = { ...schema };
  const desc = description ?? (typeof s.description === 'string' ? s.description : undefined);
  delete s.description;
  const p: JsonSchema = { name, in: where };
  if (desc) p.description = desc;
  p.required = required;
  p.schema = s;
  if (example !== undefined) p.example = example;
  return p;
}

function buildOperation(
  route: RouteInfo,
  doc: ApiDocOptions,
  pathParams: string[],
  wildcards: string[],
  name: string,
  hint: string,
  schemas: SchemaCollector,
  problems: string[],
  problemRef: JsonSchema,
): JsonSchema {
  const op: JsonSchema = { summary: doc.summary };
  if (doc.description) op.description = doc.description;
  if (doc.deprecated) op.deprecated = true;
  const parameters: JsonSchema[] = [];

  // Path parameters: the names come from the route pattern.
  let described: Record<string, { description?: string; schema?: JsonSchema; example?: unknown }> = {};
  if (doc.params) {
    if (isZodSchema(doc.params) || 'type' in doc.params || '$ref' in doc.params) {
      const obj = objectProperties(schemas, doc.params as SchemaLike, 'input', `${hint}_params`);
      if (!obj) problems.push(`${name}: params must be an object schema`);
      else {
        described = Object.fromEntries(Object.entries(obj.props).map(([k, s]) => [k, { schema: s }]));
      }
    } else {
      for (const [k, v] of Object.entries(doc.params as Record<string, ApiParamDoc>)) {
        described[k] = typeof v === 'string' ? { description: v } : { description: v.description, example: v.example, schema: v.schema ? schemas.convert(v.schema, 'input', `${hint}_${k}`) : undefined };
      }
    }
  }
  for (const k of Object.keys(described)) if (!pathParams.includes(k) && !route.path.includes(`:${k}`) && !route.path.includes(`*${k}`)) problems.push(`${name}: params documents "${k}", which is not in the route pattern`);
  for (const p of pathParams) {
    const d = described[p];
    const base: JsonSchema = d?.schema ?? { type: 'string' };
    const desc = d?.description ?? (wildcards.includes(p) ? 'One or more path segments.' : undefined);
    parameters.push(parameter(p, 'path', base, true, desc, d?.example));
  }

  // Query parameters and headers: one object schema each.
  const queryNames = new Set<string>();
  for (const [where, schema] of [['query', doc.query], ['header', doc.headers]] as const) {
    if (!schema) continue;
    const obj = objectProperties(schemas, schema, 'input', `${hint}_${where}`);
    if (!obj) {
      problems.push(`${name}: ${where === 'query' ? 'query' : 'headers'} must be an object schema (z.object({...}))`);
      continue;
    }
    for (const [k, s] of Object.entries(obj.props)) {
      if (where === 'query') queryNames.add(k);
      parameters.push(parameter(k, where, s, obj.required.includes(k)));
    }
  }
  for (const q of route.inputs.query) {
    if (q === '*' ? !doc.query : !queryNames.has(q)) problems.push(`${name}: the handler reads query ${q === '*' ? 'parameters' : `"${q}"`}, which the doc does not list in \`query\``);
  }
  for (const q of route.inputs.params) if (q !== '*' && !route.path.includes(`:${q}`) && !route.path.includes(`*${q}`)) problems.push(`${name}: the handler reads path parameter "${q}", which is not in the route pattern`);
  if (parameters.length) op.parameters = parameters;

  // Request body.
  let jsonBody = false;
  if (doc.body) {
    if (isMultipart(doc.body)) {
      const properties: Record<string, JsonSchema> = {};
      const encoding: Record<string, JsonSchema> = {};
      const required: string[] = doc.body.required ?? [];
      for (const [field, spec] of Object.entries(doc.body.multipart)) {
        const file = spec === 'file' ? { file: true as const } : isZodSchema(spec) || !('file' in spec) ? undefined : (spec as Exclude<ApiFileField, 'file'>);
        if (file) {
          const one: JsonSchema = { type: 'string', format: 'binary', contentMediaType: file.contentType ?? 'application/octet-stream' };
          if (file.description) one.description = file.description;
          properties[field] = file.multiple ? { type: 'array', items: one } : one;
          if (file.contentType) encoding[field] = { contentType: file.contentType };
          if (!doc.body.required) required.push(field);
        } else properties[field] = schemas.convert(spec as SchemaLike, 'input', `${hint}_${field}`);
      }
      const media: JsonSchema = { schema: { type: 'object', properties, ...(required.length ? { required } : {}) } };
      if (Object.keys(encoding).length) media.encoding = encoding;
      op.requestBody = { ...(doc.body.description ? { description: doc.body.description } : {}), required: true, content: { 'multipart/form-data': media } };
    } else {
      const b = isBodyDoc(doc.body) ? doc.body : { schema: doc.body as SchemaLike };
      const contentType = b.contentType ?? 'application/json';
      jsonBody = /json/.test(contentType);
      const media: JsonSchema = { schema: schemas.convert(b.schema, 'input', `${hint}_body`) };
      if (b.example !== undefined) media.example = b.example;
      op.requestBody = { ...(b.description ? { description: b.description } : {}), required: b.required ?? true, content: { [contentType]: media } };
    }
  } else if (route.inputs.body) problems.push(`${name}: the handler reads the body, which the doc does not describe in \`body\``);

  // Responses.
  const responses: Record<string, JsonSchema> = {};
  const statuses = Object.keys(doc.responses).sort();
  for (const status of statuses) {
    const r = (doc.responses as Record<string, ApiResponseDoc | undefined>)[status];
    if (!r) continue;
    if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) {
      problems.push(`${name}: "${status}" is not an HTTP status`);
      continue;
    }
    const out: JsonSchema = { description: r.description };
    if (r.headers) {
      out.headers = Object.fromEntries(Object.entries(r.headers).map(([h, v]) => [h, { description: v.description, schema: v.schema ? schemas.convert(v.schema, 'output', `${hint}_${status}_${h}`) : { type: 'string' } }]));
    }
    if (r.schema) {
      const media: JsonSchema = { schema: schemas.convert(r.schema, 'output', `${hint}_${status}`) };
      if (r.example !== undefined) media.example = r.example;
      out.content = { [r.contentType ?? 'application/json']: media };
    } else if (isError(status)) {
      out.content = { [r.contentType ?? PROBLEM_JSON]: { schema: { ...problemRef }, ...(r.example !== undefined ? { example: r.example } : {}) } };
    } else if (r.contentType) {
      out.content = { [r.contentType]: r.example !== undefined ? { example: r.example } : {} };
    }
    responses[status] = out;
  }
  const success = statuses.filter((s) => /^[23]/.test(s));
  if (!success.length) problems.push(`${name}: the doc lists no 2xx/3xx response`);
  else if (!route.inputs.response && !success.includes(String(route.status)) && !success.includes(`${String(route.status)[0]}XX`)) {
    problems.push(`${name}: the handler answers ${route.status} (${route.status === 201 ? 'POST without @HttpCode' : '@HttpCode'}), but the doc lists ${success.join(', ')}`);
  }
  if (jsonBody) {
    responses['400'] ??= { $ref: '#/components/responses/MalformedJson' };
    responses['413'] ??= { $ref: '#/components/responses/BodyTooLarge' };
  }
  responses['500'] ??= { $ref: '#/components/responses/InternalError' };
  op.responses = Object.fromEntries(Object.keys(responses).sort().map((s) => [s, responses[s]!]));
  return op;
}
