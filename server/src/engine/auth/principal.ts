/**
 * Who is asking, and what they may reach. Every request (REST, socket.io, MQTT) is turned into a
 * Principal before anything else runs; the policy (policy.ts) is the only place that decides.
 */

/** The roles of the IOC. Each is bound to a scope (region subtree and optional sectors). */
export const ROLES = ['admin', 'operator', 'leader', 'sector-staff', 'coordinator', 'field-unit', 'reporter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The role of a device credential (never of a person): publishes for its own sources. */
export const DEVICE_ROLE = 'device';
export type BindingRole = Role | typeof DEVICE_ROLE;

/**
 * Where a role binding reaches. `regions`: roots of region subtrees (a district reaches its
 * communes); empty means the whole province. `sectors`: absent means every sector. `unitId`: a
 * field unit's own unit.
 */
export interface Scope {
  regions: string[];
  sectors?: string[];
  unitId?: string;
  /** A device credential's own sources (it publishes for these only). */
  sources?: string[];
}

export interface RoleBinding {
  role: BindingRole;
  scope: Scope;
}

export interface Principal {
  kind: 'user' | 'device' | 'anonymous';
  /** Account id (user), source/credential id (device). */
  id: string;
  /** User name or device name, for the audit trail. */
  name: string;
  bindings: RoleBinding[];
}

/** What a request touches, as far as the policy needs to know. Absent fields mean "all of them". */
export interface Resource {
  /** The region the data belongs to (or the region a list is filtered to). */
  region?: string;
  /** The sector the data belongs to (or the sector a list is filtered to). */
  sector?: string;
  /** Units the data concerns (an incident's assigned units, a unit's own record). */
  unitIds?: string[];
  /** The source (device) the data comes from, for MQTT publishes. */
  source?: string;
}

export const ANONYMOUS: Principal = { kind: 'anonymous', id: 'anonymous', name: 'anonymous', bindings: [] };

/** Everywhere, every sector. */
export const WHOLE_PROVINCE: Scope = { regions: [] };

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** The principal of a device credential: publishes for its own sources only. */
export function devicePrincipal(username: string, sources: readonly string[]): Principal {
  return { kind: 'device', id: username, name: username, bindings: [{ role: DEVICE_ROLE, scope: { regions: [], sources: [...sources] } }] };
}
