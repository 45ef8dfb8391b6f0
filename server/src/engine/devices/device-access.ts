import { createHash } from 'node:crypto';
import { verify as argon2Verify } from '@node-rs/argon2';
import type { Database } from '../db/database.js';
import type { AuditSink } from '../auth/audit-sink.js';
import type { BrokerAccessHooks, BrokerControl, MqttClientInfo, RefusedPublish } from '../mqtt/broker-access.js';
import type { CredentialStore, StoredCredential } from './credential-store.js';
import { publishRefusal, subscribeRefusal, type SourceLookup } from './device-acl.js';

export const DEVICE_DEAD_LETTER_CODE = 'device-not-authorized';

export interface DeviceAccessOptions {
  /** MQTT_DEVICE_AUTH: required = every client signs in with a device credential; off = anyone. */
  mode: 'required' | 'off';
  deadLetterMaxBytes: number;
  log?: { warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };
  /** Audit rows of refused publishes: at most one per credential per this many ms (default 60 s). */
  auditEveryMs?: number;
  now?: () => number;
}

/**
 * The embedded broker's access hooks backed by the device credential store: CONNECT checks the
 * username/secret (argon2id, successful checks cached by credential id + SHA-256 of the secret
 * until the credential changes), PUBLISH and SUBSCRIBE follow the device ACL, and a refused
 * PUBLISH is written to dead_letter with the reason (never silently lost).
 */
export class DeviceAccess implements BrokerAccessHooks {
  private readonly verified = new Set<string>();
  private readonly lastAudit = new Map<string, number>();
  /** Refused messages already dead-lettered (aedes disconnects; the device resends on reconnect). */
  private readonly deadLettered = new Map<string, number>();
  private broker?: BrokerControl;
  readonly stats = { connectRefused: 0, publishRefused: 0, subscribeRefused: 0, deadLettered: 0, verifyCacheHits: 0 };

  constructor(
    private readonly store: CredentialStore,
    private readonly sources: SourceLookup,
    private readonly db: Database,
    private readonly audit: AuditSink,
    private readonly options: DeviceAccessOptions,
  ) {
    store.onChange(() => this.credentialsChanged());
  }

  private get required(): boolean {
    return this.options.mode === 'required';
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  // Hooks are own properties (arrow functions): createMqttIngress spreads them into the broker's options.
  bindBroker = (control: BrokerControl): void => {
    this.broker = control;
  };

  /** Forget cached verifications; end sessions of revoked or rotated credentials. */
  private credentialsChanged(): void {
    this.verified.clear();
    if (!this.broker || !this.required) return;
    const stale = new Set<string>();
    for (const s of this.broker.sessions()) {
      if (!s.username) continue;
      const c = this.store.byName(s.username);
      if (!c || c.revokedAt || (c.rotatedAt && s.connectedAt < Date.parse(c.rotatedAt))) stale.add(s.id);
    }
    if (stale.size) this.broker.disconnect((client) => stale.has(client.id));
  }

  private credentialOf(client: MqttClientInfo | null): StoredCredential | undefined {
    if (!client?.username) return undefined;
    const c = this.store.byName(client.username);
    return c && !c.revokedAt ? c : undefined;
  }

  authenticate = async (client: MqttClientInfo, username: string | undefined, password: Buffer | undefined): Promise<boolean> => {
    if (!this.required) return true;
    const cred = username ? this.store.byName(username) : undefined;
    if (!cred || cred.revokedAt || !password) {
      this.stats.connectRefused++;
      return false;
    }
    const key = `${cred.id}:${cred.secretHash.slice(-16)}:${createHash('sha256').update(password).digest('hex')}`;
    if (this.verified.has(key)) {
      this.stats.verifyCacheHits++;
      return true;
    }
    const ok = await argon2Verify(cred.secretHash, password).catch(() => false);
    // The credential may have changed while argon2 ran: cache only if it is still the same one.
    if (ok && this.store.byName(cred.username)?.secretHash === cred.secretHash) this.verified.add(key);
    if (!ok) this.stats.connectRefused++;
    return ok;
  };

  authorizePublish = (client: MqttClientInfo | null, topic: string): boolean | string => {
    if (!this.required) return true;
    if (!client) return `a Last Will of a client no longer connected may not publish to ${topic.slice(0, 200)}`;
    const cred = this.credentialOf(client);
    if (!cred) return `client ${client.id} has no valid device credential (${client.username ?? 'no username'}) and may not publish to ${topic.slice(0, 200)}`;
    return publishRefusal(cred, topic, this.sources) ?? true;
  };

  authorizeSubscribe = (client: MqttClientInfo, filter: string): boolean => {
    if (!this.required) return true;
    const cred = this.credentialOf(client);
    const why = cred ? subscribeRefusal(cred, filter, this.sources) : 'no valid device credential';
    if (why) this.stats.subscribeRefused++;
    return why === undefined;
  };

  /** A refused PUBLISH: dead-lettered with its topic, payload and reason; audited (rate-limited). */
  onPublishRefused = (refused: RefusedPublish): Promise<void> => {
    this.stats.publishRefused++;
    const who = refused.client?.username ?? refused.client?.id ?? 'unknown client';
    const sha = createHash('sha256').update(refused.payload).digest('hex');
    const dedupe = `${who}|${refused.topic}|${sha}`;
    const now = this.now();
    const audited = this.auditRefusal(who, refused, now);
    const seen = this.deadLettered.get(dedupe);
    if (seen !== undefined && now - seen < 10 * 60_000) return audited; // the same message resent after the disconnect
    this.deadLettered.set(dedupe, now);
    if (this.deadLettered.size > 10_000) for (const k of [...this.deadLettered.keys()].slice(0, 5_000)) this.deadLettered.delete(k);
    const max = this.options.deadLetterMaxBytes;
    const written = this.db
      .query(
        `INSERT INTO dead_letter (received_at, topic, payload, payload_size, payload_sha256, truncated, reason_code, reason, source_id)
         VALUES ($1, $2, decode($3, 'hex'), $4, $5, $6, $7, $8, NULL)`,
        [
          new Date(refused.receivedAt).toISOString(),
          refused.topic.replace(/\u0000/g, '\uFFFD').slice(0, 1024),
          refused.payload.subarray(0, max).toString('hex'),
          refused.payload.byteLength,
          sha,
          refused.payload.byteLength > max,
          DEVICE_DEAD_LETTER_CODE,
          refused.reason.replace(/\u0000/g, '\uFFFD').slice(0, 1000),
        ],
      )
      .then(() => {
        this.stats.deadLettered++;
      })
      .catch((err: Error) => {
        // Not acknowledged to the device either, so it resends it after reconnecting.
        this.deadLettered.delete(dedupe);
        this.options.log?.error('dead-lettering a refused publish failed', { topic: refused.topic, error: err.message });
      });
    return Promise.all([written, audited]).then(() => undefined);
  };

  private async auditRefusal(who: string, refused: RefusedPublish, now: number): Promise<void> {
    const last = this.lastAudit.get(who);
    if (last !== undefined && now - last < (this.options.auditEveryMs ?? 60_000)) return;
    this.lastAudit.set(who, now);
    try {
      await this.audit.record({ actor: `device:${who}`, action: 'device.publish-refused', target: `mqtt:${refused.topic.slice(0, 200)}`, detail: { reason: refused.reason, clientId: refused.client?.id, remoteAddress: refused.client?.remoteAddress } });
    } catch (err) {
      this.options.log?.warn('audit of a refused publish failed', { error: (err as Error).message });
    }
  }
}
