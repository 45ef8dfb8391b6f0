import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REQUIRE_SERVICES } from './services.js';
import { repoRoot } from './stack.js';

export const capSchema = path.join(repoRoot, 'db/standards/CAP-v1.2.xsd');

/**
 * Whether `xmllint` (Debian libxml2-utils) can run. Missing → a plain message saying the schema
 * checks were skipped and why, or, under IOC_TEST_REQUIRE_SERVICES=1, an error that fails the run.
 */
export function xmllintAvailable(suite: string): boolean {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return true;
  const why = 'xmllint (Debian package libxml2-utils) is not installed';
  if (REQUIRE_SERVICES) throw new Error(`${suite}: ${why}, and IOC_TEST_REQUIRE_SERVICES=1 requires it`);
  process.stdout.write(`\n[skipped] ${suite}: the CAP schema checks were skipped because ${why}. apt-get install libxml2-utils to run them.\n`);
  return false;
}

/** Runs `xmllint --noout [--schema xsd] -` on a document; resolves with its verdict and messages. */
export function xmllint(xml: string, schema?: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('xmllint', ['--noout', '--nonet', ...(schema ? ['--schema', schema] : []), '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    p.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    p.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    p.on('error', reject);
    p.on('close', (code) => resolve({ ok: code === 0, output: output.trim() }));
    p.stdin.end(xml, 'utf8');
  });
}
