import type { MqttClient } from 'mqtt';
import { MQTT_TOPIC_ROOT } from '@ioc/sdk';
import { buildProvinceModel, type ProvinceModel } from '../model/province-model.js';
import { metricSchemas } from '../model/sector-manifests.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import { MessageIds, newRunTag } from '../publish/message-ids.js';
import { closeConnection, openConnection, whenConnected, type Log } from '../publish/mqtt-connection.js';
import { sourceTopic } from '../publish/topics.js';
import { seededRandom } from '../random/seeded-random.js';
import { telemetryMetrics } from '../telemetry/telemetry-generator.js';

export interface LoadOptions {
  mqttUrl: string;
  /** Telemetry messages per second, each with exactly 4 metrics. */
  rate: number;
  /** Publishing window; without it, runs until `signal` aborts. */
  seconds?: number;
  signal?: AbortSignal;
  model?: ProvinceModel;
  /** Parallel MQTT connections (default 2). */
  connections?: number;
  /**
   * Unacknowledged QoS 1 messages allowed per connection (default 2,000; at most 60,000, as
   * MQTT packet ids are 16-bit). Measured here against Mosquitto on 2 cores: 2 connections ×
   * 1–2 k in flight acknowledged ~30–35 k msg/s, while 10–20 k in flight fell to 8–23 k msg/s
   * because huge bursts starve mqtt.js's acknowledgement handling.
   */
  maxInFlight?: number;
  /** How long to wait for outstanding acknowledgements after publishing stops (default 30 s). */
  drainTimeoutS?: number;
  topicRoot?: string;
  log?: Log;
}

export interface LoadSummary {
  published: number;
  acked: number;
  errors: number;
  /** Length of the publishing window. */
  seconds: number;
  targetRate: number;
  /** Acknowledged messages per second of the publishing window. */
  ackedPerSecond: number;
  /** Time spent after the window waiting for the last acknowledgements. */
  drainSeconds: number;
}

const METRICS_PER_MESSAGE = 4;
const TICK_MS = 10;

/**
 * The behaviours load mode draws on: the same traffic counters, air stations and hospitals as
 * always, so benchmark figures stay comparable as the province model grows.
 */
const LOAD_BEHAVIOURS = new Set(['traffic-counter', 'air-station', 'hospital']);

/** Counters, air stations and hospitals (kinds with at least four metrics), with the four they will send. */
function loadSources(model: ProvinceModel): Array<{ source: ModelledSource; metrics: string[] }> {
  return model.sources
    .map((definition) => ({ definition, profile: model.profiles[definition.id] }))
    .filter((s): s is ModelledSource => s.profile !== undefined && LOAD_BEHAVIOURS.has(s.profile.behaviour))
    .map((source) => ({ source, metrics: Object.keys(metricSchemas(source.definition.sector, source.definition.kind)).slice(0, METRICS_PER_MESSAGE) }))
    .filter((s) => s.metrics.length === METRICS_PER_MESSAGE);
}

/**
 * Load mode: `rate` telemetry messages per second, exactly four valid metrics each, spread
 * round-robin over the model's sources that have four metrics (counters, air stations,
 * hospitals), QoS 1 with a wide in-flight window. Values come from the normal generators
 * (refreshed once a second per source) so the server's validation passes. Timestamps are kept
 * strictly increasing per source — readings are unique on (source, metric, ts), and two
 * messages of one source in the same millisecond would collapse into one row.
 */
export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const model = options.model ?? buildProvinceModel();
  const pool = loadSources(model);
  if (pool.length === 0) throw new Error('the model has no source with four metrics');
  const root = options.topicRoot ?? MQTT_TOPIC_ROOT;
  const runTag = newRunTag();
  const ids = new MessageIds(runTag);
  const random = seededRandom(1);
  const maxInFlight = Math.min(options.maxInFlight ?? 2000, 60_000);
  const clients: MqttClient[] = Array.from({ length: Math.max(1, options.connections ?? 2) }, (_, k) =>
    openConnection({ url: options.mqttUrl, clientId: `ioc-sim-load-${runTag}-${k}`, log: options.log }),
  );
  try {
    await Promise.all(clients.map((c) => whenConnected(c)));
  } catch (error) {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    throw error;
  }

  const inFlight = clients.map(() => 0);
  const lastTs = new Map<string, number>();
  const cache = new Map<string, { second: number; values: Record<string, number> }>();
  let published = 0;
  let acked = 0;
  let errors = 0;
  let next = 0;

  const valuesFor = (entry: (typeof pool)[number], nowMs: number): Record<string, number> => {
    const second = Math.floor(nowMs / 1000);
    const cached = cache.get(entry.source.definition.id);
    if (cached && cached.second === second) return cached.values;
    const all = telemetryMetrics(entry.source, nowMs, random);
    const values = Object.fromEntries(entry.metrics.map((m) => [m, all[m] ?? 0]));
    cache.set(entry.source.definition.id, { second, values });
    return values;
  };

  const publishOne = (k: number, nowMs: number): void => {
    const entry = pool[next % pool.length];
    next++;
    const id = entry.source.definition.id;
    const ts = Math.max(nowMs, (lastTs.get(id) ?? 0) + 1);
    lastTs.set(id, ts);
    const payload = JSON.stringify({ ts: new Date(ts).toISOString(), id: ids.next(id), metrics: valuesFor(entry, nowMs) });
    inFlight[k] += 1;
    published++;
    clients[k].publish(sourceTopic(entry.source.definition, 'telemetry', root), payload, { qos: 1 }, (error) => {
      inFlight[k] -= 1;
      if (error) errors++;
      else acked++;
    });
  };

  const started = Date.now();
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearInterval(timer);
      options.signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setInterval(() => {
      const now = Date.now();
      const elapsedS = (now - started) / 1000;
      if (options.seconds !== undefined && elapsedS >= options.seconds) return finish();
      const target = Math.floor(options.rate * elapsedS);
      let k = 0;
      // Round-robin over connections; stop when every window is full (back-pressure).
      for (let blocked = 0; published < target && blocked < clients.length; k = (k + 1) % clients.length) {
        if (inFlight[k] >= maxInFlight) blocked++;
        else {
          blocked = 0;
          publishOne(k, now);
        }
      }
    }, TICK_MS);
    if (options.signal?.aborted) finish();
    options.signal?.addEventListener('abort', finish);
  });
  const seconds = (Date.now() - started) / 1000;

  const drainDeadline = Date.now() + (options.drainTimeoutS ?? 30) * 1000;
  while (acked + errors < published && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
  const drainSeconds = (Date.now() - started) / 1000 - seconds;
  await Promise.all(clients.map((c) => closeConnection(c, 5000)));
  return {
    published,
    acked,
    errors,
    seconds: round3(seconds),
    targetRate: options.rate,
    ackedPerSecond: Math.round(acked / Math.max(seconds, 0.001)),
    drainSeconds: round3(drainSeconds),
  };
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;
