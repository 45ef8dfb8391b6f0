import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { DomainError } from '../domain-error.js';
import { isRole, ROLES, type AuditSink, type Principal, type RoleBinding } from '../auth/index.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../logging/logger.js';
import type { AccessTokens } from './tokens.js';

export class AccountError extends DomainError {}

/** Sign-in refused: 401 (bad credentials), 423 (locked), 429 (too many attempts from this address). */
export class SignInRefused extends Error {
  constructor(
    readonly status: 401 | 423 | 429 | 502,
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

export interface Account {
  id: string;
  username: string;
  displayName: string;
  origin: 'local' | 'oidc' | 'service';
  bindings: RoleBinding[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: Pick<Account, 'id' | 'username' | 'displayName' | 'bindings'>;
  /** The opaque refresh token (goes in the httpOnly cookie, never in a body). */
  refreshToken: string;
  refreshExpiresAt: Date;
}

export interface AccountOptions {
  accessTtlS: number;
  refreshTtlS: number;
  lockoutAttempts: number;
  lockoutS: number;
  loginRatePerMin: number;
}

/** Checks bindings against the geography, sectors and units; returns problems by field. */
export type BindingCheck = (bindings: RoleBinding[], field: string) => Array<{ field: string; problem: string }>;

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  origin: Account['origin'];
  bindings: RoleBinding[] | string;
  disabled: boolean;
  failed_attempts: number;
  locked_until: Date | string | null;
  last_login_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const MIN_PASSWORD = 10;
// A hash of a random string, verified when the user is unknown so the answer takes as long.
let dummyHash: Promise<string> | undefined;

function toAccount(r: UserRow): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    origin: r.origin,
    bindings: typeof r.bindings === 'string' ? (JSON.parse(r.bindings) as RoleBinding[]) : r.bindings,
    disabled: r.disabled,
    lockedUntil: iso(r.locked_until),
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** Shape checks of bindings that need no geography (roles known, arrays of strings, a unit for field units). */
export function bindingShapeProblems(bindings: unknown, field = 'bindings'): Array<{ field: string; problem: string }> {
  if (!Array.isArray(bindings)) return [{ field, problem: 'must be an array of { role, scope }' }];
  const out: Array<{ field: string; problem: string }> = [];
  bindings.forEach((b: unknown, i) => {
    const f = `${field}[${i}]`;
    const x = b as { role?: unknown; scope?: { regions?: unknown; sectors?: unknown; unitId?: unknown } } | null;
    if (!x || typeof x !== 'object') return out.push({ field: f, problem: 'must be { role, scope }' });
    if (!isRole(x.role)) out.push({ field: `${f}.role`, problem: `must be one of ${ROLES.join(', ')}` });
    const s = x.scope;
    if (!s || typeof s !== 'object') return out.push({ field: `${f}.scope`, problem: 'must be { regions: string[], sectors?: string[], unitId? }' });
    if (!Array.isArray(s.regions) || !s.regions.every((r) => typeof r === 'string')) out.push({ field: `${f}.scope.regions`, problem: 'must be an array of region ids ([] = the whole province)' });
    if (s.sectors !== undefined && (!Array.isArray(s.sectors) || !s.sectors.every((r) => typeof r === 'string'))) out.push({ field: `${f}.scope.sectors`, problem: 'must be an array of sector ids' });
    if (x.role === 'field-unit' && (typeof s.unitId !== 'string' || !s.unitId)) out.push({ field: `${f}.scope.unitId`, problem: 'is required for a field unit' });
    return undefined;
  });
  return out;
}

/**
 * Local accounts and sessions: argon2id passwords, lockout after repeated failures, a throttle
 * per client address, short-lived access tokens and rotating refresh tokens (a rotated token
 * used again revokes its whole family: someone copied it).
 */
export class AccountService {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly db: Database,
    private readonly tokens: AccessTokens,
    private readonly audit: AuditSink,
    private readonly checkBindings: BindingCheck,
    private readonly options: AccountOptions,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  // ---- sign-in -----------------------------------------------------------------------------

  async login(username: string, password: string, from: { ip: string; userAgent?: string }): Promise<Session> {
    const now = this.clock.now();
    this.throttle(from.ip, now);
    const row = await this.row('lower(username) = lower($1)', [username]);
    if (row?.locked_until && new Date(row.locked_until) > now) {
      const retry = Math.ceil((new Date(row.locked_until).getTime() - now.getTime()) / 1000);
      await this.audit.record({ actor: username, action: 'auth.login-locked', target: `user:${row.id}`, detail: { ip: from.ip, retryAfterS: retry } });
      throw new SignInRefused(423, `the account is locked after ${this.options.lockoutAttempts} failed sign-ins; try again in ${retry} s or ask an admin to unlock it`, retry);
    }
    const ok = row?.password_hash ? await argonVerify(row.password_hash, password).catch(() => false) : (await argonVerify(await (dummyHash ??= argonHash(randomBytes(16).toString('hex'))), password).catch(() => false), false);
    if (!row || !ok || row.disabled) {
      if (row && !row.disabled) {
        const failed = row.failed_attempts + 1;
        const lock = failed >= this.options.lockoutAttempts ? new Date(now.getTime() + this.options.lockoutS * 1000) : null;
        await this.db.query('UPDATE app_user SET failed_attempts = $2, locked_until = COALESCE($3, locked_until) WHERE id = $1', [row.id, lock ? 0 : failed, lock]);
        if (lock) {
          await this.audit.record({ actor: username, action: 'auth.locked', target: `user:${row.id}`, detail: { ip: from.ip, untilS: this.options.lockoutS } });
          throw new SignInRefused(423, `the account is now locked after ${this.options.lockoutAttempts} failed sign-ins; try again in ${this.options.lockoutS} s or ask an admin to unlock it`, this.options.lockoutS);
        }
      }
      await this.audit.record({ actor: username, action: 'auth.login-failed', target: row ? `user:${row.id}` : 'user:unknown', detail: { ip: from.ip, reason: !row ? 'unknown user' : row.disabled ? 'disabled' : 'wrong password' } });
      throw new SignInRefused(401, 'wrong user name or password');
    }
    await this.db.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1', [row.id, now]);
    const account = toAccount(row);
    await this.audit.record({ actor: this.principalOf(account), action: 'auth.login', target: `user:${row.id}`, detail: { ip: from.ip } });
    return this.openSession(account, randomUUID(), from.userAgent);
  }

  /** Signs in an account that another system vouched for (the provincial SSO). */
  async sessionFor(account: Account, from: { ip: string; userAgent?: string }, how: string): Promise<Session> {
    await this.db.query('UPDATE app_user SET last_login_at = $2 WHERE id = $1', [account.id, this.clock.now()]);
    await this.audit.record({ actor: this.principalOf(account), action: 'auth.login', target: `user:${account.id}`, detail: { ip: from.ip, via: how } });
    return this.openSession(account, randomUUID(), from.userAgent);
  }

  async refresh(refreshToken: string, from: { ip: string; userAgent?: string }): Promise<Session> {
    const now = this.clock.now();
    const rows = await this.db.query<{ id: string; user_id: string; family: string; expires_at: Date | string; rotated_at: Date | string | null; revoked_at: Date | string | null }>('SELECT id, user_id, family, expires_at, rotated_at, revoked_at FROM refresh_token WHERE token_hash = $1', [sha256(refreshToken)]);
    const t = rows[0];
    if (!t) throw new SignInRefused(401, 'the session is unknown or has ended; sign in again');
    if (t.rotated_at || t.revoked_at) {
      if (t.rotated_at && !t.revoked_at) {
        // A token already exchanged comes back: a copy is in other hands. End the whole sign-in.
        await this.db.query('UPDATE refresh_token SET revoked_at = $2 WHERE family = $1 AND revoked_at IS NULL', [t.family, now]);
        await this.audit.record({ actor: `user:${t.user_id}`, action: 'auth.refresh-reuse', target: `user:${t.user_id}`, detail: { ip: from.ip, family: t.family } });
        this.log.warn('a rotated refresh token was used again; the session family is revoked', { userId: t.user_id, ip: from.ip });
      }
      throw new SignInRefused(401, 'the session has ended; sign in again');
    }
    if (new Date(t.expires_at) <= now) throw new SignInRefused(401, 'the session has expired; sign in again');
    const row = await this.row('id = $1', [t.user_id]);
    if (!row || row.disabled) throw new SignInRefused(401, 'the account is disabled');
    await this.db.query('UPDATE refresh_token SET rotated_at = $2 WHERE id = $1', [t.id, now]);
    return this.openSession(toAccount(row), t.family, from.userAgent);
  }

  async logout(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const rows = await this.db.query<{ user_id: string; family: string }>('SELECT user_id, family FROM refresh_token WHERE token_hash = $1', [sha256(refreshToken)]);
    if (!rows[0]) return;
    await this.db.query('UPDATE refresh_token SET revoked_at = $2 WHERE family = $1 AND revoked_at IS NULL', [rows[0].family, this.clock.now()]);
    await this.audit.record({ actor: `user:${rows[0].user_id}`, action: 'auth.logout', target: `user:${rows[0].user_id}` });
  }

  /** A long-lived access token for a service account (the demo's simulator). */
  async serviceToken(username: string, ttlS: number): Promise<string> {
    const row = await this.row('lower(username) = lower($1)', [username]);
    if (!row) throw new AccountError('not-found', `no account ${username}`);
    const a = toAccount(row);
    return this.tokens.issue({ sub: a.id, name: a.username, bindings: a.bindings }, ttlS);
  }

  private async openSession(a: Account, family: string, userAgent: string | undefined): Promise<Session> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(now.getTime() + this.options.refreshTtlS * 1000);
    await this.db.query('INSERT INTO refresh_token (id, user_id, token_hash, family, created_at, expires_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)', [randomUUID(), a.id, sha256(refreshToken), family, now, refreshExpiresAt, userAgent?.slice(0, 300) ?? null]);
    const accessToken = await this.tokens.issue({ sub: a.id, name: a.username, bindings: a.bindings }, this.options.accessTtlS);
    return { accessToken, expiresIn: this.options.accessTtlS, user: { id: a.id, username: a.username, displayName: a.displayName, bindings: a.bindings }, refreshToken, refreshExpiresAt };
  }

  private throttle(ip: string, now: Date): void {
    const t = now.getTime();
    const recent = (this.attempts.get(ip) ?? []).filter((x) => x > t - 60_000);
    if (recent.length >= this.options.loginRatePerMin) {
      const retry = Math.max(1, Math.ceil((recent[0]! + 60_000 - t) / 1000));
      this.attempts.set(ip, recent);
      throw new SignInRefused(429, `too many sign-in attempts from this address; try again in ${retry} s`, retry);
    }
    recent.push(t);
    this.attempts.set(ip, recent);
    if (this.attempts.size > 10_000) for (const [k, v] of this.attempts) if (!v.some((x) => x > t - 60_000)) this.attempts.delete(k);
  }

  principalOf(a: Pick<Account, 'id' | 'username' | 'bindings'>): Principal {
    return { kind: 'user', id: a.id, name: a.username, bindings: a.bindings };
  }

  // ---- accounts ----------------------------------------------------------------------------

  private async row(where: string, params: unknown[]): Promise<UserRow | undefined> {
    return (await this.db.query<UserRow>(`SELECT * FROM app_user WHERE ${where}`, params))[0];
  }

  async list(): Promise<Account[]> {
    return (await this.db.query<UserRow>('SELECT * FROM app_user ORDER BY lower(username)')).map(toAccount);
  }

  async get(id: string): Promise<Account> {
    const r = await this.row('id = $1', [id]);
    if (!r) throw new AccountError('not-found', `no account ${id}`);
    return toAccount(r);
  }

  async findByUsername(username: string): Promise<Account | undefined> {
    const r = await this.row('lower(username) = lower($1)', [username]);
    return r ? toAccount(r) : undefined;
  }

  private validate(bindings: RoleBinding[]): void {
    const problems = [...bindingShapeProblems(bindings)];
    if (!problems.length) problems.push(...this.checkBindings(bindings, 'bindings'));
    if (problems.length) throw new AccountError('invalid', `${problems[0]!.field} ${problems[0]!.problem}`, problems[0]!.field, problems[0]!.problem);
  }

  async create(input: { username: string; displayName: string; password?: string; bindings: RoleBinding[]; origin?: Account['origin']; oidc?: { issuer: string; subject: string } }, actor: Principal | string): Promise<Account> {
    this.validate(input.bindings);
    if (input.password !== undefined && input.password.length < MIN_PASSWORD) throw new AccountError('invalid', `password must have at least ${MIN_PASSWORD} characters`, 'password', `must have at least ${MIN_PASSWORD} characters`);
    if (await this.findByUsername(input.username)) throw new AccountError('conflict', `the user name ${input.username} is taken`, 'username', 'is taken');
    const now = this.clock.now();
    const id = randomUUID();
    const hash = input.password !== undefined ? await argonHash(input.password) : null;
    await this.db.query('INSERT INTO app_user (id, username, display_name, password_hash, origin, oidc_issuer, oidc_subject, bindings, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $9)', [id, input.username, input.displayName, hash, input.origin ?? 'local', input.oidc?.issuer ?? null, input.oidc?.subject ?? null, JSON.stringify(input.bindings), now]);
    await this.audit.record({ actor, action: 'user.create', target: `user:${id}`, detail: { username: input.username, bindings: input.bindings, origin: input.origin ?? 'local' } });
    return this.get(id);
  }

  async update(id: string, change: { displayName?: string; disabled?: boolean; bindings?: RoleBinding[] }, actor: Principal | string): Promise<Account> {
    const current = await this.get(id);
    if (change.bindings) this.validate(change.bindings);
    await this.db.query('UPDATE app_user SET display_name = $2, disabled = $3, bindings = $4::jsonb, updated_at = $5 WHERE id = $1', [id, change.displayName ?? current.displayName, change.disabled ?? current.disabled, JSON.stringify(change.bindings ?? current.bindings), this.clock.now()]);
    // A disabled account's sessions end now; changed bindings reach tokens at the next refresh.
    if (change.disabled) await this.db.query('UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [id, this.clock.now()]);
    await this.audit.record({ actor, action: 'user.update', target: `user:${id}`, detail: { ...change } });
    return this.get(id);
  }

  async setPassword(id: string, password: string, actor: Principal | string): Promise<void> {
    await this.get(id);
    if (password.length < MIN_PASSWORD) throw new AccountError('invalid', `password must have at least ${MIN_PASSWORD} characters`, 'password', `must have at least ${MIN_PASSWORD} characters`);
    await this.db.query('UPDATE app_user SET password_hash = $2, updated_at = $3 WHERE id = $1', [id, await argonHash(password), this.clock.now()]);
    await this.db.query('UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [id, this.clock.now()]);
    await this.audit.record({ actor, action: 'user.password', target: `user:${id}` });
  }

  async unlock(id: string, actor: Principal | string): Promise<Account> {
    await this.get(id);
    await this.db.query('UPDATE app_user SET failed_attempts = 0, locked_until = NULL, updated_at = $2 WHERE id = $1', [id, this.clock.now()]);
    await this.audit.record({ actor, action: 'user.unlock', target: `user:${id}` });
    return this.get(id);
  }

  /**
   * First boot: with no enabled admin, creates `admin` (whole province) with the given password or
   * a random one, returned so the caller prints it once.
   */
  async bootstrap(password: string | undefined): Promise<{ username: string; password?: string } | undefined> {
    const admins = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user WHERE NOT disabled AND bindings @> '[{"role":"admin"}]'::jsonb`);
    if (admins[0]!.n > 0) return undefined;
    const generated = password ? undefined : randomBytes(12).toString('base64url');
    const existing = await this.findByUsername('admin');
    const bindings: RoleBinding[] = [{ role: 'admin', scope: { regions: [] } }];
    if (existing) {
      await this.update(existing.id, { disabled: false, bindings }, 'system');
      await this.setPassword(existing.id, password ?? generated!, 'system');
    } else await this.create({ username: 'admin', displayName: 'Quản trị hệ thống', password: password ?? generated!, bindings }, 'system');
    return { username: 'admin', ...(generated ? { password: generated } : {}) };
  }
}
