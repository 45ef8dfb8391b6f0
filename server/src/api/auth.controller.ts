import { z } from 'zod';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccountService, SignInRefused, type Account, type Session } from '../engine/accounts/account.service.js';
import { Access, Public, SignedIn } from '../engine/auth/access.js';
import type { RequestWithPrincipal } from '../app/access-guard.js';
import { ProblemException } from './problem.js';
import { answer } from './alerts.controller.js';
import { ApiDoc } from './openapi/api-doc.js';
import { parseInput } from './validation.js';

export const REFRESH_COOKIE = 'ioc_refresh';
export const AUTH_COOKIE_PATH = '/api/v1/auth';
/** Settings the auth routes need (cookie flags, SSO links). */
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
export interface AuthSettings {
  cookieSecure: boolean;
  oidc?: { loginPath: string };
}

const BindingSchema = z.object({ role: z.string(), scope: z.object({ regions: z.array(z.string()), sectors: z.array(z.string()).optional(), unitId: z.string().optional() }) }).meta({ id: 'RoleBinding' });
const UserSchema = z.object({ id: z.string(), username: z.string(), displayName: z.string(), bindings: z.array(BindingSchema) }).loose().meta({ id: 'Account' });
const SessionSchema = z.object({ accessToken: z.string(), expiresIn: z.number().int().describe('Seconds the access token lives'), user: UserSchema }).meta({ id: 'Session' });
const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(500) }).strict();
const createBody = z.object({ username: z.string().trim().regex(/^[A-Za-z0-9._@-]{2,64}$/, 'must be 2–64 letters, digits or . _ @ -'), displayName: z.string().trim().min(1).max(200), password: z.string().max(500).optional(), bindings: z.array(z.unknown()) }).strict();
const updateBody = z.object({ displayName: z.string().trim().min(1).max(200).optional(), disabled: z.boolean().optional(), bindings: z.array(z.unknown()).optional() }).strict();
const passwordBody = z.object({ password: z.string().max(500) }).strict();

export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function clientOf(req: Request): { ip: string; userAgent?: string } {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) };
}

export function setRefreshCookie(res: Response, s: Pick<Session, 'refreshToken' | 'refreshExpiresAt'>, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, s.refreshToken, { httpOnly: true, sameSite: 'strict', secure, path: AUTH_COOKIE_PATH, expires: s.refreshExpiresAt });
}

/** SignInRefused as problem+json (401, 423, 429, 502); other errors pass through. */
export function refusedProblem(err: unknown): unknown {
  if (!(err instanceof SignInRefused)) return err;
  const title = err.status === 401 ? 'Sign-in refused' : err.status === 423 ? 'Account locked' : err.status === 502 ? 'Sign-on issuer unavailable' : 'Too many attempts';
  const e = new ProblemException({ status: err.status, title, detail: err.message });
  if (err.retryAfterS) Object.assign(e, { retryAfterS: err.retryAfterS });
  return e;
}

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(AccountService) private readonly accounts: AccountService,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  private async session(res: Response, make: () => Promise<Session>): Promise<Omit<Session, 'refreshToken' | 'refreshExpiresAt'>> {
    try {
      const s = await make();
      setRefreshCookie(res, s, this.settings.cookieSecure);
      res.setHeader('Cache-Control', 'no-store');
      return { accessToken: s.accessToken, expiresIn: s.expiresIn, user: s.user };
    } catch (err) {
      if (err instanceof SignInRefused && err.retryAfterS) res.setHeader('Retry-After', String(err.retryAfterS));
      if (err instanceof SignInRefused && err.status === 401) res.clearCookie(REFRESH_COOKIE, { path: AUTH_COOKIE_PATH });
      throw refusedProblem(err);
    }
  }

  @ApiDoc({ summary: 'Sign in', description: 'User name and password → a short-lived access token (send it as `Authorization: Bearer …`, and to socket.io as `auth: { token }`) and a refresh token in an httpOnly cookie. Repeated failures lock the account; too many attempts from one address are throttled. / Đăng nhập.', body: loginBody, responses: { 200: { description: 'Signed in', schema: SessionSchema }, 401: { description: 'Wrong user name or password' }, 422: { description: 'A field is missing or invalid' }, 423: { description: 'Account locked (Retry-After)' }, 429: { description: 'Too many attempts (Retry-After)' } } })
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const b = parseInput(loginBody, body ?? {});
    return this.session(res, () => this.accounts.login(b.username, b.password, clientOf(req)));
  }

  @ApiDoc({ summary: 'Renew the access token', description: 'Uses the refresh cookie (rotated on every use; a used one coming back ends the whole sign-in).', responses: { 200: { description: 'A new access token', schema: SessionSchema }, 401: { description: 'No session, or it ended' } } })
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const token = cookieOf(req, REFRESH_COOKIE);
    return this.session(res, () => (token ? this.accounts.refresh(token, clientOf(req)) : Promise.reject(new SignInRefused(401, 'not signed in'))));
  }

  @ApiDoc({ summary: 'Sign out', description: 'Ends the session of the refresh cookie and clears it.', responses: { 204: { description: 'Signed out' } } })
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.accounts.logout(cookieOf(req, REFRESH_COOKIE));
    res.clearCookie(REFRESH_COOKIE, { path: AUTH_COOKIE_PATH });
  }

  @ApiDoc({ summary: 'Who am I', responses: { 200: { description: 'The signed-in account', schema: UserSchema } } })
  @SignedIn()
  @Get('me')
  async me(@Req() req: RequestWithPrincipal): Promise<Account | { id: string; username: string; displayName: string; bindings: unknown[] }> {
    const p = req.principal!;
    if (p.kind !== 'user') return { id: p.id, username: p.name, displayName: p.name, bindings: p.bindings };
    return answer(() => this.accounts.get(p.id)).catch(() => ({ id: p.id, username: p.name, displayName: p.name, bindings: p.bindings }));
  }

  @ApiDoc({ summary: 'How to sign in', description: 'For the sign-in page: local accounts, and the provincial SSO when configured.', responses: { 200: { description: 'Sign-in options', schema: z.object({ local: z.boolean(), oidc: z.object({ enabled: z.boolean(), loginUrl: z.string().optional() }) }) } } })
  @Public()
  @Get('config')
  config(): { local: boolean; oidc: { enabled: boolean; loginUrl?: string } } {
    return { local: true, oidc: this.settings.oidc ? { enabled: true, loginUrl: this.settings.oidc.loginPath } : { enabled: false } };
  }
}

@Controller('api/v1/users')
export class UsersController {
  constructor(@Inject(AccountService) private readonly accounts: AccountService) {}

  @ApiDoc({ summary: 'Accounts', description: 'Every account with its role bindings (role + region subtrees + sectors + unit). Never a password hash.', responses: { 200: { description: 'Accounts', schema: z.object({ items: z.array(UserSchema) }) } } })
  @Access('user:manage')
  @Get()
  async list(): Promise<{ items: Account[] }> {
    return { items: await this.accounts.list() };
  }

  @ApiDoc({ summary: 'Create an account', body: createBody, responses: { 201: { description: 'The account', schema: UserSchema }, 409: { description: 'User name taken' }, 422: { description: 'Invalid (the field is named)' } } })
  @Access('user:manage')
  @Post()
  create(@Body() body: unknown, @Req() req: RequestWithPrincipal): Promise<Account> {
    const b = parseInput(createBody, body ?? {});
    return answer(() => this.accounts.create({ username: b.username, displayName: b.displayName, ...(b.password !== undefined ? { password: b.password } : {}), bindings: b.bindings as never }, req.principal!));
  }

  @ApiDoc({ summary: 'One account', params: { id: 'Account id' }, responses: { 200: { description: 'The account', schema: UserSchema }, 404: { description: 'No such account' } } })
  @Access('user:manage')
  @Get(':id')
  get(@Param('id') id: string): Promise<Account> {
    return answer(() => this.accounts.get(id));
  }

  @ApiDoc({ summary: 'Change an account', description: 'Display name, disabled (ends its sessions), role bindings (reach its tokens at their next refresh).', params: { id: 'Account id' }, body: updateBody, responses: { 200: { description: 'The account', schema: UserSchema }, 404: { description: 'No such account' }, 422: { description: 'Invalid (the field is named)' } } })
  @Access('user:manage')
  @Put(':id')
  update(@Param('id') id: string, @Body() body: unknown, @Req() req: RequestWithPrincipal): Promise<Account> {
    const b = parseInput(updateBody, body ?? {});
    return answer(() => this.accounts.update(id, { ...(b.displayName ? { displayName: b.displayName } : {}), ...(b.disabled !== undefined ? { disabled: b.disabled } : {}), ...(b.bindings ? { bindings: b.bindings as never } : {}) }, req.principal!));
  }

  @ApiDoc({ summary: 'Set a password', description: 'Ends the account’s sessions.', params: { id: 'Account id' }, body: passwordBody, responses: { 204: { description: 'Set' }, 404: { description: 'No such account' }, 422: { description: 'Too short' } } })
  @Access('user:manage')
  @Post(':id/password')
  @HttpCode(204)
  async password(@Param('id') id: string, @Body() body: unknown, @Req() req: RequestWithPrincipal): Promise<void> {
    const b = parseInput(passwordBody, body ?? {});
    await answer(() => this.accounts.setPassword(id, b.password, req.principal!));
  }

  @ApiDoc({ summary: 'Unlock an account', description: 'Clears the failed sign-ins and the lock.', params: { id: 'Account id' }, responses: { 200: { description: 'The account', schema: UserSchema }, 404: { description: 'No such account' } } })
  @Access('user:manage')
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@Param('id') id: string, @Req() req: RequestWithPrincipal): Promise<Account> {
    return answer(() => this.accounts.unlock(id, req.principal!));
  }
}
