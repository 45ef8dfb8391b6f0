/**
 * `npm run audit:export -- --format csv|ndjson --out file [--from ISO] [--to ISO]` — writes every
 * audit row with its hashes (stdout without --out). Same environment as the server; the embedded
 * database can only be opened while the server is stopped.
 */
import fs from 'node:fs';
import { streamRows } from '../engine/audit/audit-trail.js';
import { CSV_COLUMNS, csvLine } from '../api/audit.controller.js';
import { argValue, openForCli } from './open-for-cli.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const format = argValue(args, 'format') ?? 'ndjson';
  if (format !== 'csv' && format !== 'ndjson') throw new Error(`--format must be csv or ndjson, not ${format}`);
  const out = argValue(args, 'out');
  const from = argValue(args, 'from');
  const to = argValue(args, 'to');
  const sink = out ? fs.createWriteStream(out) : process.stdout;
  const db = await openForCli();
  let n = 0;
  try {
    if (format === 'csv') sink.write(CSV_COLUMNS.join(',') + '\n');
    for await (const r of streamRows(db, { from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined })) {
      if (!sink.write((format === 'csv' ? csvLine(r) : JSON.stringify(r)) + '\n')) await new Promise<void>((res) => sink.once('drain', () => res()));
      n++;
    }
  } finally {
    await db.close();
  }
  if (out) await new Promise<void>((res) => (sink as fs.WriteStream).end(res));
  process.stderr.write(JSON.stringify({ rows: n, format, out: out ?? 'stdout' }) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(JSON.stringify({ ok: false, error: err.message }) + '\n');
    process.exit(2);
  },
);
