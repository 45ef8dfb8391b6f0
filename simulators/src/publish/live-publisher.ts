import type { MqttClient } from 'mqtt';
import { MQTT_TOPIC_ROOT, type MqttChannel } from '@ioc/sdk';
import type { ProvinceModel } from '../model/province-model.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';
import { sourceEvents } from '../telemetry/source-events.js';
import { telemetryMetrics } from '../telemetry/telemetry-generator.js';
import { chooseDevicesWithWill } from './device-selection.js';
import { IntervalSchedule } from './interval-schedule.js';
import { MessageIds, newRunTag } from './message-ids.js';
import { closeConnection, openConnection, type Log } from './mqtt-connection.js';
import { eventPayload, statusPayload, telemetryPayload, WILL_PAYLOAD } from './payloads.js';
import { sourceTopic } from './topics.js';

export interface LivePublisherOptions {
  mqttUrl: string;
  /** Seconds between two readings of one source (default 5: a lively wall). */
  intervalS?: number;
  /** Sources that get their own connection and Last Will (default 20). */
  devicesWithWill?: number;
  /**
   * Multiplies the rates of rare incident events — camera analytics, school-safety incidents
   * (default 1; 0 = none). Events that mirror counters (licensed projects, citizen reports) are
   * not scaled.
   */
  eventRateScale?: number;
  topicRoot?: string;
  runTag?: string;
  log?: Log;
  /** Called for every event published (the camera pictures draw the cameras' detections). */
  onEvent?: (sourceId: string, event: { type: string; atMs: number; fields: Record<string, unknown> }) => void;
}

export interface PublishStats {
  telemetry: number;
  events: number;
  status: number;
  /** QoS 1 publishes the broker acknowledged. */
  acked: number;
  errors: number;
}

export interface LivePublisher {
  readonly stats: PublishStats;
  readonly runTag: string;
  /** Marks every source offline, flushes in-flight messages and disconnects. */
  stop(): Promise<PublishStats>;
}

/** How often the scheduler looks for due sources. */
const TICK_MS = 50;

/**
 * Publishes telemetry, camera events and retained status for every source of the model.
 *
 * One MQTT connection carries a single Last Will, so a will per device needs a connection per
 * device. A few hundred connections would be realistic but heavy for a demo laptop, so only
 * `devicesWithWill` sources (a mix of kinds) connect on their own, with a retained
 * `{ "online": false }` will on their status topic; killing the simulator shows the server
 * what a real device failure looks like. The other sources share one connection, which
 * publishes their retained `online: true` status on every (re)connect and `online: false` on a
 * graceful stop; if it dies abruptly, their silence shows up as staleness (`expectedIntervalS`)
 * instead of an offline status.
 */
export function startLivePublisher(model: ProvinceModel, options: LivePublisherOptions): LivePublisher {
  const intervalMs = Math.max(0.05, options.intervalS ?? 5) * 1000;
  const root = options.topicRoot ?? MQTT_TOPIC_ROOT;
  const runTag = options.runTag ?? newRunTag();
  const log = options.log ?? (() => {});
  const eventRateScale = options.eventRateScale ?? 1;
  const ids = new MessageIds(runTag);
  const stats: PublishStats = { telemetry: 0, events: 0, status: 0, acked: 0, errors: 0 };
  const sources: ModelledSource[] = model.sources.map((definition) => {
    const profile = model.profiles[definition.id];
    if (!profile) throw new Error(`source ${definition.id} has no profile`);
    return { definition, profile };
  });
  const randoms = new Map<string, Random>(sources.map((s) => [s.definition.id, seededRandom(hashSeed(runTag, s.definition.id))]));
  // Warm the per-day caches (months of citizen reports, a year of treasury day weights) before
  // the first round, so it does not stall the schedule.
  const warmUp = seededRandom(0);
  for (const s of sources) telemetryMetrics(s, Date.now(), warmUp);

  let firstError = '';
  const publish = (client: MqttClient, topic: string, payload: object, retain = false): void => {
    client.publish(topic, JSON.stringify(payload), { qos: 1, retain }, (error) => {
      if (error) {
        if (stats.errors++ === 0) firstError = error.message;
      } else stats.acked++;
    });
  };
  const publishStatus = (client: MqttClient, source: ModelledSource, online: boolean): void => {
    stats.status++;
    publish(client, sourceTopic(source.definition, 'status', root), statusPayload(online, Date.now()), true);
  };

  const withWill = chooseDevicesWithWill(model.sources, options.devicesWithWill ?? 20);
  const shared = sources.filter((s) => !withWill.has(s.definition.id));
  const clientOf = new Map<string, MqttClient>();
  const sharedClient = openConnection({
    url: options.mqttUrl,
    clientId: `ioc-sim-${runTag}-shared`,
    onConnect: (client) => shared.forEach((s) => publishStatus(client, s, true)),
    log,
  });
  const devices = sources.filter((s) => withWill.has(s.definition.id));
  for (const device of devices) {
    const client = openConnection({
      url: options.mqttUrl,
      clientId: `ioc-sim-${runTag}-${device.definition.id}`.slice(0, 64),
      will: { topic: sourceTopic(device.definition, 'status', root), payload: JSON.stringify(WILL_PAYLOAD) },
      onConnect: (c) => publishStatus(c, device, true),
      log,
    });
    clientOf.set(device.definition.id, client);
  }

  const send = (source: ModelledSource, channel: MqttChannel, payload: object): void => {
    publish(clientOf.get(source.definition.id) ?? sharedClient, sourceTopic(source.definition, channel, root), payload);
  };
  const schedule = new IntervalSchedule(sources.map((s) => s.definition.id), intervalMs, Date.now());
  const lastPublished = new Map<number, number>();
  const timer = setInterval(() => {
    const now = Date.now();
    for (const k of schedule.due(now)) {
      const source = sources[k] as ModelledSource;
      const random = randoms.get(source.definition.id) as Random;
      send(source, 'telemetry', telemetryPayload(ids.next(source.definition.id), now, telemetryMetrics(source, now, random)));
      stats.telemetry++;
      // Events cover exactly the time since this source last published (at most 10 minutes after a
      // stall), so events that mirror counters are neither lost nor repeated.
      const since = lastPublished.get(k) ?? now - intervalMs;
      lastPublished.set(k, now);
      const elapsedS = Math.min(now - since, 600_000) / 1000;
      for (const event of sourceEvents(source, now, elapsedS, random, eventRateScale)) {
        send(source, 'event', eventPayload(ids.next(source.definition.id), event.atMs ?? now, event.type, event.fields));
        stats.events++;
        options.onEvent?.(source.definition.id, { type: event.type, atMs: event.atMs ?? now, fields: event.fields });
      }
    }
  }, Math.min(TICK_MS, intervalMs));

  let stopping: Promise<PublishStats> | undefined;
  const stop = (): Promise<PublishStats> => {
    stopping ??= (async () => {
      clearInterval(timer);
      // A graceful disconnect suppresses the will, so say "offline" explicitly before leaving.
      for (const device of devices) publishStatus(clientOf.get(device.definition.id) as MqttClient, device, false);
      for (const s of shared) publishStatus(sharedClient, s, false);
      await Promise.all([...clientOf.values(), sharedClient].map((c) => closeConnection(c)));
      if (stats.errors > 0) log(`ioc-sim: ${stats.errors} publishes failed (first: ${firstError})`);
      return { ...stats };
    })();
    return stopping;
  };
  return { stats, runTag, stop };
}
