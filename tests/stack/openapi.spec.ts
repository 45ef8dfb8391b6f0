/**
 * The API documentation of the real server: every route carries @ApiDoc, the OpenAPI 3.1 document
 * it serves is well formed, and Swagger UI is served from local files under a same-origin CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi, collectRoutes, toOpenApiPaths, validateOpenApiDocument, type OpenApiDocument } from '../../server/src/api/openapi/index.js';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type ExpressLayer = { route?: { path: string | string[]; methods: Record<string, boolean> } };

describe('API documentation', () => {
  let stack: Stack;
  let doc: OpenApiDocument;
  const url = (p: string) => `${stack.httpUrl}${p}`;

  beforeAll(async () => {
    stack = await startStack({ IOC_ROLES: 'api' });
    const res = await fetch(url('/api/docs/openapi.json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(async () => stack?.close());

  it('documents every route with @ApiDoc, and every input the handlers read', () => {
    const routes = collectRoutes(stack.app!);
    expect(routes.length).toBeGreaterThan(5);
    const undocumented = routes.filter((r) => !r.doc).map((r) => `${r.method.toUpperCase()} ${r.path} (${r.controller}.${r.handler})`);
    expect(undocumented, `routes without @ApiDoc:\n  ${undocumented.join('\n  ')}`).toEqual([]);
    const { problems } = buildOpenApi(routes, { version: 'test' });
    expect(problems, `the API docs are incomplete:\n  ${problems.join('\n  ')}`).toEqual([]);
  });

  it('serves a well-formed OpenAPI 3.1 document of those routes', () => {
    expect(validateOpenApiDocument(doc)).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('IOC API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.info.description).toMatch(/Intelligent Operations Center/);
    expect(doc.info.description).toMatch(/Trung tâm Giám sát, Điều hành thông minh/);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.components.schemas.Problem).toMatchObject({ type: 'object' });
    // Completeness is the first test's; here every documented route is in the served document.
    for (const r of collectRoutes(stack.app!).filter((x) => x.doc)) {
      for (const p of toOpenApiPaths(r.path)) expect(doc.paths[p.path]?.[r.method], `${r.method} ${p.path}`).toBeDefined();
    }
    // Spot checks of what the existing controllers document.
    const series = doc.paths['/api/v1/sources/{id}/series']!.get!;
    expect((series.parameters as Array<{ name: string; in: string; required: boolean }>).map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['path:id:true', 'query:metric:true', 'query:minutes:false']);
    expect(series.responses).toHaveProperty('404.content.application/problem+json.schema.$ref', '#/components/schemas/Problem');
    const put = doc.paths['/api/v1/sources']!.put!;
    expect(put.requestBody).toHaveProperty(['content', 'application/json', 'schema', 'properties', 'sources', 'type'], 'array');
    expect(put.responses).toHaveProperty('422');
    expect(put.responses).toHaveProperty('400.$ref', '#/components/responses/MalformedJson');
  });

  it('leaves no API route express serves out of the document', () => {
    const router = (stack.app!.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router;
    const served = router.stack
      .flatMap((l) => (l.route ? [l.route.path].flat().flatMap((path) => Object.keys(l.route!.methods).filter((m) => m !== '_all').map((m) => ({ method: m, path }))) : []))
      .filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'));
    expect(served.length).toBeGreaterThan(5);
    const missing = served.flatMap((r) => toOpenApiPaths(r.path).filter((p) => !doc.paths[p.path]?.[r.method]).map((p) => `${r.method.toUpperCase()} ${p.path}`));
    expect(missing).toEqual([]);
  });

  it('serves Swagger UI from local assets, without inline script, under a same-origin CSP', async () => {
    const res = await fetch(url('/api/docs'), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('id="swagger-ui"'); // our page, not the web app's index.html
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, url('/api/docs')));
    expect(assets.every((a) => a.origin === new URL(stack.httpUrl).origin)).toBe(true);
    const paths = assets.map((a) => a.pathname);
    expect(paths).toEqual(expect.arrayContaining(['/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/swagger-ui.css', '/api/docs/assets/init.js']));
    for (const a of assets) {
      const asset = await fetch(a);
      expect(asset.status, a.pathname).toBe(200);
      if (a.pathname.endsWith('.js')) expect(asset.headers.get('content-type'), a.pathname).toMatch(/javascript/);
      if (a.pathname.endsWith('.css')) expect(asset.headers.get('content-type'), a.pathname).toMatch(/text\/css/);
      const body = await asset.text();
      if (a.pathname.endsWith('swagger-ui-bundle.js')) expect(body).toContain('SwaggerUIBundle');
      if (a.pathname.endsWith('init.js')) expect(new URL(/new URL\('([^']+)'/.exec(body)![1]!, a).pathname).toBe('/api/docs/openapi.json');
    }
  });

  it('answers an unknown docs asset with a problem, not the web app', async () => {
    const res = await fetch(url('/api/docs/assets/nope.js'), { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
