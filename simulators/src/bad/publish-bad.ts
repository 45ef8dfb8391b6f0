import { MQTT_TOPIC_ROOT } from '@ioc/sdk';
import { buildProvinceModel, type ProvinceModel } from '../model/province-model.js';
import { newRunTag } from '../publish/message-ids.js';
import { closeConnection, openConnection, whenConnected, type Log } from '../publish/mqtt-connection.js';
import type { BadOutcome, BadReason } from './bad-expectation.js';
import { BAD_KINDS, DEFAULT_BAD_SIZES, type BadContext, type BadKind, type BadMessage } from './bad-kinds.js';
import { badSamples } from './bad-samples.js';

export interface BadRunOptions {
  model?: ProvinceModel;
  /** Copies of every kind (default 1). */
  count?: number;
  /** Only these kind ids (default all). */
  kinds?: readonly string[];
  topicRoot?: string;
  hugeBytes?: number;
  eventStringBytes?: number;
  depth?: number;
  nowMs?: number;
  runTag?: string;
}

export interface GeneratedBadMessages {
  kind: BadKind;
  copy: number;
  messages: BadMessage[];
}

/** What `--bad` sent, one entry per kind and copy. */
export interface BadReportEntry {
  kind: string;
  topic: string;
  expect: BadOutcome;
  reason: BadReason;
  keywords: string[];
  /** Messages sent for this entry (2 for the duplicate). */
  messages: number;
  bytes: number;
  copy: number;
}

/** Builds the bad messages without sending them (tests inspect these directly). */
export function generateBadMessages(options: BadRunOptions = {}): GeneratedBadMessages[] {
  const model = options.model ?? buildProvinceModel();
  const runTag = options.runTag ?? newRunTag();
  const kinds = options.kinds ? BAD_KINDS.filter((k) => options.kinds?.includes(k.id)) : BAD_KINDS;
  const out: GeneratedBadMessages[] = [];
  for (let copy = 1; copy <= Math.max(1, options.count ?? 1); copy++) {
    const ctx: BadContext = {
      samples: badSamples(model),
      nowMs: options.nowMs ?? Date.now(),
      tag: `${runTag}-${copy}`,
      topicRoot: options.topicRoot ?? MQTT_TOPIC_ROOT,
      hugeBytes: options.hugeBytes ?? DEFAULT_BAD_SIZES.hugeBytes,
      eventStringBytes: options.eventStringBytes ?? DEFAULT_BAD_SIZES.eventStringBytes,
      depth: options.depth ?? DEFAULT_BAD_SIZES.depth,
    };
    for (const kind of kinds) out.push({ kind, copy, messages: kind.generate(ctx) });
  }
  return out;
}

/** Sends every bad kind (QoS 1, in order, not retained), waits for the acknowledgements, reports what went out. */
export async function publishBadMessages(options: BadRunOptions & { mqttUrl: string; log?: Log }): Promise<BadReportEntry[]> {
  const runTag = options.runTag ?? newRunTag();
  const generated = generateBadMessages({ ...options, runTag });
  const client = openConnection({ url: options.mqttUrl, clientId: `ioc-sim-bad-${runTag}`, log: options.log });
  try {
    await whenConnected(client);
    // One connection keeps the order, so the duplicate's second copy arrives after the first.
    await Promise.all(generated.flatMap((g) => g.messages.map((m) => client.publishAsync(m.topic, m.payload, { qos: 1 }))));
  } finally {
    await closeConnection(client);
  }
  return generated.map((g) => ({
    kind: g.kind.id,
    topic: g.messages[0]?.topic ?? '',
    expect: g.kind.expect.outcome,
    reason: g.kind.expect.reason,
    keywords: g.kind.expect.keywords,
    messages: g.messages.length,
    bytes: g.messages.reduce((sum, m) => sum + m.payload.length, 0),
    copy: g.copy,
  }));
}
