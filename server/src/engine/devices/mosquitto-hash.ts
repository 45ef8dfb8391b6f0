import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** mosquitto_passwd's defaults for `$7$` (PBKDF2-SHA512): 101 iterations, 12-byte salt, 64-byte key. */
const ITERATIONS = 101;

/** `$7$101$<salt b64>$<hash b64>`: a line of Mosquitto's password file is `username:` + this. */
export function mosquittoHash(secret: string, salt: Buffer = randomBytes(12), iterations = ITERATIONS): string {
  const key = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a secret against a `$7$` hash (used by tests; the broker verifies argon2id). */
export function verifyMosquittoHash(secret: string, hash: string): boolean {
  const m = /^\$7\$(\d+)\$([^$]+)\$([^$]+)$/.exec(hash);
  if (!m) return false;
  const expected = Buffer.from(m[3]!, 'base64');
  const key = pbkdf2Sync(secret, Buffer.from(m[2]!, 'base64'), Number(m[1]), expected.length, 'sha512');
  return key.length === expected.length && timingSafeEqual(key, expected);
}
