import { z } from 'zod';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInRefused } from '../engine/accounts/account.service.js';
import { OidcService, safeNext } from '../engine/accounts/oidc.js';
import { Public } from '../engine/auth/access.js';
import { ApiDoc } from './openapi/api-doc.js';
import { AUTH_SETTINGS, cookieOf, refusedProblem, setRefreshCookie, type AuthSettings } from './auth.controller.js';
import { ProblemException } from './problem.js';

const FLOW_COOKIE = 'ioc_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';

@Controller('api/v1/auth/oidc')
export class OidcController {
  constructor(
    @Inject(OidcService) private readonly oidc: OidcService | null,
    @Inject(AUTH_SETTINGS) private readonly opts: AuthSettings,
  ) {}

  private enabled(): OidcService {
    if (!this.oidc) throw new ProblemException({ status: 404, title: 'Not found', detail: 'single sign-on is not configured (OIDC_ISSUER_URL)' });
    return this.oidc;
  }

  @Get('login')
  @Public()
  @ApiDoc({ summary: 'Start single sign-on', description: 'Redirects (302) to the issuer with state, nonce and PKCE; `next` (a same-origin path) is where the browser lands signed in.', query: z.object({ next: z.string().optional().describe('Where to go after signing in, e.g. /wall/main') }), responses: { 302: { description: 'To the issuer' }, 404: { description: 'SSO not configured' } } })
  async login(@Query('next') next: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const oidc = this.enabled();
    const redirectUri = oidc.config.redirectUrl ?? `${req.protocol}://${req.get('host')}/api/v1/auth/oidc/callback`;
    const { url, cookie } = await oidc.loginUrl(safeNext(next), redirectUri).catch((err: unknown) => {
      throw refusedProblem(err);
    });
    // Lax: the issuer sends the browser back with a top-level GET from its own site.
    res.append('Set-Cookie', `${FLOW_COOKIE}=${cookie}; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; Max-Age=600${this.opts.cookieSecure ? '; Secure' : ''}`);
    res.redirect(302, url);
  }

  @Get('callback')
  @Public()
  @ApiDoc({ summary: 'Single sign-on callback', description: 'Exchanges the code, verifies the id_token (issuer JWKS, iss, aud, exp, nonce), creates or updates the account from its claims, sets the refresh cookie and redirects to `next`.', query: z.object({ code: z.string().optional(), state: z.string().optional(), error: z.string().optional() }), responses: { 302: { description: 'Signed in; to next' }, 401: { description: 'The flow failed' } } })
  async callback(@Query('code') code: string | undefined, @Query('state') state: string | undefined, @Query('error') error: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const oidc = this.enabled();
    try {
      if (error) throw new SignInRefused(401, `the issuer answered ${error.slice(0, 100)}`);
      if (!code || !state) throw new ProblemException({ status: 422, title: 'Invalid request', detail: `${code ? 'state' : 'code'} is required`, errors: [{ field: code ? 'query.state' : 'query.code', problem: 'is required' }] });
      const { session, next } = await oidc.callback(code, state, cookieOf(req, FLOW_COOKIE), req.get('user-agent'));
      res.append('Set-Cookie', `${FLOW_COOKIE}=; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax; Max-Age=0`);
      setRefreshCookie(res, session, this.opts.cookieSecure);
      res.redirect(302, next);
    } catch (err) {
      throw refusedProblem(err);
    }
  }
}
