import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Config } from '../../config/config.js';
import type { Database } from '../db/database.js';
import type { AuditSink } from '../auth/audit-sink.js';
import { isRole, type Principal, type RoleBinding } from '../auth/principal.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../logging/logger.js';
import { SignInRefused, type AccountService, type Session } from './account.service.js';

type OidcConfig = NonNullable<Config['auth']['oidc']>;
/** The flow or the issuer refused: 401; the issuer cannot be reached: 502. */
const refused = (why: string) => new SignInRefused(401, why);
const unavailable = (why: string) => new SignInRefused(502, why);
interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** A dotted claim path (`realm_access.roles`) out of a token payload. */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  let v: unknown = payload;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []);

/** Only same-origin relative paths (`/wall/main`), never `//host` or a scheme. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}

/** OpenID Connect relying party: authorization code + PKCE, and SSO access tokens as Bearer. */
export class OidcService {
  private discovery?: Promise<{ d: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> }>;

  constructor(
    readonly config: OidcConfig,
    private readonly accounts: AccountService,
    private readonly signingKey: Uint8Array,
    private readonly db: Database,
    private readonly audit: AuditSink,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  private discover() {
    this.discovery ??= (async () => {
      const res = await fetch(`${this.config.issuer}/.well-known/openid-configuration`).catch((err: Error) => {
        throw unavailable(`the SSO issuer cannot be reached (${err.message})`);
      });
      if (!res.ok) throw unavailable(`the SSO issuer's discovery answered ${res.status}`);
      const d = (await res.json()) as Discovery;
      return { d, jwks: createRemoteJWKSet(new URL(d.jwks_uri)) };
    })().catch((err) => {
      this.discovery = undefined;
      throw err;
    });
    return this.discovery;
  }

  /** Bindings from the claims: roles `ioc-<role>`, regions and sectors claims. */
  bindingsOf(...payloads: JWTPayload[]): RoleBinding[] {
    const roles = new Set<string>();
    let regions: string[] = [];
    let sectors: string[] | undefined;
    for (const p of payloads) {
      for (const r of [...strings(claimAt(p, this.config.rolesClaim)), ...strings(claimAt(p, `resource_access.${this.config.clientId}.roles`))]) {
        const name = r.startsWith('ioc-') ? r.slice(4) : undefined;
        if (name && isRole(name)) roles.add(name);
      }
      const rg = strings(claimAt(p, this.config.regionsClaim));
      if (rg.length) regions = rg;
      const sc = claimAt(p, this.config.sectorsClaim);
      if (sc !== undefined) sectors = strings(sc);
    }
    return [...roles].map((role) => ({ role: role as RoleBinding['role'], scope: { regions, ...(sectors ? { sectors } : {}) } }));
  }

  async loginUrl(next: string, redirectUri: string): Promise<{ url: string; cookie: string }> {
    const { d } = await this.discover();
    const state = b64url(randomBytes(16));
    const nonce = b64url(randomBytes(16));
    const verifier = b64url(randomBytes(32));
    const challenge = b64url(createHash('sha256').update(verifier).digest());
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const cookie = await new SignJWT({ state, nonce, verifier, next: safeNext(next), redirectUri }).setProtectedHeader({ alg: 'HS256' }).setIssuer('ioc-oidc').setIssuedAt(now).setExpirationTime(now + 600).sign(this.signingKey);
    const u = new URL(d.authorization_endpoint);
    for (const [k, v] of Object.entries({ response_type: 'code', client_id: this.config.clientId, redirect_uri: redirectUri, scope: 'openid profile email', state, nonce, code_challenge: challenge, code_challenge_method: 'S256' })) u.searchParams.set(k, v);
    return { url: u.toString(), cookie };
  }

  async callback(code: string, state: string, cookie: string | undefined, userAgent?: string): Promise<{ session: Session; next: string }> {
    if (!cookie) throw refused('the sign-in flow cookie is missing or expired; start again');
    let flow: { state: string; nonce: string; verifier: string; next: string; redirectUri: string };
    try {
      flow = (await jwtVerify(cookie, this.signingKey, { issuer: 'ioc-oidc', algorithms: ['HS256'], currentDate: this.clock.now() })).payload as never;
    } catch {
      throw refused('the sign-in flow cookie is invalid or expired; start again');
    }
    if (flow.state !== state) throw refused('state does not match');
    const { d, jwks } = await this.discover();
    const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: flow.redirectUri, client_id: this.config.clientId, code_verifier: flow.verifier, ...(this.config.clientSecret ? { client_secret: this.config.clientSecret } : {}) });
    const res = await fetch(d.token_endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    if (!res.ok) throw refused(`the issuer refused the code (${res.status})`);
    const tokens = (await res.json()) as { id_token?: string; access_token?: string };
    if (!tokens.id_token) throw refused('the issuer answered no id_token');
    let id: JWTPayload;
    try {
      id = (await jwtVerify(tokens.id_token, jwks, { issuer: d.issuer, audience: this.config.clientId, currentDate: this.clock.now() })).payload;
    } catch (err) {
      throw refused(`the id_token is not valid (${(err as Error).message})`);
    }
    if (id.nonce !== flow.nonce) throw refused('the id_token nonce does not match');
    const extra: JWTPayload[] = [];
    if (tokens.access_token) {
      try {
        extra.push((await jwtVerify(tokens.access_token, jwks, { issuer: d.issuer, currentDate: this.clock.now() })).payload);
      } catch {
        /* an opaque access token: the id_token's claims only */
      }
    }
    const bindings = this.bindingsOf(id, ...extra);
    const userId = await this.upsert(d.issuer, id, bindings);
    await this.audit.record({ actor: String(id.preferred_username ?? id.sub), action: 'auth.login', target: `user:${userId}`, detail: { via: 'oidc', roles: bindings.map((b) => b.role) } });
    return { session: await this.accounts.sessionFor(await this.accounts.get(userId), { ip: 'sso', ...(userAgent ? { userAgent } : {}) }, 'oidc'), next: flow.next };
  }

  private async upsert(issuer: string, claims: JWTPayload, bindings: RoleBinding[]): Promise<string> {
    const sub = String(claims.sub);
    const name = String(claims.name ?? claims.preferred_username ?? sub);
    const found = (await this.db.query<{ id: string; disabled: boolean }>('SELECT id, disabled FROM app_user WHERE oidc_issuer = $1 AND oidc_subject = $2', [issuer, sub]))[0];
    if (found) {
      if (found.disabled) throw refused('the account is disabled');
      await this.accounts.update(found.id, { displayName: name, bindings }, 'system');
      return found.id;
    }
    const base = String(claims.preferred_username ?? claims.email ?? sub).slice(0, 80);
    const username = (await this.accounts.findByUsername(base)) ? `${base}@sso-${sub.slice(0, 8)}` : base;
    return (await this.accounts.create({ username, displayName: name, bindings, origin: 'oidc', oidc: { issuer, subject: sub } }, 'system')).id;
  }

  /** An access token issued by the SSO itself (JWKS signature, iss, aud or azp = client id). */
  async principalFromBearer(token: string): Promise<Principal | undefined> {
    try {
      const { d, jwks } = await this.discover();
      const { payload } = await jwtVerify(token, jwks, { issuer: d.issuer, currentDate: this.clock.now() });
      const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      if (!aud.includes(this.config.clientId) && payload.azp !== this.config.clientId) return undefined;
      const sub = String(payload.sub);
      const row = (await this.db.query<{ id: string; disabled: boolean }>('SELECT id, disabled FROM app_user WHERE oidc_issuer = $1 AND oidc_subject = $2', [d.issuer, sub]))[0];
      if (row?.disabled) return undefined;
      return { kind: 'user', id: row?.id ?? `oidc:${sub}`, name: String(payload.preferred_username ?? payload.name ?? sub), bindings: this.bindingsOf(payload) };
    } catch (err) {
      this.log.debug('SSO bearer token refused', { error: (err as Error).message });
      return undefined;
    }
  }
}
