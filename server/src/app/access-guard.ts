import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ProblemException } from '../api/problem.js';
import type { Database } from '../engine/db/index.js';
import { ACCESS_METADATA, ANONYMOUS, pick, type AccessSpec, type EntityKind, type Principal, type Resource, type Policy } from '../engine/auth/index.js';
import type { Logger } from '../engine/logging/logger.js';

/** Turns a bearer token into a principal (accounts engine); undefined = invalid or expired. */
export interface Authenticator {
  principalFromToken(token: string): Promise<Principal | undefined>;
}

/** `AUTH_MODE=open`: a request without a token acts as this admin (development and tests only). */
export const OPEN_MODE_PRINCIPAL: Principal = { kind: 'anonymous', id: 'open-mode', name: 'open-mode (AUTH_MODE=open)', bindings: [{ role: 'admin', scope: { regions: [] } }] };

export type AuthMode = 'required' | 'open';

/** Finds where a stored thing lies: its region, sector and the units it concerns. */
export class EntityLocator {
  constructor(private readonly db: Database) {}

  async locate(kind: EntityKind, id: string): Promise<Resource | undefined> {
    const num = /^\d{1,18}$/.test(id);
    switch (kind) {
      case 'kpi':
      case 'rule':
      case 'report-template':
        // Ids are `{sector}.{key}`.
        return id.includes('.') ? { sector: id.slice(0, id.indexOf('.')) } : undefined;
      case 'unit':
        return { unitIds: [id], ...(await this.one('SELECT sector, region_id FROM source WHERE id = $1', [id])) };
      case 'source':
        return this.one('SELECT sector, region_id FROM source WHERE id = $1', [id]);
      case 'alert':
        return num ? this.one('SELECT sector, region_id FROM alert WHERE id = $1::bigint', [id]) : undefined;
      case 'feedback':
        return num ? this.one('SELECT NULL AS sector, region_id FROM feedback_report WHERE id = $1::bigint', [id]) : undefined;
      case 'submission': {
        if (!num) return undefined;
        const rows = await this.db.query<{ template_id: string; region_id: string }>('SELECT template_id, region_id FROM report_submission WHERE id = $1::bigint', [id]);
        const r = rows[0];
        return r ? { sector: r.template_id.slice(0, r.template_id.indexOf('.')), region: r.region_id } : undefined;
      }
      case 'incident':
        return num ? this.incident(id) : undefined;
      case 'assignment': {
        if (!num) return undefined;
        // The assignment's own unit (not every unit on the incident): a crew acts on its own.
        const rows = await this.db.query<{ incident_id: string; unit_id: string }>('SELECT incident_id::text AS incident_id, unit_id FROM dispatch_assignment WHERE id = $1::bigint', [id]);
        const a = rows[0];
        return a ? { ...(await this.incident(a.incident_id)), unitIds: [a.unit_id] } : undefined;
      }
    }
  }

  private async incident(id: string): Promise<Resource | undefined> {
    const rows = await this.db.query<{ region_id: string | null }>('SELECT region_id FROM incident WHERE id = $1::bigint', [id]);
    if (!rows[0]) return undefined;
    const units = await this.db.query<{ unit_id: string }>('SELECT DISTINCT unit_id FROM dispatch_assignment WHERE incident_id = $1::bigint', [id]);
    return { ...(rows[0].region_id ? { region: rows[0].region_id } : {}), unitIds: units.map((u) => u.unit_id) };
  }

  private async one(sql: string, params: unknown[]): Promise<Resource | undefined> {
    const rows = await this.db.query<{ sector: string | null; region_id: string | null }>(sql, params);
    const r = rows[0];
    if (!r) return undefined;
    return { ...(r.sector ? { sector: r.sector } : {}), ...(r.region_id ? { region: r.region_id } : {}) };
  }
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  const m = h ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return m?.[1];
}

/** Who is calling: a verified token's principal, the open-mode admin, or anonymous. Throws 401 for a bad token. */
export async function principalOf(token: string | undefined, auth: Authenticator | undefined, mode: AuthMode): Promise<Principal> {
  if (token) {
    const p = auth ? await auth.principalFromToken(token) : undefined;
    if (!p) throw unauthorized('the access token is invalid or has expired');
    return p;
  }
  return mode === 'open' ? OPEN_MODE_PRINCIPAL : ANONYMOUS;
}

function unauthorized(detail: string): ProblemException {
  return new ProblemException({ status: 401, title: 'Sign-in required', detail });
}

export interface RequestWithPrincipal extends Request {
  principal?: Principal;
}

/**
 * Every REST route passes here. It reads the route's AccessSpec, authenticates the bearer token,
 * works out which region / sector / units the request touches, and asks the policy. A route
 * without an AccessSpec is refused (fail closed) — the route-table test names such routes.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: Policy,
    private readonly locator: EntityLocator,
    private readonly auth: () => Authenticator | undefined,
    private readonly mode: AuthMode,
    private readonly log: Logger,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
    const spec = this.reflector.getAllAndOverride<AccessSpec | undefined>(ACCESS_METADATA, [ctx.getHandler(), ctx.getClass()]);
    if (!spec) {
      this.log.error('route has no access policy; refused', { route: `${ctx.getClass().name}.${ctx.getHandler().name}` });
      throw new ProblemException({ status: 403, title: 'Forbidden', detail: 'this route has no access policy' });
    }
    const principal = await principalOf(bearerToken(req.headers.authorization), this.auth(), this.mode);
    req.principal = principal;
    if (spec.permission === 'public') return true;
    if (principal.kind === 'anonymous' && principal !== OPEN_MODE_PRINCIPAL) throw unauthorized('send an access token: Authorization: Bearer <token> (POST /api/v1/auth/login)');
    if (spec.permission === 'signed-in') return true;
    const resource = await resourceOf(spec, req, this.locator);
    const decision = this.policy.decide(principal, spec.permission, resource);
    if (!decision.allow) throw new ProblemException({ status: 403, title: 'Forbidden', detail: `${spec.permission}: ${decision.reason}` });
    return true;
  }
}

/** The resource a request touches, from its AccessSpec. */
export async function resourceOf(spec: AccessSpec, req: Pick<Request, 'params' | 'query' | 'body'>, locator: EntityLocator): Promise<Resource> {
  const r: Resource = {};
  if (spec.entity) {
    const id = pick(spec.entity.from, req as never);
    const found = id ? await locator.locate(spec.entity.kind, id) : undefined;
    if (found) Object.assign(r, found);
  }
  // What the stored thing says wins over what the request claims (a filter may narrow, never move it).
  const region = spec.region && pick(spec.region, req as never);
  if (region && r.region === undefined) r.region = region;
  const sector = spec.sector && pick(spec.sector, req as never);
  if (sector && r.sector === undefined) r.sector = sector;
  const unit = spec.unit && pick(spec.unit, req as never);
  if (unit && r.unitIds === undefined) r.unitIds = [unit];
  return r;
}
