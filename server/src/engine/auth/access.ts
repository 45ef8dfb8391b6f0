import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

/**
 * Where a part of the resource comes from in a request: a path parameter, a query parameter or a
 * body field (`param.id`, `query.regionId`, `body.sector`).
 */
export type From = `param.${string}` | `query.${string}` | `body.${string}`;

/** Kinds of stored things whose region / sector / units the guard looks up by id. */
export type EntityKind = 'kpi' | 'rule' | 'alert' | 'incident' | 'feedback' | 'source' | 'unit' | 'assignment' | 'report-template' | 'submission';

/** What a route needs: one permission, and where the data it touches lies. */
export interface AccessSpec {
  /** A permission, or `public` (anyone, e.g. the citizen feedback form), or `signed-in` (any account). */
  permission: Permission | 'public' | 'signed-in';
  /** The region the request reads or changes (a list's filter counts). */
  region?: From;
  /** The sector the request reads or changes. */
  sector?: From;
  /** A unit the request concerns (field units reach only their own). */
  unit?: From;
  /** A stored thing whose region, sector and units the guard looks up. */
  entity?: { kind: EntityKind; from: From };
}

export const ACCESS_METADATA = 'ioc:access';

/** The permission a route needs and where its data lies (see AccessSpec). */
export const Access = (permission: Permission, where: Omit<AccessSpec, 'permission'> = {}) => SetMetadata(ACCESS_METADATA, { permission, ...where } satisfies AccessSpec);

/** A route anyone may call without signing in. */
export const Public = () => SetMetadata(ACCESS_METADATA, { permission: 'public' } satisfies AccessSpec);

/** A route any signed-in account may call (its own profile, the geography). */
export const SignedIn = () => SetMetadata(ACCESS_METADATA, { permission: 'signed-in' } satisfies AccessSpec);

/** Reads a `From` out of a request. */
export function pick(from: From, req: { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown }): string | undefined {
  const dot = from.indexOf('.');
  const where = from.slice(0, dot);
  const key = from.slice(dot + 1);
  const bag = (where === 'param' ? req.params : where === 'query' ? req.query : req.body) as Record<string, unknown> | undefined;
  const v = bag && typeof bag === 'object' ? bag[key] : undefined;
  return typeof v === 'string' && v !== '' && v !== '*' ? v : undefined;
}
