#!/usr/bin/env node
/**
 * `npm run bench -- [--seconds N] [--json]`: every benchmark, one JSON object with one key per
 * benchmark; each carries its own baseline measured in the same run.
 */
import { benchIngest } from './ingest.mjs';
import { parseArgs } from './lib.mjs';

const args = parseArgs(process.argv.slice(2), { seconds: 20 });
const out = {};
out.ingest_embedded = await benchIngest({ seconds: args.seconds, rate: 10000, mode: 'embedded' });
out.latency_embedded_5k = await benchIngest({ seconds: args.seconds, rate: 5000, mode: 'embedded' });
try {
  out.ingest_production = await benchIngest({ seconds: args.seconds, rate: 10000, mode: 'production' });
} catch (err) {
  out.ingest_production = { skipped: `production path unavailable: ${err.message}` };
}
process.stdout.write(`${JSON.stringify(out, null, args.json ? 0 : 2)}\n`);
process.exit(0);
