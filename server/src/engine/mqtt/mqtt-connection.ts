import net from 'node:net';
import tls from 'node:tls';
import { generate, parser as createParser, type IPublishPacket, type Packet, type QoS } from 'mqtt-packet';
import { MqttConfigError, type InboundMessage } from './mqtt-ingress.js';
import type { BrokerEndpoint } from './mqtt-url.js';
import { connectError } from './network-errors.js';
import { OrderedAcks } from './ordered-acks.js';

export interface MqttConnectionOptions {
  endpoint: BrokerEndpoint;
  clientId: string;
  /** false = persistent session: the broker keeps the subscription and queues while we are away. */
  clean: boolean;
  keepaliveSeconds: number;
  /** Longest wait for TCP connect + CONNACK. */
  connectTimeoutMs: number;
  /** Config variable named in errors (MQTT_URL). */
  variable: string;
  /** Every PUBLISH received; done() releases its PUBACK (in arrival order). */
  onMessage: (msg: InboundMessage, done: () => void) => void;
  /** Once, when the connection is gone for whatever reason (not called if open() rejects). */
  onClose: (reason: Error, connection: MqttConnection) => void;
}

/** CONNACK return codes of MQTT 3.1.1 (§3.2.2.3). */
const CONNACK_REASONS: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected (see MQTT_CLIENT_ID)',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorised',
};

interface Outgoing {
  resolve: (value: number) => void;
  reject: (err: Error) => void;
}

/**
 * One MQTT 3.1.1 client connection written on mqtt-packet, as the ingest needs it and mqtt.js
 * does not offer: many QoS 1 PUBLISHes in flight, each PUBACK sent only when the ingest calls
 * done(), and PUBACKs strictly in arrival order (§4.6). mqtt.js' handleMessage holds the next
 * packet until the previous callback, which serialises ingest to one message per commit.
 *
 * The connection does not reconnect; its owner opens a new one. Acks still pending when it
 * closes are abandoned: their done() does nothing and the broker redelivers those messages on
 * the next connection of the persistent session.
 */
export class MqttConnection {
  /** false once stopping: further PUBLISHes are neither delivered nor acknowledged. */
  accepting = true;
  sessionPresent = false;
  /** Messages dropped from the ack FIFO when the connection closed. */
  abandoned = 0;
  /** Acknowledgements released (PUBACK/PUBREC sent). */
  acknowledged = 0;

  private readonly acks = new OrderedAcks((n) => (this.acknowledged += n));
  private readonly outgoing = new Map<number, Outgoing>();
  private nextMessageId = 1;
  private lastReceivedAt = Date.now();
  private lastSentAt = Date.now();
  private keepaliveTimer?: NodeJS.Timeout;
  private corked = false;
  private closeReason?: Error;
  private finished = false;
  private connack?: { resolve: () => void; reject: (err: Error) => void };

  private constructor(
    private readonly socket: net.Socket,
    private readonly options: MqttConnectionOptions,
  ) {}

  /** Connects and completes the CONNECT/CONNACK handshake; rejects with an MqttConfigError. */
  static open(options: MqttConnectionOptions): Promise<MqttConnection> {
    const { endpoint } = options;
    const socket = endpoint.tls
      ? tls.connect({ host: endpoint.host, port: endpoint.port, servername: net.isIP(endpoint.host) ? undefined : endpoint.host })
      : net.connect({ host: endpoint.host, port: endpoint.port });
    const connection = new MqttConnection(socket, options);
    return connection.handshake().then(() => connection);
  }

  /** PUBLISHes handed over and not yet acknowledged (done or not). */
  get unacknowledged(): number {
    return this.acks.pending;
  }

  get closed(): boolean {
    return this.finished;
  }

  /** SUBSCRIBE one filter; resolves with the granted QoS (0x80 = refused). */
  subscribe(filter: string, qos: QoS): Promise<number> {
    const messageId = this.takeMessageId();
    const granted = this.expect(messageId);
    this.write({ cmd: 'subscribe', messageId, subscriptions: [{ topic: filter, qos }] });
    return granted;
  }

  /** PUBLISH QoS 0 (resolves once written) or QoS 1 (resolves on PUBACK). */
  publish(topic: string, payload: Buffer, qos: 0 | 1, retain: boolean): Promise<void> {
    if (this.finished) return Promise.reject(new Error('MQTT connection is closed'));
    if (qos === 0) {
      this.write({ cmd: 'publish', topic, payload, qos, retain, dup: false });
      return Promise.resolve();
    }
    const messageId = this.takeMessageId();
    const acked = this.expect(messageId);
    this.write({ cmd: 'publish', topic, payload, qos, retain, dup: false, messageId });
    return acked.then(() => undefined);
  }

  /** Graceful close: DISCONNECT (the broker then keeps the session and drops the will). */
  async disconnect(timeoutMs = 2_000): Promise<void> {
    this.accepting = false;
    if (this.finished) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.write({ cmd: 'disconnect' });
    this.socket.end();
    const timer = setTimeout(() => this.socket.destroy(), timeoutMs);
    await closed;
    clearTimeout(timer);
  }

  destroy(reason: Error): void {
    this.closeReason ??= reason;
    this.socket.destroy();
  }

  // ---- handshake ---------------------------------------------------------------------------

  private handshake(): Promise<void> {
    const { endpoint, variable } = this.options;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: MqttConfigError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.finished = true; // a failed open never reports onClose
        this.socket.destroy();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new MqttConfigError(variable, `no answer from ${endpoint.display} within ${this.options.connectTimeoutMs / 1000} s (is it an MQTT broker?)`, 'ETIMEDOUT')),
        this.options.connectTimeoutMs,
      );
      this.connack = {
        resolve: () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          this.startKeepalive();
          resolve();
        },
        reject: (err) => fail(err as MqttConfigError),
      };

      this.socket.setNoDelay(true);
      this.socket.on('error', (err) => {
        if (!settled) fail(connectError(err, variable, endpoint.display));
        else this.closeReason ??= err;
      });
      this.socket.on('close', () => {
        if (!settled) {
          fail(new MqttConfigError(variable, `${endpoint.display} closed the connection before CONNACK (not an MQTT 3.1.1 broker, or it refused client id "${this.options.clientId}")`));
        } else {
          this.finish();
        }
      });
      this.socket.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
        this.write({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: this.options.clientId,
          clean: this.options.clean,
          keepalive: this.options.keepaliveSeconds,
          username: endpoint.username,
          password: endpoint.password === undefined ? undefined : Buffer.from(endpoint.password),
        });
      });

      const parser = createParser({ protocolVersion: 4 });
      parser.on('packet', (packet: Packet) => this.onPacket(packet));
      parser.on('error', (err: Error) => this.destroy(new Error(`malformed packet from broker: ${err.message}`)));
      this.socket.on('data', (chunk: Buffer) => {
        this.lastReceivedAt = Date.now();
        parser.parse(chunk);
      });
    });
  }

  // ---- inbound -----------------------------------------------------------------------------

  private onPacket(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack': {
        const code = packet.returnCode ?? 0;
        if (code === 0) {
          this.sessionPresent = packet.sessionPresent;
          this.connack?.resolve();
        } else {
          const reason = CONNACK_REASONS[code] ?? `unknown reason`;
          this.connack?.reject(new MqttConfigError(this.options.variable, `broker at ${this.options.endpoint.display} refused the connection: ${reason} (CONNACK ${code})`));
        }
        return;
      }
      case 'publish':
        return this.onPublish(packet);
      case 'pubrel':
        // QoS 2, second half: the PUBREC went out after done(), so the message is committed.
        return this.write({ cmd: 'pubcomp', messageId: packet.messageId });
      case 'puback':
        return this.settle(packet.messageId, 0);
      case 'suback': {
        const granted = packet.granted[0];
        return this.settle(packet.messageId, typeof granted === 'number' ? granted : 0x80);
      }
      case 'pubrec':
        // We publish QoS ≤ 1 only; answer a stray PUBREC so the broker's state machine ends.
        return this.write({ cmd: 'pubrel', messageId: packet.messageId });
      default:
        return; // pingresp, unsuback, pubcomp: nothing to do (lastReceivedAt already updated)
    }
  }

  private onPublish(packet: IPublishPacket): void {
    // While stopping, leave new messages unacknowledged: the broker redelivers them to the
    // persistent session later instead of us taking what we may not get to commit.
    if (!this.accepting) return;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    const msg: InboundMessage = { topic: packet.topic, payload, receivedAt: Date.now() };
    if (packet.qos === 0) {
      this.options.onMessage(msg, noop);
      return;
    }
    const messageId = packet.messageId!;
    // QoS 2: PUBREC after done(), PUBCOMP on PUBREL. A QoS 2 message redelivered on a later
    // connection reaches the sink twice; the ingest is idempotent on the payload id.
    const ack: Packet = packet.qos === 1 ? { cmd: 'puback', messageId } : { cmd: 'pubrec', messageId };
    const done = this.acks.push(() => this.write(ack));
    this.options.onMessage(msg, done);
  }

  // ---- outbound ----------------------------------------------------------------------------

  private write(packet: Packet): void {
    if (this.finished || this.socket.destroyed) return;
    // Cork for the rest of this tick so a burst of PUBACKs released together leaves as one segment.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(generate(packet));
    this.lastSentAt = Date.now();
  }

  private takeMessageId(): number {
    for (let tries = 0; tries < 65_535; tries++) {
      const id = this.nextMessageId;
      this.nextMessageId = id === 65_535 ? 1 : id + 1;
      if (!this.outgoing.has(id)) return id;
    }
    throw new Error('no free MQTT packet identifier (65 535 publishes awaiting PUBACK)');
  }

  private expect(messageId: number): Promise<number> {
    if (this.finished) return Promise.reject(new Error('MQTT connection is closed'));
    return new Promise((resolve, reject) => this.outgoing.set(messageId, { resolve, reject }));
  }

  private settle(messageId: number | undefined, value: number): void {
    if (messageId === undefined) return;
    const pending = this.outgoing.get(messageId);
    if (!pending) return;
    this.outgoing.delete(messageId);
    pending.resolve(value);
  }

  // ---- keepalive and close -----------------------------------------------------------------

  /**
   * PINGREQ when either direction has been quiet for half the keepalive (a busy stream of our
   * PUBACKs must not hide a dead broker); the connection counts as dead after 1.5 keepalives
   * without any packet from the broker.
   */
  private startKeepalive(): void {
    const periodMs = this.options.keepaliveSeconds * 1000;
    if (periodMs <= 0) return;
    this.keepaliveTimer = setInterval(() => {
      const now = Date.now();
      if (now - this.lastReceivedAt > periodMs * 1.5) {
        this.destroy(new Error(`no packet from the broker for ${Math.round((now - this.lastReceivedAt) / 1000)} s (keepalive ${this.options.keepaliveSeconds} s)`));
      } else if (now - this.lastReceivedAt >= periodMs / 2 || now - this.lastSentAt >= periodMs / 2) {
        this.write({ cmd: 'pingreq' });
      }
    }, periodMs / 4);
    this.keepaliveTimer.unref();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.keepaliveTimer);
    this.abandoned = this.acks.abandon();
    const lost = new Error('MQTT connection closed before the broker answered');
    for (const pending of this.outgoing.values()) pending.reject(lost);
    this.outgoing.clear();
    this.options.onClose(this.closeReason ?? new Error(`connection closed by ${this.options.endpoint.display}`), this);
  }
}

function noop(): void {}
