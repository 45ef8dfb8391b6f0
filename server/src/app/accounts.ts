import type { Provider, Type } from '@nestjs/common';
import type { Config } from '../config/config.js';
import type { Database } from '../engine/db/index.js';
import type { AuditSink, RoleBinding } from '../engine/auth/index.js';
import type { RegionTree } from '../engine/registry/region-tree.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import type { Clock } from '../engine/time/clock.js';
import type { Logger } from '../engine/logging/logger.js';
import { AccountService, type BindingCheck } from '../engine/accounts/account.service.js';
import { AccessTokens, signingKey } from '../engine/accounts/tokens.js';
import { AUTH_SETTINGS, AuthController, UsersController, type AuthSettings } from '../api/auth.controller.js';
import type { Authenticator } from './access-guard.js';
import { OidcService } from '../engine/accounts/oidc.js';
import { OidcController } from '../api/oidc.controller.js';

export interface AccountsApi {
  service: AccountService;
  providers: Provider[];
  controllers: Type[];
  authenticator: Authenticator;
  /** First boot: creates `admin` when no admin exists; returns a generated password to print once. */
  bootstrap(): Promise<{ username: string; password?: string } | undefined>;
  /** The demo's accounts, one per role (idempotent). */
  ensureDemoAccounts(password: string): Promise<Array<{ username: string; role: string }>>;
  issueServiceToken(username: string, ttlS: number): Promise<string>;
}

/** Accounts, sign-in and sessions (REST under /api/v1/auth and /api/v1/users). */
export async function accountsApi(deps: { config: Config; db: Database; audit: AuditSink; tree: RegionTree; modules: ModuleRegistry; clock: Clock; log: Logger }): Promise<AccountsApi> {
  const { config, db, tree, modules, clock } = deps;
  const a = config.auth;
  const key = await signingKey(db, a.tokenSecret, clock.now());
  const tokens = new AccessTokens(key, () => clock.now());
  const checkBindings: BindingCheck = (bindings, field) => {
    const out: Array<{ field: string; problem: string }> = [];
    bindings.forEach((b, i) => {
      b.scope.regions.forEach((r, j) => tree.get(r) || out.push({ field: `${field}[${i}].scope.regions[${j}]`, problem: `"${r}" is not a region` }));
      b.scope.sectors?.forEach((s, j) => modules.sector(s) || out.push({ field: `${field}[${i}].scope.sectors[${j}]`, problem: `"${s}" is not a loaded sector` }));
    });
    return out;
  };
  const service = new AccountService(db, tokens, deps.audit, checkBindings, { accessTtlS: a.accessTtlS, refreshTtlS: a.refreshTtlS, lockoutAttempts: a.lockoutAttempts, lockoutS: a.lockoutS, loginRatePerMin: a.loginRatePerMin }, clock, deps.log.child('accounts'));
  // Single sign-on with the provincial SSO (OIDC), when configured.
  const oidc = a.oidc ? new OidcService(a.oidc, service, key, db, deps.audit, clock, deps.log.child('oidc')) : undefined;
  const settings: AuthSettings = { cookieSecure: a.cookieSecure, ...(oidc ? { oidc: { loginPath: '/api/v1/auth/oidc/login' } } : {}) };
  // IOC tokens first; else an access token the SSO issued for this client.
  const authenticator: Authenticator = { principalFromToken: async (t) => (await tokens.verify(t)) ?? (oidc ? await oidc.principalFromBearer(t) : undefined) };

  const ensureDemoAccounts = async (password: string) => {
    const root = tree.root()!.id;
    const commune = tree.atLevel(root, 'commune')[0]!.id;
    const all: Array<{ username: string; displayName: string; bindings: RoleBinding[] }> = [
      { username: 'operator', displayName: 'Trực ban IOC', bindings: [{ role: 'operator', scope: { regions: [] } }] },
      { username: 'leader', displayName: 'Lãnh đạo tỉnh', bindings: [{ role: 'leader', scope: { regions: [] } }] },
      { username: 'yte', displayName: 'Sở Y tế', bindings: [{ role: 'sector-staff', scope: { regions: [], sectors: ['health'] } }] },
      { username: 'dieuphoi', displayName: 'Điều phối viên 112', bindings: [{ role: 'coordinator', scope: { regions: [] } }] },
      { username: 'pccc-dx-01', displayName: 'Đội PCCC Đồng Xoài (1)', bindings: [{ role: 'field-unit', scope: { regions: [], unitId: 'unit-dx-fire-01' } }] },
      { username: 'baocao', displayName: `Cán bộ thống kê ${tree.get(commune)!.name}`, bindings: [{ role: 'reporter', scope: { regions: [commune] } }] },
      { username: 'viewer', displayName: 'Người xem', bindings: [{ role: 'viewer', scope: { regions: [] } }] },
      { username: 'simulator', displayName: 'Trình mô phỏng (tài khoản dịch vụ)', bindings: [{ role: 'admin', scope: { regions: [] } }] },
    ];
    const wanted = all.filter((w) => w.bindings.every((b) => !b.scope.sectors || b.scope.sectors.every((s) => modules.sector(s))));
    const out: Array<{ username: string; role: string }> = [];
    for (const w of wanted) {
      if (!(await service.findByUsername(w.username))) await service.create({ ...w, password, ...(w.username === 'simulator' ? { origin: 'service' as const } : {}) }, 'demo');
      out.push({ username: w.username, role: w.bindings[0]!.role });
    }
    return out;
  };

  return {
    service,
    providers: [{ provide: AccountService, useValue: service }, { provide: AUTH_SETTINGS, useValue: settings }, { provide: OidcService, useValue: oidc ?? null }],
    controllers: [AuthController, OidcController, UsersController],
    authenticator,
    bootstrap: () => service.bootstrap(a.adminPassword),
    ensureDemoAccounts,
    issueServiceToken: (username, ttlS) => service.serviceToken(username, ttlS),
  };
}
