import type { Principal } from './principal.js';

/** One line of the audit trail, before the trail adds its sequence number, time and hashes. */
export interface AuditEntry {
  /** Who: a principal, or a name for system actions ("system", "simulator"). */
  actor: Principal | string;
  /** What, as `area.verb`: `auth.login`, `auth.login-failed`, `grant.create`, `http.POST`, ... */
  action: string;
  /** What it was done to: `/api/v1/incidents/…`, `user:…`, `grant:…`. */
  target: string;
  /** Whatever helps an auditor: outcome, status code, reason, remote address. Never secrets. */
  detail?: Record<string, unknown>;
}

/** Where logins, state changes and grants are written (engine/audit implements it). */
export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}

/** For tests of a component on its own. */
export const DISCARD_AUDIT: AuditSink = { record: async () => undefined };
