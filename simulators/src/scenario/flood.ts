import { MQTT_TOPIC_ROOT, type SourceDefinition } from '@ioc/sdk';
import { closeConnection, openConnection, type Log } from '../publish/mqtt-connection.js';
import { MessageIds, newRunTag } from '../publish/message-ids.js';
import { telemetryPayload } from '../publish/payloads.js';
import { sourceTopic } from '../publish/topics.js';

export interface FloodScenarioOptions {
  mqttUrl: string;
  /** The water-level gauge that sees the flood (an `environment/water-level` source). */
  gauge: Pick<SourceDefinition, 'id' | 'sector' | 'kind'>;
  /** Level before the rain, m above the gauge's zero (default 2). */
  baseM?: number;
  /** Crest of the flood (default 5.5: above alarm level III on the demo rules). */
  crestM?: number;
  /** Rise per report while the flood comes, m (default 0.5: a flash flood). */
  riseM?: number;
  /** Time between two reports, ms (default 5000; tests go faster). */
  stepMs?: number;
  topicRoot?: string;
  log?: Log;
}

export interface FloodScenario {
  /** Levels reported so far, oldest first. */
  readonly levels: number[];
  /** Resolves when the crest has been reported. */
  readonly crested: Promise<void>;
  /** The water goes down to the base level, then the gauge reports at its normal rhythm. */
  recede(): Promise<void>;
  stop(): Promise<void>;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * A flash flood at one gauge: the level climbs from its base to a crest in steps (what a
 * river gauge shows when a storm cell empties over its catchment), holds at the crest until the
 * scenario is told to recede, then falls back. Runs the field side of the end-to-end scenario
 * (gauge → rule → alert → escalation → incident → dispatch → resolve → CAP); the unit fleet
 * plays the response units.
 */
export function startFloodScenario(options: FloodScenarioOptions): FloodScenario {
  const root = options.topicRoot ?? MQTT_TOPIC_ROOT;
  const base = options.baseM ?? 2;
  const crest = options.crestM ?? 5.5;
  const rise = options.riseM ?? 0.5;
  const stepMs = options.stepMs ?? 5000;
  const ids = new MessageIds(newRunTag());
  const client = openConnection({ url: options.mqttUrl, clientId: `ioc-sim-flood-${options.gauge.id}`.slice(0, 64), ...(options.log ? { log: options.log } : {}) });
  const topic = sourceTopic(options.gauge, 'telemetry', root);
  const levels: number[] = [];
  let level = base;
  let target = crest;
  let onCrest: () => void = () => {};
  const crested = new Promise<void>((r) => (onCrest = r));
  let onBase: () => void = () => {};
  const report = () => {
    if (level < target) level = Math.min(target, level + rise);
    else if (level > target) level = Math.max(target, level - rise);
    levels.push(round2(level));
    client.publish(topic, JSON.stringify(telemetryPayload(ids.next(options.gauge.id), Date.now(), { level_m: round2(level) })), { qos: 1 });
    if (target === crest && level >= crest) onCrest();
    if (target === base && level <= base) onBase();
  };
  const timer = setInterval(report, stepMs);
  report();
  return {
    levels,
    crested,
    recede: () =>
      new Promise<void>((resolve) => {
        target = base;
        onBase = resolve;
      }),
    stop: async () => {
      clearInterval(timer);
      await closeConnection(client);
    },
  };
}
