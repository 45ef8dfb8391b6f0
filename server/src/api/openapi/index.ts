/** OpenAPI 3.1 document and Swagger UI of the REST API, from `@ApiDoc` on the controllers. */
export { ApiDoc, getApiDoc, API_DOC_METADATA } from './api-doc.js';
export type { ApiDocOptions, ApiBodyDoc, ApiMultipartDoc, ApiFileField, ApiParamDoc, ApiResponseDoc, ApiStatus, JsonSchema, SchemaLike } from './api-doc.js';
export { collectRoutes, type RouteInfo, type RouteInputs } from './routes.js';
export { buildOpenApi, DEFAULT_DESCRIPTION, type OpenApiDocument, type OpenApiOptions, type OpenApiResult } from './generator.js';
export { validateOpenApiDocument, resolvePointer } from './validate.js';
export { mountApiDocs, DOCS_CSP, type ApiDocs, type ApiDocsOptions } from './mount.js';
export { toOpenApiPaths } from './paths.js';
