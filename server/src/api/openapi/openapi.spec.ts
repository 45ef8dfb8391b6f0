import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Get, HttpCode, Module, Param, Post, Put, Query, Version, VersioningType, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiDoc } from './api-doc.js';
import { buildOpenApi } from './generator.js';
import { mountApiDocs, DOCS_CSP } from './mount.js';
import { toOpenApiPaths } from './paths.js';
import { collectRoutes } from './routes.js';
import { validateOpenApiDocument } from './validate.js';

const Thing = z.object({ id: z.string(), size: z.number().int().default(1), tags: z.array(z.string()).optional() }).meta({ id: 'Thing', description: 'A thing' });
const Tree: z.ZodType<{ name: string; kids: unknown[] }> = z.object({ name: z.string(), get kids() { return z.array(Tree); } });

/*
 * The server's tsconfig leaves specs out, so vitest compiles this file without
 * experimentalDecorators: the test controllers are decorated by calling the decorators.
 */
type Method = { decorators: MethodDecorator[]; params?: ParameterDecorator[] };
function controller(path: string, methods: Record<string, Method>): new () => unknown {
  class TestController {}
  for (const [name, m] of Object.entries(methods)) {
    const proto = TestController.prototype as unknown as Record<string, unknown>;
    proto[name] = function () {
      return { name };
    };
    Object.defineProperty(proto[name], 'name', { value: name });
    Reflect.decorate(m.decorators, proto, name, Object.getOwnPropertyDescriptor(proto, name));
    (m.params ?? []).forEach((d, i) => d(proto, name, i));
  }
  Controller(path)(TestController);
  Object.defineProperty(TestController, 'name', { value: `${path[0]!.toUpperCase()}${path.slice(1)}Controller` });
  return TestController;
}

const ThingsController = controller('things', {
  list: {
    decorators: [
      Get(),
      ApiDoc({
        summary: 'List things',
        query: z.object({ q: z.string().describe('Search text'), limit: z.coerce.number().int().min(1).default(10).optional() }),
        responses: { 200: { description: 'ok', schema: z.object({ items: z.array(Thing) }) }, 422: { description: 'bad query' } },
      }),
    ],
    params: [Query('q'), Query('limit')],
  },
  put: {
    decorators: [Put(':id'), ApiDoc({ summary: 'Replace a thing', params: { id: 'Thing id' }, body: Thing, responses: { 200: { description: 'replaced', schema: Thing }, 404: { description: 'no such thing' } } })],
    params: [Param('id'), Body()],
  },
  import: {
    decorators: [
      Post('import'),
      ApiDoc({
        summary: 'Import',
        body: { multipart: { file: { file: true, contentType: 'text/csv', description: 'the rows' }, note: z.string().max(100) } },
        responses: { 201: { description: 'imported', schema: { type: 'object', properties: { rows: { type: 'integer' } } } } },
      }),
    ],
  },
  tree: {
    decorators: [Get('tree{/:depth}'), Version('2'), ApiDoc({ summary: 'Tree', params: z.object({ depth: z.coerce.number().int().describe('How deep') }), responses: { 200: { description: 'the tree', schema: Tree } } })],
  },
  download: {
    decorators: [Get('report.xlsx'), ApiDoc({ summary: 'Download', responses: { 200: { description: 'the workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } } })],
  },
});

const BadController = controller('bad', {
  undocumented: { decorators: [Get('undocumented')] },
  status: { decorators: [Post('status'), ApiDoc({ summary: 'Wrong status', body: z.object({}), responses: { 200: { description: 'ok' } } })], params: [Body(), Query('hidden')] },
  nobody: { decorators: [Post('nobody'), HttpCode(200), ApiDoc({ summary: 'Body not documented', responses: { 200: { description: 'ok' } } })], params: [Body()] },
});

async function appOf(...controllers: Array<new () => unknown>): Promise<INestApplication> {
  class TestModule {}
  Module({ controllers })(TestModule);
  const app = await NestFactory.create(TestModule, { logger: false, abortOnError: false });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  return app;
}

describe('route patterns → OpenAPI paths', () => {
  it('converts parameters, wildcards and optional groups', () => {
    expect(toOpenApiPaths('/api/v1/sources/:id/series')).toEqual([{ path: '/api/v1/sources/{id}/series', params: ['id'], wildcards: [] }]);
    expect(toOpenApiPaths('/files/*rest')).toEqual([{ path: '/files/{rest}', params: ['rest'], wildcards: ['rest'] }]);
    expect(toOpenApiPaths('/a{/:b}').map((p) => p.path)).toEqual(['/a', '/a/{b}']);
    expect(toOpenApiPaths('/a/report\\:x').map((p) => p.path)).toEqual(['/a/report:x']);
    expect(toOpenApiPaths('/').map((p) => p.path)).toEqual(['/']);
  });
});

describe('OpenAPI from a Nest application', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appOf(ThingsController);
  });
  afterAll(async () => app?.close());

  it('finds the routes as Nest serves them: global prefix, URI versions, optional segments', () => {
    const routes = collectRoutes(app).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(routes).toEqual(
      expect.arrayContaining(['get /api/v1/things 200', 'put /api/v1/things/:id 200', 'post /api/v1/things/import 201', 'get /api/v2/things/tree{/:depth} 200']),
    );
  });

  it('documents paths, parameters, bodies and responses, with shared named schemas', () => {
    const { document: doc, problems } = buildOpenApi(collectRoutes(app), { version: '9.9.9' });
    expect(problems).toEqual([]);
    expect(validateOpenApiDocument(doc)).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'IOC API', version: '9.9.9' });
    expect(doc.info.description).toMatch(/Trung tâm Giám sát/);
    expect(Object.keys(doc.paths)).toEqual(['/api/v1/things', '/api/v1/things/report.xlsx', '/api/v1/things/{id}', '/api/v1/things/import', '/api/v2/things/tree', '/api/v2/things/tree/{depth}'].sort());

    const list = doc.paths['/api/v1/things']!.get!;
    expect(list).toMatchObject({ summary: 'List things', tags: ['things'], operationId: 'things_list' });
    expect(list.parameters).toEqual([
      { name: 'q', in: 'query', description: 'Search text', required: true, schema: { type: 'string' } },
      { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ type: 'integer', minimum: 1, default: 10 }) },
    ]);
    expect(list.responses).toMatchObject({
      200: { content: { 'application/json': { schema: { properties: { items: { items: { $ref: '#/components/schemas/Thing' } } } } } } },
      422: { description: 'bad query', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      500: { $ref: '#/components/responses/InternalError' },
    });

    // Requests are zod input (defaults optional), responses output (defaults present, strict).
    const put = doc.paths['/api/v1/things/{id}']!.put!;
    expect(put.parameters).toEqual([{ name: 'id', in: 'path', description: 'Thing id', required: true, schema: { type: 'string' } }]);
    expect(put.requestBody).toEqual({ required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingInput' } } } });
    expect(put.responses).toMatchObject({ 400: { $ref: '#/components/responses/MalformedJson' }, 413: { $ref: '#/components/responses/BodyTooLarge' } });
    expect(doc.components.schemas.Thing).toMatchObject({ description: 'A thing', required: ['id', 'size'], additionalProperties: false });
    expect(doc.components.schemas.ThingInput).toMatchObject({ required: ['id'] });
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object', required: ['type', 'title', 'status'] });

    const imp = doc.paths['/api/v1/things/import']!.post!;
    expect(imp.requestBody).toEqual({
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', contentMediaType: 'text/csv', description: 'the rows' }, note: { type: 'string', maxLength: 100 } }, required: ['file'] },
          encoding: { file: { contentType: 'text/csv' } },
        },
      },
    });
    expect(imp.responses).not.toHaveProperty('400'); // not a JSON body

    // A recursive schema becomes a component referencing itself.
    const tree = doc.paths['/api/v2/things/tree/{depth}']!.get!;
    expect(tree.parameters).toEqual([{ name: 'depth', in: 'path', description: 'How deep', required: true, schema: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) } }]);
    const ref = (tree.responses as Record<string, { content: Record<string, { schema: { $ref: string } }> }>)['200']!.content['application/json']!.schema.$ref;
    const name = ref.replace('#/components/schemas/', '');
    expect(JSON.stringify(doc.components.schemas[name])).toContain(ref);
    expect(doc.paths['/api/v2/things/tree']!.get!.operationId).not.toBe(tree.operationId);

    expect(doc.paths['/api/v1/things/report.xlsx']!.get!.responses).toMatchObject({ 200: { content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } } });
  });

  it('names what a doc misses: routes without @ApiDoc, inputs left out, a wrong success status', async () => {
    const bad = await appOf(BadController);
    try {
      const { document, problems } = buildOpenApi(collectRoutes(bad), { version: '1' });
      expect(problems).toEqual(
        expect.arrayContaining([
          'GET /api/v1/bad/undocumented (BadController.undocumented) has no @ApiDoc',
          expect.stringMatching(/POST \/api\/v1\/bad\/status .*reads query "hidden"/),
          expect.stringMatching(/POST \/api\/v1\/bad\/status .*answers 201 .*lists 200/),
          expect.stringMatching(/POST \/api\/v1\/bad\/nobody .*reads the body/),
        ]),
      );
      expect(problems).toHaveLength(4);
      expect(document.paths).not.toHaveProperty('/api/v1/bad/undocumented');
    } finally {
      await bad.close();
    }
  });
});

describe('document validation', () => {
  const valid = () => ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/x/{id}': { get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'ok' }, 404: { description: 'no', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } } } } },
    components: { schemas: { Problem: { type: 'object' } } },
  });

  it('passes a good document and names each mistake of a bad one', () => {
    expect(validateOpenApiDocument(valid())).toEqual([]);
    const bad = valid() as Record<string, any>;
    bad.openapi = '3.0.3';
    bad.paths['/x/{id}'].get.parameters = [];
    bad.paths['/x/{id}'].get.responses[200].content = { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } };
    bad.paths['/x/{id}'].get.responses[422] = { description: 'bad', content: { 'application/json': { schema: {} } } };
    bad.paths['/y'] = { post: { responses: {} } };
    expect(validateOpenApiDocument(bad)).toEqual([
      'openapi is "3.0.3", expected "3.1.0"',
      '#/paths/~1x~1{id}/get/responses/200/content/application~1json/schema: $ref "#/components/schemas/Nope" does not resolve',
      'GET /x/{id}: path parameter {id} is not described',
      'GET /x/{id} 422: a 4xx is application/problem+json',
      'POST /y: no responses',
    ]);
  });
});

describe('Swagger UI mount', () => {
  let app: INestApplication;
  let base: string;
  beforeAll(async () => {
    app = await appOf(ThingsController);
    mountApiDocs(app, { version: '1.2.3' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => app?.close());

  it('serves the document', async () => {
    const res = await fetch(`${base}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const doc = await res.json();
    expect(validateOpenApiDocument(doc)).toEqual([]);
    expect(doc.info.version).toBe('1.2.3');
  });

  it('serves a page without inline script, under a same-origin CSP, with its assets', async () => {
    const res = await fetch(`${base}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DOCS_CSP);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, `${base}/api/docs`).href);
    expect(urls).toContain(`${base}/api/docs/assets/swagger-ui-bundle.js`);
    expect(urls).toContain(`${base}/api/docs/assets/init.js`);
    for (const url of urls) {
      const asset = await fetch(url);
      expect(asset.status, url).toBe(200);
    }
    expect(await (await fetch(`${base}/api/docs/assets/init.js`)).text()).toContain("'../openapi.json'");
  });

  it('redirects the trailing-slash page and refuses other files', async () => {
    const res = await fetch(`${base}/api/docs/`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get('location')!, `${base}/api/docs/`).pathname).toBe('/api/docs');
    expect((await fetch(`${base}/api/docs/assets/swagger-initializer.js`)).status).toBe(404);
    expect((await fetch(`${base}/api/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
