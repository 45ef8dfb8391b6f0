/**
 * `npm run mosquitto:config -- --out <dir> [--port N]`: writes Mosquitto's `passwd`, `acl` and a
 * `mosquitto.conf` snippet from the stored device credentials (their `$7$` hashes, computed when
 * each secret was issued) and the source registry, reading the same environment as the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { openDatabase, migrate } from '../engine/db/index.js';
import { migrationsDir } from '@ioc/db';
import { CredentialStore, renderMosquittoFiles } from '../engine/devices/index.js';

export async function writeMosquittoConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ dir: string; users: number; notes: string[] }> {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' }, port: { type: 'string' } }, strict: true });
  if (!values.out) throw new Error('--out <dir> is required (where passwd, acl and mosquitto.conf are written)');
  const port = values.port === undefined ? 1883 : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be an integer 1–65535, got "${values.port}"`);
  const config = loadConfig(env);
  const dir = path.resolve(values.out);
  const db = await openDatabase(config);
  try {
    await migrate(db, migrationsDir);
    const store = new CredentialStore(db, { publish: () => undefined, subscribe: () => () => undefined, health: () => ({ state: 'up' }), close: async () => undefined });
    const credentials = await store.list();
    const rows = await db.query<{ id: string; sector: string; kind: string }>('SELECT id, sector, kind FROM source');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const user = config.mqtt.url?.username ? decodeURIComponent(config.mqtt.url.username) : undefined;
    const password = config.mqtt.url?.password ? decodeURIComponent(config.mqtt.url.password) : undefined;
    const files = renderMosquittoFiles(credentials, { get: (id) => byId.get(id) }, {
      port,
      passwdPath: path.join(dir, 'passwd'),
      aclPath: path.join(dir, 'acl'),
      ...(user ? { ingest: { username: user, ...(password ? { password } : {}) } } : {}),
    });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'passwd'), files.passwd, { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'acl'), files.acl, { mode: 0o644 });
    fs.writeFileSync(path.join(dir, 'mosquitto.conf'), files.conf, { mode: 0o644 });
    return { dir, users: credentials.filter((c) => !c.revokedAt).length, notes: files.notes };
  } finally {
    await db.close();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  writeMosquittoConfig(process.argv.slice(2)).then(
    (r) => {
      process.stdout.write(`mosquitto config for ${r.users} device credential(s) written to ${r.dir} (passwd, acl, mosquitto.conf)\n`);
      for (const n of r.notes) process.stdout.write(`  note: ${n}\n`);
    },
    (err: Error) => {
      process.stderr.write(`mosquitto:config: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
