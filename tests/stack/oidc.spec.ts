/**
 * Single sign-on against a local stand-in issuer (discovery, JWKS of an RSA key, /authorize that
 * redirects straight back with a code, /token answering a signed id_token and a Keycloak-style
 * access token): the whole code flow over HTTP, then the IOC token; the SSO's own access token as
 * a Bearer; a wrong audience and a bad signature refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { startStack } from '../support/stack.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
const CLIENT = 'ioc-web';

describe('OIDC single sign-on (AUTH_MODE=required)', () => {
  let stack: Stack;
  let issuerServer: http.Server;
  let issuer = '';
  let key: CryptoKey;
  let jwk: JWK;
  const codes = new Map<string, { nonce: string; challenge: string }>();

  const sign = (claims: Record<string, unknown>, opts: { aud?: string; k?: CryptoKey; iss?: string } = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(opts.iss ?? issuer).setAudience(opts.aud ?? CLIENT).setSubject('sso-user-1').setIssuedAt().setExpirationTime('5m').sign(opts.k ?? key);
  const KEYCLOAK = { preferred_username: 'nguyenvana', name: 'Nguyễn Văn A', realm_access: { roles: ['ioc-operator', 'offline_access'] }, ioc_regions: ['bp-dong-xoai'] };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey as CryptoKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    issuerServer = http.createServer(async (req, res) => {
      const u = new URL(req.url!, issuer);
      const path = u.pathname.replace(/^\/realms\/ioc/, '');
      if (path === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
      } else if (path === '/jwks') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      } else if (path === '/authorize') {
        expect(u.searchParams.get('client_id')).toBe(CLIENT);
        expect(u.searchParams.get('code_challenge_method')).toBe('S256');
        const code = `code-${codes.size + 1}`;
        codes.set(code, { nonce: u.searchParams.get('nonce')!, challenge: u.searchParams.get('code_challenge')! });
        res.statusCode = 302;
        res.setHeader('location', `${u.searchParams.get('redirect_uri')}?code=${code}&state=${u.searchParams.get('state')}`);
        res.end();
      } else if (path === '/token' && req.method === 'POST') {
        let body = '';
        for await (const c of req) body += c;
        const form = new URLSearchParams(body);
        const entry = codes.get(form.get('code')!);
        const { createHash } = await import('node:crypto');
        if (!entry || createHash('sha256').update(form.get('code_verifier')!).digest('base64url') !== entry.challenge) {
          res.statusCode = 400;
          res.end('{"error":"invalid_grant"}');
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id_token: await sign({ nonce: entry.nonce, preferred_username: 'nguyenvana', name: 'Nguyễn Văn A' }), access_token: await sign({ ...KEYCLOAK, azp: CLIENT }, { aud: 'account' }), token_type: 'Bearer' }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => issuerServer.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}/realms/ioc`;
    stack = await startStack({ AUTH_MODE: 'required', IOC_ADMIN_PASSWORD: 'admin-password-x', OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: CLIENT });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    issuerServer?.close();
  });

  it('runs the authorization code flow and signs the user in with bindings from the claims', async () => {
    expect(await (await fetch(`${stack.httpUrl}/api/v1/auth/config`)).json()).toEqual({ local: true, oidc: { enabled: true, loginUrl: '/api/v1/auth/oidc/login' } });
    const start = await fetch(`${stack.httpUrl}/api/v1/auth/oidc/login?next=/wall/main`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const flowCookie = /ioc_oidc=[^;]+/.exec(start.headers.get('set-cookie')!)![0];
    const atIssuer = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    expect(atIssuer.status).toBe(302);
    const back = await fetch(atIssuer.headers.get('location')!, { redirect: 'manual', headers: { cookie: flowCookie } });
    expect(back.status, await back.clone().text()).toBe(302);
    expect(back.headers.get('location')).toBe('/wall/main');
    const refresh = /ioc_refresh=([^;]+)/.exec(back.headers.get('set-cookie')!)![1];
    const session = await fetch(`${stack.httpUrl}/api/v1/auth/refresh`, { method: 'POST', headers: { cookie: `ioc_refresh=${refresh}` } });
    expect(session.status).toBe(200);
    const { accessToken, user } = (await session.json()) as { accessToken: string; user: { username: string; bindings: unknown } };
    expect(user).toMatchObject({ username: 'nguyenvana', bindings: [{ role: 'operator', scope: { regions: ['bp-dong-xoai'] } }] });
    const me = await fetch(`${stack.httpUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await me.json()).toMatchObject({ username: 'nguyenvana', displayName: 'Nguyễn Văn A' });
    // A callback without the flow cookie, or with a forged state, is refused.
    expect((await fetch(atIssuer.headers.get('location')!, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses a next that leaves the site', async () => {
    const start = await fetch(`${stack.httpUrl}/api/v1/auth/oidc/login?next=//evil.example/x`, { redirect: 'manual' });
    const flowCookie = /ioc_oidc=[^;]+/.exec(start.headers.get('set-cookie')!)![0];
    const atIssuer = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = await fetch(atIssuer.headers.get('location')!, { redirect: 'manual', headers: { cookie: flowCookie } });
    expect(back.headers.get('location')).toBe('/');
  });

  it('accepts the SSO access token as a Bearer; refuses a wrong audience and a bad signature', async () => {
    const me = (t: string) => fetch(`${stack.httpUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${t}` } });
    const good = await sign({ ...KEYCLOAK, azp: CLIENT }, { aud: 'account' });
    const res = await me(good);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: 'nguyenvana', bindings: [{ role: 'operator' }] });
    expect((await me(await sign({ ...KEYCLOAK, azp: 'other-client' }, { aud: 'other-client' }))).status).toBe(401);
    const other = (await generateKeyPair('RS256')).privateKey as CryptoKey;
    expect((await me(await sign({ ...KEYCLOAK, azp: CLIENT }, { k: other }))).status).toBe(401);
    expect((await me(await sign({ ...KEYCLOAK, azp: CLIENT }, { iss: 'http://elsewhere' }))).status).toBe(401);
  });
});
