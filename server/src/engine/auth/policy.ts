import type { Permission } from './permissions.js';
import { ROLE_PERMISSIONS, SECTOR_DATA } from './permissions.js';
import type { Principal, Resource, RoleBinding, Scope } from './principal.js';

/** Tells whether a region lies in the subtree under another (a region is within itself). */
export interface RegionAncestry {
  /** The region and its ancestors up to the province, or undefined for an unknown region. */
  lineage(regionId: string): string[] | undefined;
}

/**
 * An emergency grant: a sector lends permissions on its data to a role or a named account, for an
 * incident, until it expires or is revoked. It acts as one more role binding while active.
 */
export interface Grant {
  id: string;
  sector: string;
  /** Who receives it: every principal holding the role, or one account. */
  grantee: { role: string } | { userId: string };
  permissions: Permission[];
  /** Region subtrees the grant reaches (empty: the whole province). */
  regions: string[];
  incidentId?: string;
  expiresAt: Date;
  revokedAt?: Date | null;
}

export interface GrantSource {
  /** Grants active at `now` (not expired, not revoked). */
  active(now: Date): readonly Grant[];
}

export interface Decision {
  allow: boolean;
  /** Why, in words an auditor reads ("operator on the whole province", "no role grants kpi:write"). */
  reason: string;
  grantId?: string;
}

const NO_GRANTS: GrantSource = { active: () => [] };

/**
 * The one module that decides who may do what on which data. REST routes, socket subscriptions
 * and MQTT publishes all ask `decide`; nothing else compares roles.
 *
 * Rules: a permission is allowed when some binding (or active grant) of the principal carries it
 * and its scope covers the resource. A scope covers a resource when the resource's region lies in
 * one of the scope's subtrees (a resource without a region is province-wide: only an unrestricted
 * scope covers it), the resource's sector is one of the scope's sectors for sector data (a
 * resource without a sector is "every sector": only a binding without a sector list covers it),
 * and, for a field unit, the resource concerns its own unit.
 */
export class Policy {
  constructor(
    private readonly regions: RegionAncestry,
    private readonly grants: GrantSource = NO_GRANTS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  decide(principal: Principal, permission: Permission, resource: Resource = {}): Decision {
    // An unknown region lies in no subtree: only a whole-province binding passes (the route then answers 404).
    let closest: string | undefined;
    for (const b of principal.bindings) {
      if (!ROLE_PERMISSIONS[b.role]?.has(permission)) continue;
      const miss = this.misses(b.scope, permission, resource, b.role === 'field-unit');
      if (!miss) return { allow: true, reason: `${b.role} on ${describe(b.scope)}` };
      closest ??= `${b.role} reaches ${describe(b.scope)}, not ${miss}`;
    }
    for (const g of this.grants.active(this.now())) {
      if (!this.holds(principal, g) || !g.permissions.includes(permission)) continue;
      const miss = this.misses({ regions: g.regions, sectors: [g.sector] }, permission, resource, false);
      if (!miss) return { allow: true, reason: `emergency grant ${g.id} from ${g.sector}`, grantId: g.id };
      closest ??= `grant ${g.id} reaches ${g.sector}, not ${miss}`;
    }
    return { allow: false, reason: closest ?? `no role of ${principal.name} grants ${permission}` };
  }

  allows(principal: Principal, permission: Permission, resource: Resource = {}): boolean {
    return this.decide(principal, permission, resource).allow;
  }

  private holds(p: Principal, g: Grant): boolean {
    if ('userId' in g.grantee) return p.kind === 'user' && p.id === g.grantee.userId;
    const role = g.grantee.role;
    return p.bindings.some((b) => b.role === role);
  }

  /** What of the resource the scope does not cover, or undefined when it covers all of it. */
  private misses(scope: Scope, permission: Permission, r: Resource, ownUnitOnly: boolean): string | undefined {
    // A scope rooted at the province itself is the whole province.
    if (scope.regions.length && !scope.regions.some((root) => this.regions.lineage(root)?.length === 1)) {
      if (r.region === undefined) return 'the whole province';
      const lineage = this.regions.lineage(r.region) ?? [];
      if (!scope.regions.some((root) => lineage.includes(root))) return `region ${r.region}`;
    }
    if (scope.sectors && SECTOR_DATA.has(permission)) {
      if (r.sector === undefined) return 'every sector';
      if (!scope.sectors.includes(r.sector)) return `sector ${r.sector}`;
    }
    if (scope.sources) {
      if (r.source === undefined) return 'every source';
      if (!scope.sources.includes(r.source)) return `source ${r.source}`;
    }
    if (ownUnitOnly) {
      if (!scope.unitId) return 'any unit (the binding names none)';
      if (!r.unitIds?.includes(scope.unitId)) return r.unitIds ? `units ${r.unitIds.join(', ') || '(none)'}` : 'every unit';
    }
    return undefined;
  }
}

function describe(s: Scope): string {
  const where = s.regions.length ? s.regions.join(', ') : 'the whole province';
  const sectors = s.sectors ? ` (${s.sectors.join(', ')})` : '';
  const unit = s.unitId ? ` unit ${s.unitId}` : '';
  const sources = s.sources ? ` sources ${s.sources.length > 3 ? `${s.sources.slice(0, 3).join(', ')} … (${s.sources.length})` : s.sources.join(', ')}` : '';
  return `${where}${sectors}${unit}${sources}`;
}

/** Bindings as one line for logs and the audit trail. */
export function describeBindings(bindings: RoleBinding[]): string {
  return bindings.map((b) => `${b.role}@${describe(b.scope)}`).join('; ');
}
