#!/usr/bin/env node
/**
 * bench:ingest — sustained MQTT ingest through the real server, with a load generator in a
 * separate process, and the raw batched-insert ceiling of the same database in the same run.
 *
 *   npm run bench:ingest -- --seconds 60 --rate 10000 [--mode embedded|production] [--rules on|off|both] [--json]
 *
 * --rules both runs the load twice, without and with the alert rules evaluated in the ingest
 * path (IOC_RULES), and adds `rules_off` and `rules_throughput_cut_pct` (target ≤ 15 %).
 *
 * messages_per_s / rows_per_s: messages and rows committed per second, from the first publish
 * until ingest has committed everything. lost: messages the load generator published that are
 * not in the database once ingest has drained (rows / 4 metrics per message).
 * latency_ms: for each socket.io delta on latest:{sector}, the age of the newest reading it
 * carries (publish → on screen). reading_age_ms: the age of every reading delivered, which
 * includes the coalescing window (LIVE_COALESCE_MS, reported as coalesce_ms).
 */
import { io } from 'socket.io-client';
import { loadConfig } from '@ioc/server/config';
import { startRuntime } from '@ioc/server/runtime';
import { machine, parseArgs, percentile, repoRoot, run, sleep, startPrivateMosquitto, startWireTimescale, tempDir } from './lib.mjs';
import path from 'node:path';

export async function benchIngest(opts) {
  const { seconds = 20, rate = 10000, mode = 'embedded', coalesceMs = 1000, maxInFlight = 1000, connections = 16, flushMs, rules = 'on' } = opts;
  if (rules === 'both') {
    // The same load without and then with the alert rules evaluated in the ingest path.
    const off = await benchIngest({ ...opts, rules: 'off' });
    const on = await benchIngest({ ...opts, rules: 'on' });
    const cut = off.messages_per_s ? Math.round(((off.messages_per_s - on.messages_per_s) / off.messages_per_s) * 1000) / 10 : null;
    return { ...on, rules_off: { messages_per_s: off.messages_per_s, rows_per_s: off.rows_per_s, lost: off.lost, latency_ms: off.latency_ms, ceiling_rows_per_s: off.ceiling_rows_per_s }, rules_throughput_cut_pct: cut };
  }
  let wire;
  let broker;
  const runId = `${process.pid}-${Date.now().toString(36)}`;
  const env = { PORT: '0', HOST: '127.0.0.1', MQTT_HOST: '127.0.0.1', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: tempDir('ingest'), LOG_LEVEL: 'warn', LIVE_COALESCE_MS: String(coalesceMs), MQTT_CONCURRENCY: String(maxInFlight * connections), IOC_RULES: rules, AUTH_MODE: 'open', MQTT_DEVICE_AUTH: 'off' };
  if (flushMs) env.INGEST_FLUSH_MS = String(flushMs);
  if (mode === 'production') {
    wire = await startWireTimescale();
    broker = await startPrivateMosquitto();
    Object.assign(env, { DATABASE_URL: wire.url, DATABASE_POOL_MAX: '1', MQTT_URL: broker.url, MQTT_CLIENT_ID: `ioc-bench-${runId}`, MQTT_SHARE_GROUP: `ioc-bench-${runId}`, REDIS_URL: 'redis://127.0.0.1:6379' });
  }
  const runtime = await startRuntime(loadConfig(env));
  const mqttUrl = mode === 'production' ? broker.url : `mqtt://127.0.0.1:${runtime.mqtt.tcpPort}`;
  try {
    const latencies = [];
    const ages = [];
    const socket = io(`${runtime.httpUrl}/live`, { transports: ['websocket'] });
    await new Promise((r) => socket.once('connect', r));
    const topics = runtime.modules.sectors().map((s) => `latest:${s.id}`);
    await socket.emitWithAck('subscribe', { topics });
    let measuring = false;
    socket.on('delta', (d) => {
      if (!measuring || !d.topic.startsWith('latest:')) return;
      const now = Date.now();
      let newest = 0;
      for (const r of d.data.readings) {
        const t = Date.parse(r.ts);
        if (t > newest) newest = t;
        ages.push(now - t);
      }
      if (newest) latencies.push(now - newest);
    });

    const start = await runtime.db.query(`SELECT count(*)::int AS n FROM reading`);
    const before = { ...runtime.ingest.stats };
    measuring = true;
    const t0 = performance.now();
    const gen = await run(process.execPath, [path.join(repoRoot, 'simulators/dist/cli.js'), '--mqtt', mqttUrl, '--api', runtime.httpUrl, '--rate', String(rate), '--seconds', String(seconds), '--connections', String(connections), '--max-in-flight', String(maxInFlight)]);
    // Latency is measured at the target rate: the deltas that trail the end of the load are not.
    measuring = false;
    const summary = gen.lines.map((l) => { try { return JSON.parse(l); } catch { return null; } }).filter((x) => x && typeof x.published === 'number').pop();
    if (!summary) throw new Error(`load generator printed no summary (exit ${gen.code})`);
    // Drain: nothing left in the broker for us (received stops growing) and everything received is committed.
    for (let last = -1, since = Date.now(), deadline = Date.now() + 600_000; Date.now() < deadline; await sleep(50)) {
      const received = runtime.ingest.stats.received;
      if (received !== last) [last, since] = [received, Date.now()];
      if (runtime.ingest.pending === 0 && (mode === 'embedded' || Date.now() - since > 1500)) break;
    }
    const elapsedS = (performance.now() - t0) / 1000;
    socket.close();

    const end = await runtime.db.query(`SELECT count(*)::int AS n FROM reading`);
    const rows = end[0].n - start[0].n;
    const committed = runtime.ingest.stats.committed - before.committed;
    const storedMessages = Math.round(rows / 4);
    latencies.sort((a, b) => a - b);
    ages.sort((a, b) => a - b);

    const ceiling = await measureCeiling(runtime.db, Math.min(Math.max(rows, 200_000), 1_000_000));
    return {
      mode,
      seconds,
      target_rate: rate,
      published: summary.published,
      acked: summary.acked,
      stored_messages: storedMessages,
      messages_per_s: Math.round(committed / elapsedS),
      rows_per_s: Math.round(rows / elapsedS),
      lost: Math.max(0, summary.published - storedMessages),
      latency_ms: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length },
      reading_age_ms: { p50: percentile(ages, 50), p99: percentile(ages, 99) },
      coalesce_ms: coalesceMs,
      publisher_window: maxInFlight * connections,
      ceiling_rows_per_s: ceiling,
      rules: rules === 'on' ? { ...(runtime.alerting.engine?.stats ?? {}), eval_ms: Math.round((runtime.alerting.engine?.stats.evalNs ?? 0) / 1e6) } : 'off',
      ingest_stats: { batches: runtime.ingest.stats.batches - before.batches, commit_busy_pct: Math.round(((runtime.ingest.stats.commitMs - before.commitMs) / 10) / elapsedS) },
      machine: machine(),
    };
  } finally {
    await runtime.close();
    await wire?.stop();
    await broker?.stop();
  }
}

/** The raw ceiling: rows inserted straight into the same database, 10 k per unnest batch. */
async function measureCeiling(db, totalRows) {
  await db.exec(`CREATE TABLE IF NOT EXISTS bench_ceiling (LIKE reading INCLUDING ALL);
    SELECT create_hypertable('bench_ceiling', by_range('ts', INTERVAL '1 day'), if_not_exists => true);
    TRUNCATE bench_ceiling;`);
  const batch = 10_000;
  const base = Date.now() - 3600_000;
  const t0 = performance.now();
  for (let done = 0; done < totalRows; done += batch) {
    const ts = [], src = [], metric = [], value = [];
    for (let i = 0; i < batch; i++) {
      const n = done + i;
      ts.push(new Date(base + Math.floor(n / 2000) * 1000 + (n % 4)).toISOString());
      src.push(`src-${Math.floor(n / 4) % 500}`);
      metric.push(`m${n % 4}`);
      value.push(n % 97);
    }
    await db.query(`INSERT INTO bench_ceiling (ts, source_id, metric, value) SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::float8[]) ON CONFLICT DO NOTHING`, [ts, src, metric, value]);
  }
  const rps = Math.round(totalRows / ((performance.now() - t0) / 1000));
  await db.exec('DROP TABLE bench_ceiling');
  return rps;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2), { seconds: 20, rate: 10000, mode: 'embedded', 'coalesce-ms': 1000, 'max-in-flight': 1000, connections: 16, rules: 'on' });
  const result = await benchIngest({ seconds: args.seconds, rate: args.rate, mode: args.mode, coalesceMs: args['coalesce-ms'], maxInFlight: args['max-in-flight'], connections: args.connections, flushMs: args['flush-ms'], rules: args.rules });
  process.stdout.write(`${JSON.stringify(result, null, args.json ? 0 : 2)}\n`);
  process.exit(0);
}
