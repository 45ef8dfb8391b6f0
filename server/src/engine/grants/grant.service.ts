import { randomUUID } from 'node:crypto';
import type { AuditSink } from '../auth/audit-sink.js';
import type { Permission } from '../auth/permissions.js';
import { ROLE_PERMISSIONS, SECTOR_DATA } from '../auth/permissions.js';
import type { Grant, GrantSource, Policy } from '../auth/policy.js';
import type { Principal } from '../auth/principal.js';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { ModuleRegistry } from '../registry/module-registry.js';
import type { Clock } from '../time/clock.js';
import { systemClock } from '../time/clock.js';

export const GRANTS_CHANGED = 'grants.changed';

/**
 * Whether a principal may manage (create / revoke) grants of a sector: a binding whose role
 * carries grant:manage and whose scope has no sector list or lists that sector. (The policy does
 * not narrow grant:manage by sector, since it is not sector data, so this is checked here.)
 */
export function managesSector(p: Principal, sector: string): boolean {
  return p.bindings.some((b) => ROLE_PERMISSIONS[b.role]?.has('grant:manage') && (!b.scope.sectors || b.scope.sectors.includes(sector)));
}

/** A grant as stored and answered. */
export interface GrantRecord extends Grant {
  reason: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** active | expired | revoked, at the time of the answer. */
  state?: 'active' | 'expired' | 'revoked';
}

export interface GrantChange {
  kind: 'created' | 'revoked' | 'expired';
  id: string;
  /** The process that made the change (it already told its own listeners). */
  origin?: string;
}

export interface NewGrant {
  sector: string;
  grantee: { role: string } | { userId: string };
  permissions: string[];
  regions?: string[];
  incidentId?: string;
  expiresAt?: string;
  durationMin?: number;
  reason: string;
}

export class GrantError extends Error {
  constructor(
    readonly status: 403 | 404 | 409 | 422,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GrantError';
  }
}

function fromRow(r: Record<string, unknown>): GrantRecord {
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: String(r.id),
    sector: String(r.sector),
    grantee: r.grantee_role ? { role: String(r.grantee_role) } : { userId: String(r.grantee_user_id) },
    permissions: (r.permissions as Permission[]) ?? [],
    regions: (r.regions as string[]) ?? [],
    ...(r.incident_id ? { incidentId: String(r.incident_id) } : {}),
    reason: String(r.reason),
    createdBy: String(r.created_by),
    createdAt: d(r.created_at)!,
    expiresAt: d(r.expires_at)!,
    revokedAt: d(r.revoked_at),
    revokedBy: (r.revoked_by as string | null) ?? null,
    revokeReason: (r.revoke_reason as string | null) ?? null,
  };
}

const COLS = 'id, sector, grantee_role, grantee_user_id, permissions, regions, incident_id, reason, created_by, created_at, expires_at, revoked_at, revoked_by, revoke_reason';

/**
 * Emergency grants: a sector lends permissions on its data to a role or an account until expiry
 * or revocation. The policy reads `active(now)` synchronously from a cache this service reloads
 * at start and whenever `grants.changed` arrives on the bus, so every api process agrees.
 */
export class GrantService implements GrantSource {
  private cache: GrantRecord[] = [];
  private readonly listeners = new Set<(c: GrantChange) => void>();
  private timer?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private policy?: () => Policy;
  private readonly clock: Clock;
  private readonly origin = randomUUID();

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly modules: ModuleRegistry,
    private readonly audit: AuditSink,
    private readonly options: { clock?: Clock; log?: Logger; maxHours?: number; expiryCheckMs?: number } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** The policy that decides whether the granter holds what it lends (taken lazily: the policy needs this service). */
  setPolicy(p: Policy | (() => Policy)): void {
    this.policy = typeof p === 'function' ? p : () => p;
  }

  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.bus.subscribe<GrantChange>(GRANTS_CHANGED, (c) => {
      if (c.origin === this.origin) return;
      void this.reload()
        .then(() => this.emit(c))
        .catch((err: Error) => this.options.log?.warn('reloading emergency grants failed', { error: err.message }));
    });
    const every = this.options.expiryCheckMs ?? 30_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.noticeExpired().catch((err: Error) => this.options.log?.warn('checking grant expiry failed', { error: err.message })), every);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  onChange(listener: (c: GrantChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(c: GrantChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch (err) {
        this.options.log?.warn('grant change listener failed', { error: (err as Error).message });
      }
    }
  }

  /** Reloads unrevoked grants that have not expired yet (what `active` chooses from). */
  async reload(): Promise<void> {
    const rows = await this.db.query(`SELECT ${COLS} FROM emergency_grant WHERE revoked_at IS NULL AND expires_at > $1 ORDER BY created_at`, [this.clock.now().toISOString()]);
    this.cache = rows.map(fromRow);
  }

  active(now: Date): readonly Grant[] {
    return this.cache.filter((g) => !g.revokedAt && g.expiresAt.getTime() > now.getTime());
  }

  private stateOf(g: GrantRecord, now: Date): GrantRecord['state'] {
    return g.revokedAt ? 'revoked' : g.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
  }

  async list(q: { active?: boolean; sector?: string; limit?: number } = {}): Promise<GrantRecord[]> {
    const now = this.clock.now().toISOString();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.active === true) where.push(`revoked_at IS NULL AND expires_at > $${params.push(now)}`);
    if (q.active === false) where.push(`(revoked_at IS NOT NULL OR expires_at <= $${params.push(now)})`);
    if (q.sector) where.push(`sector = $${params.push(q.sector)}`);
    const rows = await this.db.query(`SELECT ${COLS} FROM emergency_grant ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${params.push(q.limit ?? 500)}`, params);
    const at = this.clock.now();
    return rows.map((r) => {
      const g = fromRow(r);
      return { ...g, state: this.stateOf(g, at) };
    });
  }

  async get(id: string): Promise<GrantRecord> {
    const [r] = await this.db.query(`SELECT ${COLS} FROM emergency_grant WHERE id = $1`, [id]);
    if (!r) throw new GrantError(404, `no emergency grant ${id}`, 'id');
    const g = fromRow(r);
    return { ...g, state: this.stateOf(g, this.clock.now()) };
  }

  async create(granter: Principal, input: NewGrant): Promise<GrantRecord> {
    const now = this.clock.now();
    const maxHours = this.options.maxHours ?? 72;
    if (!this.modules.sector(input.sector)) throw new GrantError(422, `is not a sector of this IOC: ${input.sector}`, 'sector');
    for (const [i, p] of input.permissions.entries()) {
      if (!SECTOR_DATA.has(p as Permission)) throw new GrantError(422, `${p} is not a sector-data permission (one of ${[...SECTOR_DATA].join(', ')})`, `permissions[${i}]`);
    }
    if (!input.permissions.length) throw new GrantError(422, 'must name at least one permission', 'permissions');
    let expiresAt: Date;
    let field = 'expiresAt';
    if (input.expiresAt !== undefined) expiresAt = new Date(input.expiresAt);
    else if (input.durationMin !== undefined) {
      expiresAt = new Date(now.getTime() + input.durationMin * 60_000);
      field = 'durationMin';
    } else throw new GrantError(422, 'is required (or durationMin)', 'expiresAt');
    if (Number.isNaN(expiresAt.getTime())) throw new GrantError(422, 'is not an ISO date-time', field);
    if (expiresAt.getTime() <= now.getTime()) throw new GrantError(422, 'must be in the future', field);
    if (expiresAt.getTime() - now.getTime() > maxHours * 3_600_000) throw new GrantError(422, `must be at most ${maxHours} hours ahead (GRANT_MAX_HOURS)`, field);
    if (!managesSector(granter, input.sector)) throw new GrantError(403, `${granter.name} may not manage grants of ${input.sector}`, 'sector');
    const policy = this.policy?.();
    if (!policy) throw new Error('GrantService: setPolicy was not called');
    for (const p of input.permissions) {
      for (const region of input.regions?.length ? input.regions : [undefined]) {
        const d = policy.decide(granter, p as Permission, { sector: input.sector, ...(region ? { region } : {}) });
        // A grant cannot lend what the granter holds only through another emergency grant.
        if (!d.allow || d.grantId) throw new GrantError(403, `${granter.name} may not lend ${p} on ${input.sector}${region ? ` in ${region}` : ''}: ${d.allow ? 'held only through an emergency grant' : d.reason}`, 'permissions');
      }
    }
    const id = randomUUID();
    const role = 'role' in input.grantee ? input.grantee.role : null;
    const userId = 'userId' in input.grantee ? input.grantee.userId : null;
    await this.db.query(
      `INSERT INTO emergency_grant (id, sector, grantee_role, grantee_user_id, permissions, regions, incident_id, reason, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $10, $11)`,
      [id, input.sector, role, userId, input.permissions, input.regions ?? [], input.incidentId ?? null, input.reason, granter.id, now.toISOString(), expiresAt.toISOString()],
    );
    const g = await this.get(id);
    await this.audit.record({
      actor: granter,
      action: 'grant.create',
      target: `grant:${id}`,
      detail: { sector: g.sector, grantee: g.grantee, permissions: g.permissions, regions: g.regions, incidentId: g.incidentId ?? null, reason: g.reason, expiresAt: g.expiresAt.toISOString() },
    });
    await this.changed({ kind: 'created', id });
    return g;
  }

  async revoke(by: Principal, id: string, reason: string): Promise<GrantRecord> {
    const existing = await this.get(id); // 404 when missing
    if (!managesSector(by, existing.sector)) throw new GrantError(403, `${by.name} may not manage grants of ${existing.sector}`, 'id');
    const now = this.clock.now().toISOString();
    const rows = await this.db.query(`UPDATE emergency_grant SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id, now, by.id, reason]);
    if (!rows.length) {
      const g = await this.get(id); // 404 when missing
      throw new GrantError(409, `emergency grant ${id} was already revoked at ${g.revokedAt?.toISOString()}`, 'id');
    }
    await this.audit.record({ actor: by, action: 'grant.revoke', target: `grant:${id}`, detail: { reason } });
    await this.changed({ kind: 'revoked', id });
    return this.get(id);
  }

  /** Audits each grant's expiry once, when first noticed (any process; the row flag makes it once). */
  async noticeExpired(): Promise<number> {
    const rows = await this.db.query<{ id: string; sector: string; expires_at: string }>(
      `UPDATE emergency_grant SET expiry_audited = true WHERE expiry_audited = false AND revoked_at IS NULL AND expires_at <= $1 RETURNING id, sector, expires_at`,
      [this.clock.now().toISOString()],
    );
    for (const r of rows) {
      await this.audit.record({ actor: 'system', action: 'grant.expire', target: `grant:${r.id}`, detail: { sector: r.sector, expiresAt: new Date(r.expires_at).toISOString() } });
    }
    if (rows.length) {
      for (const r of rows) await this.changed({ kind: 'expired', id: r.id });
    }
    return rows.length;
  }

  private async changed(c: GrantChange): Promise<void> {
    await this.reload();
    this.emit(c);
    this.bus.publish(GRANTS_CHANGED, { ...c, origin: this.origin });
  }
}
