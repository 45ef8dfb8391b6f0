import { randomBytes, randomUUID } from 'node:crypto';
import { hash as argon2Hash } from '@node-rs/argon2';
import { TOPIC_SEGMENT } from '@ioc/sdk';
import type { Database } from '../db/database.js';
import type { Bus } from '../bus/bus.js';
import { iso } from '../db/row-time.js';
import { mosquittoHash } from './mosquitto-hash.js';

/** Bus channel: a credential was issued, rotated or revoked (every ingest process reloads). */
export const DEVICES_CHANGED = 'devices.changed';

/** A credential as listed: never its secret nor its hashes. */
export interface DeviceCredential {
  id: string;
  username: string;
  sources: string[];
  note: string | null;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

/** What the broker and the Mosquitto config writer need (hashes included). */
export interface StoredCredential extends DeviceCredential {
  secretHash: string;
  mosquittoHash: string;
}

type Row = {
  id: string;
  username: string;
  secret_hash: string;
  mosquitto_hash: string;
  sources: string[];
  note: string | null;
  created_at: Date | string;
  rotated_at: Date | string | null;
  revoked_at: Date | string | null;
};

function fromRow(r: Row): StoredCredential {
  return {
    id: r.id,
    username: r.username,
    sources: r.sources,
    note: r.note,
    createdAt: iso(r.created_at)!,
    rotatedAt: iso(r.rotated_at),
    revokedAt: iso(r.revoked_at),
    secretHash: r.secret_hash,
    mosquittoHash: r.mosquitto_hash,
  };
}

export function publicView(c: StoredCredential): DeviceCredential {
  const { secretHash: _s, mosquittoHash: _m, ...rest } = c;
  return rest;
}

/** A problem with one field of a request, for the 422 problem+json. */
export class CredentialInputError extends Error {
  constructor(readonly errors: Array<{ field: string; problem: string }>) {
    super(errors.map((e) => `${e.field} ${e.problem}`).join('; '));
    this.name = 'CredentialInputError';
  }
}

export class CredentialNotFoundError extends Error {}

/** Usernames: the topic identifier alphabet (safe in Mosquitto's passwd/acl files). */
const USERNAME = TOPIC_SEGMENT;

async function hashes(secret: string): Promise<{ secretHash: string; mosquittoHash: string }> {
  return { secretHash: await argon2Hash(secret), mosquittoHash: mosquittoHash(secret) };
}

const newSecret = () => randomBytes(24).toString('base64url');

/**
 * Device credentials in the database, with every credential cached in memory by username for
 * the broker's CONNECT path. Changes are announced on DEVICES_CHANGED so every process reloads.
 */
export class CredentialStore {
  private byUsername = new Map<string, StoredCredential>();
  private readonly listeners: Array<() => void> = [];
  private unsubscribe?: () => void;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
  ) {}

  /** Loads the cache and follows DEVICES_CHANGED. */
  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.bus.subscribe(DEVICES_CHANGED, () => void this.reload().catch(() => undefined));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Called after each reload (the broker drops cached verifications, disconnects revoked devices). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async reload(): Promise<void> {
    const rows = await this.db.query<Row>('SELECT * FROM device_credential');
    this.byUsername = new Map(rows.map((r) => [r.username, fromRow(r)]));
    for (const l of this.listeners) l();
  }

  /** The cached credential of a username (revoked ones included: check revokedAt). */
  byName(username: string): StoredCredential | undefined {
    return this.byUsername.get(username);
  }

  async list(): Promise<StoredCredential[]> {
    const rows = await this.db.query<Row>('SELECT * FROM device_credential ORDER BY created_at, username');
    return rows.map(fromRow);
  }

  async get(id: string): Promise<StoredCredential> {
    const [row] = await this.db.query<Row>('SELECT * FROM device_credential WHERE id = $1', [id]);
    if (!row) throw new CredentialNotFoundError(`no device credential ${id}`);
    return fromRow(row);
  }

  /** Issues a credential; the secret is returned once and never stored. */
  async issue(input: { username?: string; sources: string[]; note?: string }): Promise<{ credential: DeviceCredential; secret: string }> {
    const problems: Array<{ field: string; problem: string }> = [];
    const username = input.username ?? `dev-${randomBytes(5).toString('hex')}`;
    if (!USERNAME.test(username)) problems.push({ field: 'username', problem: 'must be 1–64 of a-z 0-9 _ . - starting with a letter or digit' });
    if (!Array.isArray(input.sources) || input.sources.length === 0) problems.push({ field: 'sources', problem: 'must list at least one source id' });
    else input.sources.forEach((s, i) => {
      if (typeof s !== 'string' || !TOPIC_SEGMENT.test(s)) problems.push({ field: `sources[${i}]`, problem: 'is not a valid source id (a-z 0-9 _ . -, 1–64)' });
    });
    if (problems.length) throw new CredentialInputError(problems);
    const taken = await this.db.query('SELECT 1 FROM device_credential WHERE username = $1', [username]);
    if (taken.length) throw new CredentialInputError([{ field: 'username', problem: `"${username}" is already taken` }]);
    const secret = newSecret();
    const h = await hashes(secret);
    const id = randomUUID();
    const [row] = await this.db.query<Row>(
      `INSERT INTO device_credential (id, username, secret_hash, mosquitto_hash, sources, note) VALUES ($1, $2, $3, $4, $5::text[], $6) RETURNING *`,
      [id, username, h.secretHash, h.mosquittoHash, [...new Set(input.sources)], input.note ?? null],
    );
    await this.changed();
    return { credential: publicView(fromRow(row!)), secret };
  }

  /** A new secret (returned once); the old one stops working at once. */
  async rotate(id: string): Promise<{ credential: DeviceCredential; secret: string }> {
    const current = await this.get(id);
    if (current.revokedAt) throw new CredentialInputError([{ field: 'id', problem: `credential ${id} is revoked` }]);
    const secret = newSecret();
    const h = await hashes(secret);
    const [row] = await this.db.query<Row>(`UPDATE device_credential SET secret_hash = $2, mosquitto_hash = $3, rotated_at = now() WHERE id = $1 RETURNING *`, [id, h.secretHash, h.mosquittoHash]);
    await this.changed();
    return { credential: publicView(fromRow(row!)), secret };
  }

  async revoke(id: string): Promise<DeviceCredential> {
    await this.get(id);
    const [row] = await this.db.query<Row>(`UPDATE device_credential SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *`, [id]);
    await this.changed();
    return publicView(fromRow(row!));
  }

  /**
   * For the demo: makes sure `username` exists, is not revoked and covers `sources`, and gives
   * it a fresh secret (the old one is not stored, so it cannot be handed out again).
   */
  async ensure(username: string, sources: string[], note?: string): Promise<{ credential: DeviceCredential; secret: string }> {
    const [row] = await this.db.query<Row>('SELECT * FROM device_credential WHERE username = $1', [username]);
    if (!row) return this.issue({ username, sources, ...(note ? { note } : {}) });
    const secret = newSecret();
    const h = await hashes(secret);
    const [updated] = await this.db.query<Row>(
      `UPDATE device_credential SET secret_hash = $2, mosquitto_hash = $3, sources = $4::text[], revoked_at = NULL, rotated_at = now() WHERE id = $1 RETURNING *`,
      [row.id, h.secretHash, h.mosquittoHash, [...new Set(sources)]],
    );
    await this.changed();
    return { credential: publicView(fromRow(updated!)), secret };
  }

  private async changed(): Promise<void> {
    await this.reload(); // this process at once; the others on the bus
    this.bus.publish(DEVICES_CHANGED, {});
  }
}
