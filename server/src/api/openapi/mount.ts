import { createRequire } from 'node:module';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Express, Request, Response } from 'express';
import { buildOpenApi, type OpenApiDocument, type OpenApiOptions } from './generator.js';
import { collectRoutes } from './routes.js';

export interface ApiDocsOptions extends OpenApiOptions {
  /** Where the page is served; the document is `<basePath>/openapi.json`. Default `/api/docs`. */
  basePath?: string;
  /** Called once, at the first build, with what `@ApiDoc` got wrong (routes left undocumented, …). */
  onProblems?: (problems: string[]) => void;
}

export interface ApiDocs {
  /** The OpenAPI document (built at the first call, from the application's routes). */
  document(): OpenApiDocument;
  problems(): string[];
}

/** Swagger UI's files we serve (the rest of swagger-ui-dist, e.g. its petstore initializer, is not). */
const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui.css.map': 'application/json',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-bundle.js.map': 'application/json',
  'index.css': 'text/css; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

/**
 * Starts Swagger UI on the document next to it (`../openapi.json` from this script), so the page
 * works under any path prefix. A file rather than an inline script, for a CSP with `script-src 'self'`.
 */
export const INIT_JS = `(function () {
  'use strict';
  var here = document.currentScript && document.currentScript.src;
  var spec = new URL('../openapi.json', here || window.location.href).href;
  if (typeof window.SwaggerUIBundle !== 'function') {
    document.getElementById('swagger-ui').textContent = 'Swagger UI failed to load; the document is at ' + spec;
    return;
  }
  window.ui = window.SwaggerUIBundle({
    url: spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    tryItOutEnabled: false
  });
})();
`;

/** Only our own origin, no inline script; styles and images also as data: URIs (Swagger UI's CSS icons). */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function docsPage(title: string, assets: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/png" sizes="32x32" href="${assets}favicon-32x32.png">
<link rel="icon" type="image/png" sizes="16x16" href="${assets}favicon-16x16.png">
<link rel="stylesheet" href="${assets}swagger-ui.css">
<link rel="stylesheet" href="${assets}index.css">
</head>
<body>
<div id="swagger-ui"><noscript>Swagger UI needs JavaScript; the OpenAPI document is at <a href="${assets}../openapi.json">openapi.json</a>.</noscript></div>
<script src="${assets}swagger-ui-bundle.js"></script>
<script src="${assets}init.js"></script>
</body>
</html>
`;
}

function swaggerUiDir(): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * Serves the OpenAPI 3.1 document of every route of `app` at `/api/docs/openapi.json` and Swagger UI
 * at `/api/docs` (assets from swagger-ui-dist under `/api/docs/assets/`, no CDN). Call before
 * `app.listen()`; the document is built from the routes at the first request. Express only.
 */
export function mountApiDocs(app: INestApplication, options: ApiDocsOptions): ApiDocs {
  const base = (options.basePath ?? '/api/docs').replace(/\/+$/, '');
  const leaf = base.slice(base.lastIndexOf('/') + 1);
  let built: { document: OpenApiDocument; problems: string[]; json: string } | undefined;
  const build = () => {
    if (!built) {
      const { document, problems } = buildOpenApi(collectRoutes(app), options);
      built = { document, problems, json: JSON.stringify(document, null, 2) };
      if (problems.length) options.onProblems?.(problems);
    }
    return built;
  };
  const uiDir = swaggerUiDir();
  const http = app.getHttpAdapter().getInstance() as Express;
  const page = docsPage(options.title ?? 'IOC API', `${leaf}/assets/`);

  http.get(`${base}/openapi.json`, (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('application/json').send(build().json);
  });
  http.get(base, (req: Request, res: Response) => {
    // Relative asset URLs need the page at `/api/docs`, not `/api/docs/`.
    if (req.path.endsWith('/')) return res.redirect(301, `../${leaf}`);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('text/html').send(page);
  });
  http.get(`${base}/assets/:file`, (req: Request, res: Response, next: () => void) => {
    const file = String(req.params.file);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (file === 'init.js') {
      res.setHeader('Cache-Control', 'no-cache');
      return res.type('text/javascript; charset=utf-8').send(INIT_JS);
    }
    const type = UI_FILES[file];
    if (!type || !uiDir) return next();
    res.sendFile(path.join(uiDir, file), { maxAge: '1d', headers: { 'Content-Type': type } }, (err) => {
      if (err && !res.headersSent) next();
    });
  });
  return { document: () => build().document, problems: () => build().problems };
}
