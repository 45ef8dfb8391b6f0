import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ACCESS_METADATA, type AccessSpec } from './access.js';

export interface RouteEntry {
  method: string;
  /** Express-style path, e.g. /api/v1/incidents/:id */
  path: string;
  controller: string;
  handler: string;
  /** undefined: the route has no access policy (refused at runtime; the route-table test fails). */
  access?: AccessSpec;
}

const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

/** Every route of the controllers with its access policy, read from the decorators' metadata. */
export function routeTable(controllers: Type[]): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const c of controllers) {
    const base = (Reflect.getMetadata(PATH_METADATA, c) as string | undefined) ?? '';
    const classAccess = Reflect.getMetadata(ACCESS_METADATA, c) as AccessSpec | undefined;
    const proto = c.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const fn = proto[name];
      if (typeof fn !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      for (const p of Array.isArray(path) ? path : [path]) {
        out.push({ method: RequestMethod[method], path: join(base, p), controller: c.name, handler: name, access: (Reflect.getMetadata(ACCESS_METADATA, fn) as AccessSpec | undefined) ?? classAccess });
      }
    }
  }
  return out;
}
