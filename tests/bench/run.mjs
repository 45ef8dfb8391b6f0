#!/usr/bin/env node
/**
 * `npm run bench -- [--seconds N] [--kpi-days 365] [--kpi-data-dir DIR] [--json]`: every
 * benchmark, one JSON object with one key per benchmark; each carries its own baseline measured
 * in the same run. `kpi` generates a year of readings (~10 M rows) unless --kpi-data-dir points
 * at a dataset an earlier run kept.
 */
import { benchIngest } from './ingest.mjs';
import { benchKpi } from './kpi.mjs';
import { benchMap } from './map.mjs';
import { parseArgs } from './lib.mjs';
import { benchWall } from './wall.mjs';

const args = parseArgs(process.argv.slice(2), { seconds: 20, 'kpi-days': 365 });
const out = {};
out.ingest_embedded = await benchIngest({ seconds: args.seconds, rate: 10000, mode: 'embedded' });
out.latency_embedded_5k = await benchIngest({ seconds: args.seconds, rate: 5000, mode: 'embedded' });
try {
  out.ingest_production = await benchIngest({ seconds: args.seconds, rate: 10000, mode: 'production' });
} catch (err) {
  out.ingest_production = { skipped: `production path unavailable: ${err.message}` };
}
try {
  out.kpi = await benchKpi({ days: args['kpi-days'], dataDir: typeof args['kpi-data-dir'] === 'string' ? args['kpi-data-dir'] : undefined });
} catch (err) {
  out.kpi = { failed: err.message };
}
try {
  out.wall = await benchWall();
} catch (err) {
  out.wall = { failed: err.message };
}
try {
  out.map = await benchMap({ seconds: args.seconds });
} catch (err) {
  out.map = { failed: err.message };
}
process.stdout.write(`${JSON.stringify(out, null, args.json ? 0 : 2)}\n`);
process.exit(out.kpi.failed ? 1 : 0);
