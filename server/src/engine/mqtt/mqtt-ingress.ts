/**
 * The one interface the ingest sees for MQTT, whichever adapter runs behind it: the embedded
 * aedes broker (no MQTT_URL) or a subscriber at an external broker (MQTT_URL).
 */

export interface InboundMessage {
  topic: string;
  payload: Buffer;
  /** Date.now() when the adapter received the message. */
  receivedAt: number;
}

/**
 * Called for every PUBLISH received under the ingest filter (ioc/v1/#). The adapter does not
 * acknowledge a QoS 1/2 message (PUBACK/PUBREC) until `done()` is called — the ingest calls it
 * after the batch holding the message is committed. done() may be called in any order and from
 * any tick; it is idempotent. For QoS 0 messages done() is accepted and does nothing.
 */
export type MessageSink = (msg: InboundMessage, done: () => void) => void;

export interface MqttIngressHealth {
  state: 'up' | 'down' | 'degraded';
  detail?: string;
  /** Messages handed to the sink whose acknowledgement has not been sent yet. */
  inFlight: number;
  /** Messages handed to the sink since start(). */
  received: number;
  [k: string]: unknown;
}

export interface MqttIngress {
  /** Resolves once listening / subscribed; rejects with an Error naming the config variable. */
  start(sink: MessageSink): Promise<void>;
  /** Stops taking messages, waits (bounded) for in-flight done()s, then closes. */
  stop(): Promise<void>;
  health(): MqttIngressHealth;
}

export type MqttQoS = 0 | 1 | 2;

export interface PublishOptions {
  qos?: MqttQoS;
  retain?: boolean;
}

/** Sending to devices (commands). Both adapters implement it. */
export interface MqttPublisher {
  /** Resolves when the broker has taken the message (QoS 1: on PUBACK). */
  publish(topic: string, payload: Buffer | string, options?: PublishOptions): Promise<void>;
}

/** Structural subset of the server's Logger, so this folder does not depend on it. */
export interface MqttLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * An error an operator can act on: the message starts with the config variable at fault
 * ("MQTT_PORT: port 1883 on 0.0.0.0 is already in use (EADDRINUSE)"). boot.ts prints these
 * without a stack.
 */
export class MqttConfigError extends Error {
  override readonly name = 'MqttConfigError';
  constructor(
    readonly variable: string,
    problem: string,
    /** The system error code when there was one (EADDRINUSE, ECONNREFUSED, ...). */
    readonly code?: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}
