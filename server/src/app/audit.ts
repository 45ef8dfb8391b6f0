import type { NestInterceptor, Provider, Type } from '@nestjs/common';
import type { Config } from '../config/config.js';
import { AuditTrail } from '../engine/audit/audit-trail.js';
import { HttpAuditInterceptor } from '../engine/audit/http-audit.interceptor.js';
import { AUDIT_DB } from '../engine/audit/tokens.js';
import type { Bus } from '../engine/bus/bus.js';
import type { Database } from '../engine/db/database.js';
import { GrantService } from '../engine/grants/grant.service.js';
import type { Logger } from '../engine/logging/logger.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import type { Clock } from '../engine/time/clock.js';
import { AuditController } from '../api/audit.controller.js';
import { GrantsController } from '../api/grants.controller.js';

/**
 * The audit trail (append-only, hash-chained) and emergency grants in the api role. The caller
 * hands the policy to `grants.setPolicy(...)` (the policy reads `grants.active(now)`), installs
 * `interceptor` globally (or `httpAuditMiddleware(trail)` to also see refused requests), and
 * passes `trail` as the AuditSink of the accounts engine.
 */
export async function auditApi(deps: { config: Config; db: Database; bus: Bus; modules: ModuleRegistry; clock: Clock; log: Logger }): Promise<{ trail: AuditTrail; grants: GrantService; interceptor: NestInterceptor; providers: Provider[]; controllers: Type[]; close(): Promise<void> }> {
  const { config, db, bus, modules, clock } = deps;
  const log = deps.log.child('audit');
  const trail = new AuditTrail(db, { clock, log });
  const grants = new GrantService(db, bus, modules, trail, { clock, log: deps.log.child('grants'), maxHours: config.grants.maxHours, expiryCheckMs: config.grants.expiryCheckS * 1000 });
  await grants.start();
  const interceptor = new HttpAuditInterceptor(trail, log);
  return {
    trail,
    grants,
    interceptor,
    providers: [
      { provide: AUDIT_DB, useValue: db },
      { provide: AuditTrail, useValue: trail },
      { provide: GrantService, useValue: grants },
    ],
    controllers: [AuditController, GrantsController],
    async close() {
      grants.stop();
      await trail.close();
    },
  };
}
