import type { AuditSink } from '../auth/audit-sink.js';
import type { Principal } from '../auth/principal.js';
import { publicView, type CredentialStore, type DeviceCredential } from './credential-store.js';

/** The API's view of the store: every change is audited (never the secret). */
export class DeviceCredentials {
  constructor(
    readonly store: CredentialStore,
    private readonly audit: AuditSink,
  ) {}

  async list(): Promise<DeviceCredential[]> {
    return (await this.store.list()).map(publicView);
  }

  async issue(input: { username?: string; sources: string[]; note?: string }, actor?: Principal): Promise<{ credential: DeviceCredential; secret: string }> {
    const r = await this.store.issue(input);
    await this.audit.record({ actor: actor ?? 'system', action: 'device.credential-issue', target: `device-credential:${r.credential.id}`, detail: { username: r.credential.username, sources: r.credential.sources } });
    return r;
  }

  async rotate(id: string, actor?: Principal): Promise<{ credential: DeviceCredential; secret: string }> {
    const r = await this.store.rotate(id);
    await this.audit.record({ actor: actor ?? 'system', action: 'device.credential-rotate', target: `device-credential:${id}`, detail: { username: r.credential.username } });
    return r;
  }

  async revoke(id: string, actor?: Principal): Promise<DeviceCredential> {
    const c = await this.store.revoke(id);
    await this.audit.record({ actor: actor ?? 'system', action: 'device.credential-revoke', target: `device-credential:${id}`, detail: { username: c.username } });
    return c;
  }
}
