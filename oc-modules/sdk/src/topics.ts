/** MQTT wire contract: `ioc/v1/{sector}/{kind}/{sourceId}/{channel}`. */
export const MQTT_TOPIC_ROOT = 'ioc/v1';
export const MQTT_CHANNELS = ['telemetry', 'event', 'status'] as const;
export type MqttChannel = (typeof MQTT_CHANNELS)[number];

export interface MqttTopicParts {
  sector: string;
  kind: string;
  sourceId: string;
  channel: MqttChannel;
}

/** Identifiers in topics: lower-case letters, digits, `-`, `_`, `.`; 1–64 characters. */
export const TOPIC_SEGMENT = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export function mqttTopic(p: MqttTopicParts): string {
  return `${MQTT_TOPIC_ROOT}/${p.sector}/${p.kind}/${p.sourceId}/${p.channel}`;
}

export type TopicParseResult = { ok: true; value: MqttTopicParts } | { ok: false; reason: string };

export function parseMqttTopic(topic: string): TopicParseResult {
  const parts = topic.split('/');
  if (parts.length !== 6 || `${parts[0]}/${parts[1]}` !== MQTT_TOPIC_ROOT) {
    return { ok: false, reason: `topic must be ${MQTT_TOPIC_ROOT}/{sector}/{kind}/{sourceId}/{channel}` };
  }
  const [, , sector, kind, sourceId, channel] = parts as [string, string, string, string, string, string];
  for (const [name, seg] of [['sector', sector], ['kind', kind], ['sourceId', sourceId]] as const) {
    if (!TOPIC_SEGMENT.test(seg)) return { ok: false, reason: `topic ${name} segment "${seg.slice(0, 80)}" is not a valid identifier` };
  }
  if (!(MQTT_CHANNELS as readonly string[]).includes(channel)) {
    return { ok: false, reason: `topic channel "${channel.slice(0, 80)}" is not one of ${MQTT_CHANNELS.join(', ')}` };
  }
  return { ok: true, value: { sector, kind, sourceId, channel: channel as MqttChannel } };
}

/** Telemetry payload: numeric metrics of one source at one instant. */
export interface TelemetryPayload {
  ts?: string;
  id?: string;
  metrics: Record<string, number>;
}

/** Event payload (camera analytics, sector events, ...). */
export interface EventPayload {
  ts: string;
  id: string;
  type: string;
  [field: string]: unknown;
}

/** Retained status payload; the Last Will publishes `{ "online": false }`. */
export interface StatusPayload {
  online: boolean;
  ts?: string;
  [field: string]: unknown;
}
