import type { BrokerAccessHooks } from './broker-access.js';
import { EmbeddedBroker } from './embedded-broker.js';
import { ExternalSubscriber } from './external-subscriber.js';
import type { MqttIngress, MqttLogger, MqttPublisher } from './mqtt-ingress.js';

export * from './mqtt-ingress.js';
export * from './broker-access.js';
export { EmbeddedBroker, type EmbeddedBrokerOptions } from './embedded-broker.js';
export { ExternalSubscriber, type ExternalSubscriberOptions } from './external-subscriber.js';
export { parseMqttUrl, type BrokerEndpoint } from './mqtt-url.js';
export { INGEST_TOPIC_FILTER, topicMatchesFilter, sharedSubscriptionFilter } from './topic-filter.js';

export interface MqttIngressConfig {
  /** MQTT_URL: set → subscriber at that broker; unset → embedded broker. */
  url?: string | URL;
  /** Embedded broker: MQTT_HOST, MQTT_PORT, MQTT_WS_PORT (0 = any free port; null = no WebSocket). */
  host: string;
  tcpPort: number;
  wsPort: number | null;
  /** Embedded broker: QoS 1 messages awaiting done() before publishers wait (MQTT_CONCURRENCY). */
  concurrency?: number;
  /** Embedded broker: access-control hooks (default: allow all). */
  access?: BrokerAccessHooks;
  /** External broker: MQTT_CLIENT_ID, default ioc-ingest-<hostname>. */
  clientId?: string;
  /** External broker: MQTT_SHARE_GROUP, default ioc-ingest. */
  shareGroup?: string;
  /** Topics the ingest takes; default ioc/v1/#. */
  topicFilter?: string;
  /** stop(): longest wait for in-flight done()s; default 10 s. */
  drainTimeoutMs?: number;
  logger?: MqttLogger;
}

export type MqttAdapter = MqttIngress & MqttPublisher;

/** Picks the adapter once at boot: the embedded broker unless an external URL is configured. */
export function createMqttIngress(config: MqttIngressConfig): EmbeddedBroker | ExternalSubscriber {
  if (config.url === undefined || config.url === '') {
    return new EmbeddedBroker({
      ...config.access,
      host: config.host,
      tcpPort: config.tcpPort,
      wsPort: config.wsPort,
      concurrency: config.concurrency,
      topicFilter: config.topicFilter,
      drainTimeoutMs: config.drainTimeoutMs,
      logger: config.logger,
    });
  }
  return new ExternalSubscriber({
    url: config.url,
    clientId: config.clientId,
    shareGroup: config.shareGroup,
    topicFilter: config.topicFilter,
    drainTimeoutMs: config.drainTimeoutMs,
    logger: config.logger,
  });
}
