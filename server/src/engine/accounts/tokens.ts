import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Principal, RoleBinding } from '../auth/index.js';
import type { Database } from '../db/index.js';

const ISSUER = 'ioc';

/** The key every api process signs and verifies access tokens with: from config, else one stored in the database. */
export async function signingKey(db: Database, configured: string | undefined, now: Date): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured);
  await db.query('INSERT INTO auth_key (id, secret, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', ['access', randomBytes(48).toString('base64url'), now]);
  const rows = await db.query<{ secret: string }>('SELECT secret FROM auth_key WHERE id = $1', ['access']);
  return new TextEncoder().encode(rows[0]!.secret);
}

export interface AccessClaims {
  sub: string;
  name: string;
  bindings: RoleBinding[];
}

/** Short-lived signed access tokens (JWT, HS256) that carry the bindings, so checking one needs no query. */
export class AccessTokens {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => Date,
  ) {}

  async issue(claims: AccessClaims, ttlS: number): Promise<string> {
    const iat = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ name: claims.name, bindings: claims.bindings })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(claims.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlS)
      .sign(this.key);
  }

  /** The principal of a valid token; undefined for a bad signature, another issuer or an expired token. */
  async verify(token: string): Promise<Principal | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: this.now() });
      if (typeof payload.sub !== 'string' || !Array.isArray(payload.bindings)) return undefined;
      return { kind: 'user', id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, bindings: payload.bindings as RoleBinding[] };
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return undefined;
      throw err;
    }
  }
}
