import 'reflect-metadata';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_PATH, PATH_METADATA, ROUTE_ARGS_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/internal';
import { ApplicationConfig, MetadataScanner, ModulesContainer } from '@nestjs/core';
// Not re-exported by @nestjs/core's index; the class Nest's own RoutesResolver builds paths with.
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import { getApiDoc, type ApiDocOptions } from './api-doc.js';
import { ACCESS_METADATA, type AccessSpec } from '../../engine/auth/access.js';

/** What the handler reads from the request, from Nest's parameter decorators. */
export interface RouteInputs {
  /** `@Query('name')` names; `'*'` for a whole-object `@Query()`. */
  query: string[];
  /** `@Param('name')` names; `'*'` for a whole-object `@Param()`. */
  params: string[];
  body: boolean;
  /** `@Res()`: the handler sets the status itself. */
  response: boolean;
}

/** One route the Nest application serves. */
export interface RouteInfo {
  /** Lower-case HTTP method (`get`, `put`, …); `all` for `@All`. */
  method: string;
  /** The full Nest/express pattern, e.g. `/api/v1/sources/:id/series`. */
  path: string;
  controller: string;
  handler: string;
  /** Status Nest answers with by default (`@HttpCode`, else 201 for POST and 200 otherwise). */
  status: number;
  inputs: RouteInputs;
  doc?: ApiDocOptions;
  /** Who may call it (`@Access` / `@Public` / `@SignedIn`). */
  access?: AccessSpec;
}

type Ctor = abstract new (...args: never[]) => unknown;

function toPaths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? '/'];
  return list.map((p) => (typeof p === 'string' && p.startsWith('/') ? p : `/${p ?? ''}`));
}

function inputsOf(controller: Ctor, handler: string): RouteInputs {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, { data?: unknown }>;
  const inputs: RouteInputs = { query: [], params: [], body: false, response: false };
  for (const [key, arg] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    const name = typeof arg?.data === 'string' ? arg.data : '*';
    if (type === RouteParamtypes.QUERY) inputs.query.push(name);
    else if (type === RouteParamtypes.PARAM) inputs.params.push(name);
    else if (type === RouteParamtypes.BODY || type === RouteParamtypes.RAW_BODY || type === RouteParamtypes.FILE || type === RouteParamtypes.FILES) inputs.body = true;
    else if (type === RouteParamtypes.RESPONSE) inputs.response = true;
  }
  return inputs;
}

/**
 * Every route of a Nest HTTP application, found the way Nest's RoutesResolver finds them: the
 * controllers of every module, their methods carrying route metadata, and the paths from Nest's
 * RoutePathFactory (global prefix, RouterModule paths, URI versions).
 */
export function collectRoutes(app: INestApplication): RouteInfo[] {
  const modules = app.get(ModulesContainer, { strict: false });
  const maybeConfig = (app as unknown as { config?: unknown }).config;
  const config = maybeConfig instanceof ApplicationConfig ? maybeConfig : new ApplicationConfig();
  const factory = new RoutePathFactory(config);
  const scanner = new MetadataScanner();
  const globalPrefix = config.getGlobalPrefix();
  const versioningOptions = config.getVersioning();
  const routes: RouteInfo[] = [];
  const seen = new Set<unknown>();
  for (const mod of modules.values()) {
    const modulePath = (Reflect.getMetadata(MODULE_PATH + modules.applicationId, mod.metatype) ?? Reflect.getMetadata(MODULE_PATH, mod.metatype)) as string | undefined;
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as Ctor | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const controllerVersion = versioningOptions ? (Reflect.getMetadata(VERSION_METADATA, controller) ?? versioningOptions.defaultVersion) : undefined;
      const proto = controller.prototype as Record<string, unknown>;
      for (const handler of scanner.getAllMethodNames(proto)) {
        const fn = proto[handler];
        const methodPath = Reflect.getMetadata(PATH_METADATA, fn as object) as string | string[] | undefined;
        if (methodPath === undefined) continue;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, fn as object) as RequestMethod;
        const methodVersion = Reflect.getMetadata(VERSION_METADATA, fn as object);
        const status = (Reflect.getMetadata(HTTP_CODE_METADATA, fn as object) as number | undefined) ?? (requestMethod === RequestMethod.POST ? 201 : 200);
        const doc = getApiDoc(fn);
        const access = (Reflect.getMetadata(ACCESS_METADATA, fn as object) ?? Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessSpec | undefined;
        const inputs = inputsOf(controller, handler);
        for (const ctrlPath of toPaths(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const mPath of toPaths(methodPath)) {
            const paths = factory.create({ ctrlPath, methodPath: mPath, globalPrefix, modulePath, controllerVersion, methodVersion, versioningOptions }, requestMethod);
            for (const path of paths) {
              routes.push({ method: RequestMethod[requestMethod].toLowerCase(), path, controller: controller.name, handler, status, inputs, doc, ...(access ? { access } : {}) });
            }
          }
        }
      }
    }
  }
  return routes;
}
