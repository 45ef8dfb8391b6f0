import os from 'node:os';
import { Backoff } from './backoff.js';
import { MqttConnection } from './mqtt-connection.js';
import {
  MqttConfigError,
  type InboundMessage,
  type MessageSink,
  type MqttIngress,
  type MqttIngressHealth,
  type MqttLogger,
  type MqttPublisher,
  type PublishOptions,
} from './mqtt-ingress.js';
import { parseMqttUrl, type BrokerEndpoint } from './mqtt-url.js';
import { messageOf } from './network-errors.js';
import { INGEST_TOPIC_FILTER, sharedSubscriptionFilter } from './topic-filter.js';
import { waitUntil } from './wait-until.js';

export interface ExternalSubscriberOptions {
  /** mqtt://[user:pass@]host[:port] or mqtts://… */
  url: string | URL;
  /** Stable id of the persistent session; default ioc-ingest-<hostname>. Unique per process! */
  clientId?: string;
  /** Shared-subscription group ($share/<group>/…); default ioc-ingest; '' = plain subscription. */
  shareGroup?: string;
  /** Default ioc/v1/#. */
  topicFilter?: string;
  /** Default 30 s. */
  keepaliveSeconds?: number;
  /** TCP connect + CONNACK; default 10 s. */
  connectTimeoutMs?: number;
  /** Reconnect backoff bounds; default 250 ms … 30 s. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** stop(): longest wait for in-flight done()s; default 10 s. */
  drainTimeoutMs?: number;
  /** Config variable named in errors; default MQTT_URL. */
  urlVariable?: string;
  logger?: MqttLogger;
}

type Lifecycle = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/**
 * Ingest from an external broker (Mosquitto, EMQX) set by MQTT_URL: a persistent session
 * (clean=false, stable client id) with a QoS 1 shared subscription, acknowledging each message
 * only after the ingest committed it. Connection losses after the first successful start are
 * retried forever with capped, jittered backoff; health() reports 'degraded' meanwhile.
 * Messages not yet acknowledged when a connection dies are redelivered by the broker.
 */
export class ExternalSubscriber implements MqttIngress, MqttPublisher {
  readonly clientId: string;
  /** The filter actually subscribed, e.g. $share/ioc-ingest/ioc/v1/#. */
  readonly subscription: string;
  private readonly endpoint: BrokerEndpoint;
  private readonly variable: string;
  private readonly backoff: Backoff;
  private lifecycle: Lifecycle = 'new';
  private sink?: MessageSink;
  private connection?: MqttConnection;
  private connecting?: Promise<void>;
  private reconnectTimer?: NodeJS.Timeout;
  private lostReason?: string;
  private grantedQos?: number;
  private readonly stats = { received: 0, acknowledged: 0, abandoned: 0, connects: 0, sinkErrors: 0 };
  private lastSinkError?: string;

  constructor(private readonly options: ExternalSubscriberOptions) {
    this.variable = options.urlVariable ?? 'MQTT_URL';
    this.endpoint = parseMqttUrl(options.url, this.variable);
    this.clientId = options.clientId || `ioc-ingest-${os.hostname()}`;
    this.subscription = sharedSubscriptionFilter(options.topicFilter ?? INGEST_TOPIC_FILTER, options.shareGroup ?? 'ioc-ingest');
    this.backoff = new Backoff(options.reconnectMinMs ?? 250, options.reconnectMaxMs ?? 30_000);
  }

  /** Connects and subscribes once; rejects (naming MQTT_URL) if that first attempt fails. */
  async start(sink: MessageSink): Promise<void> {
    if (this.lifecycle !== 'new') throw new Error(`ExternalSubscriber.start(): already ${this.lifecycle}`);
    this.lifecycle = 'starting';
    this.sink = sink;
    try {
      await this.connect();
    } catch (err) {
      this.lifecycle = 'stopped';
      throw err;
    }
    this.lifecycle = 'running';
  }

  async stop(): Promise<void> {
    if (this.lifecycle === 'stopped' || this.lifecycle === 'stopping') return;
    this.lifecycle = 'stopping';
    clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => {});
    const connection = this.connection;
    if (connection) {
      connection.accepting = false;
      const drained = await waitUntil(() => connection.unacknowledged === 0 || connection.closed, this.options.drainTimeoutMs ?? 10_000);
      if (!drained) {
        this.options.logger?.warn('mqtt subscriber stopped with unacknowledged messages; the broker will redeliver them', {
          unacknowledged: connection.unacknowledged,
        });
      }
      await connection.disconnect();
    }
    this.lifecycle = 'stopped';
  }

  health(): MqttIngressHealth {
    const connection = this.connection;
    const base = {
      inFlight: connection?.unacknowledged ?? 0,
      received: this.stats.received,
      acknowledged: this.stats.acknowledged + (connection?.acknowledged ?? 0),
      abandoned: this.stats.abandoned,
      reconnects: Math.max(0, this.stats.connects - 1),
      sinkErrors: this.stats.sinkErrors,
      broker: this.endpoint.display,
      clientId: this.clientId,
      subscription: this.subscription,
      sessionPresent: connection?.sessionPresent,
    };
    if (this.lifecycle !== 'running') return { state: 'down', detail: this.lifecycle, ...base };
    if (!connection) {
      return { state: 'degraded', detail: `reconnecting to ${this.endpoint.display} (attempt ${this.backoff.attempts}): ${this.lostReason ?? 'connection lost'}`, ...base };
    }
    if (this.grantedQos === 0) return { state: 'degraded', detail: 'broker granted QoS 0 only: messages may be lost', ...base };
    if (this.lastSinkError) return { state: 'degraded', detail: this.lastSinkError, ...base };
    return { state: 'up', ...base };
  }

  /** Commands to devices, QoS 0 or 1, over the ingest connection; rejects while reconnecting. */
  publish(topic: string, payload: Buffer | string, options: PublishOptions = {}): Promise<void> {
    const qos = options.qos ?? 0;
    if (qos === 2) return Promise.reject(new Error('ExternalSubscriber.publish: QoS 2 is not supported; use QoS 1'));
    const connection = this.connection;
    if (!connection || this.lifecycle !== 'running') {
      return Promise.reject(new Error(`${this.variable}: not connected to ${this.endpoint.display}${this.lostReason ? ` (${this.lostReason})` : ''}`));
    }
    return connection.publish(topic, typeof payload === 'string' ? Buffer.from(payload) : payload, qos, options.retain ?? false);
  }

  // ---- connecting --------------------------------------------------------------------------

  private connect(): Promise<void> {
    this.connecting = this.openAndSubscribe().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async openAndSubscribe(): Promise<void> {
    const connection = await MqttConnection.open({
      endpoint: this.endpoint,
      clientId: this.clientId,
      clean: false,
      keepaliveSeconds: this.options.keepaliveSeconds ?? 30,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      variable: this.variable,
      // With a present session the broker may send queued messages before the SUBACK: they
      // go to the sink like any other.
      onMessage: this.deliver,
      onClose: (reason, closed) => this.onConnectionLost(closed, reason),
    });
    let granted: number;
    try {
      // Subscribing on every connect is idempotent and repairs a session the broker lost.
      granted = await connection.subscribe(this.subscription, 1);
    } catch (err) {
      connection.destroy(err as Error);
      throw new MqttConfigError(this.variable, `connection to ${this.endpoint.display} lost while subscribing (${messageOf(err)})`);
    }
    if (granted === 0x80) {
      connection.destroy(new Error('subscription refused'));
      throw new MqttConfigError(
        this.variable,
        `broker at ${this.endpoint.display} refused the subscription to "${this.subscription}" (SUBACK 0x80: not authorised, or shared subscriptions unsupported — see MQTT_SHARE_GROUP)`,
      );
    }
    this.grantedQos = granted;
    this.connection = connection;
    this.stats.connects++;
    this.lostReason = undefined;
    this.backoff.reset();
    if (this.lifecycle === 'stopping') return; // stop() takes it from here
    if (this.stats.connects > 1) {
      this.options.logger?.info('mqtt subscriber reconnected', { broker: this.endpoint.display, sessionPresent: connection.sessionPresent });
    }
  }

  private onConnectionLost(connection: MqttConnection, reason: Error): void {
    this.stats.abandoned += connection.abandoned;
    this.stats.acknowledged += connection.acknowledged;
    if (connection !== this.connection) return; // one that never finished subscribing
    this.connection = undefined;
    if (this.lifecycle !== 'running') return;
    this.lostReason = messageOf(reason);
    this.options.logger?.warn('mqtt subscriber lost its connection; reconnecting', {
      broker: this.endpoint.display,
      reason: this.lostReason,
      unacknowledged: connection.abandoned,
      hint: `if this repeats right after each connect, another process may be using client id "${this.clientId}"`,
    });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = this.backoff.next();
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((err: unknown) => {
        this.lostReason = messageOf(err);
        if (this.lifecycle === 'running') this.scheduleReconnect();
      });
    }, delay);
  }

  /** The sink, guarded: a throwing sink must not wedge the in-order PUBACK queue forever. */
  private readonly deliver = (msg: InboundMessage, done: () => void): void => {
    this.stats.received++;
    try {
      this.sink!(msg, done);
    } catch (err) {
      this.stats.sinkErrors++;
      this.lastSinkError = `ingest sink threw: ${messageOf(err)}`;
      this.options.logger?.error('mqtt ingest sink threw; message acknowledged to keep the stream moving', { topic: msg.topic, error: messageOf(err) });
      done();
    }
  };
}
