/**
 * `npm run audit:verify` — verifies the audit hash chain and prints a JSON result: exit 0 when
 * intact, 1 naming the first broken row, 2 when it could not run. Reads the same environment as
 * the server (DATABASE_URL, or the embedded database under DATA_DIR — which can only be opened
 * while the server is stopped). `--file export.ndjson` verifies an export offline instead.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { toRow, verifyChain, verifyRows, type AuditRow, type VerifyResult } from '../engine/audit/audit-trail.js';
import { argValue, EMBEDDED_NOTE, openForCli } from './open-for-cli.js';

async function* ndjson(file: string): AsyncGenerator<AuditRow> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield toRow(JSON.parse(line) as Record<string, unknown>);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = argValue(args, 'file');
  let result: VerifyResult & { source?: string; note?: string };
  if (file) {
    result = { ...(await verifyRows(ndjson(file))), source: file };
  } else {
    const db = await openForCli();
    try {
      result = { ...(await verifyChain(db)), source: db.location, ...(db.kind === 'embedded' ? { note: EMBEDDED_NOTE } : {}) };
    } finally {
      await db.close();
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stdout.write(JSON.stringify({ ok: false, error: err.message }) + '\n');
    process.exit(2);
  },
);
