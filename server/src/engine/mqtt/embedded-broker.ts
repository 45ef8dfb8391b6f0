import type { EventEmitter } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import type http from 'node:http';
import { Aedes, type AuthenticateError, type Client, type PublishPacket, type Subscription } from 'aedes';
import { createServer as createAedesServer } from 'aedes-server-factory';
import { settleVerdict, type BrokerAccessHooks, type MqttClientInfo } from './broker-access.js';
import {
  type InboundMessage,
  type MessageSink,
  type MqttIngress,
  type MqttIngressHealth,
  type MqttLogger,
  type MqttPublisher,
  type PublishOptions,
} from './mqtt-ingress.js';
import { listenError, messageOf } from './network-errors.js';
import { OrderedAcks } from './ordered-acks.js';
import { INGEST_TOPIC_FILTER, assertValidTopicFilter, topicMatchesFilter } from './topic-filter.js';
import { waitUntil } from './wait-until.js';

export interface EmbeddedBrokerOptions extends BrokerAccessHooks {
  /** Address both listeners bind; default 0.0.0.0. */
  host?: string;
  /** MQTT over TCP; 0 = any free port (read it back from `tcpPort`). */
  tcpPort: number;
  /** MQTT over WebSocket; 0 = any free port; null/undefined = no WebSocket listener. */
  wsPort?: number | null;
  /**
   * QoS 1/2 messages handed to the sink and not yet done() before further ones wait (their
   * publishers get no PUBACK meanwhile, and aedes stops reading their sockets). Also aedes'
   * own `concurrency` (messages routed at once to subscribers). Default 10 000.
   */
  concurrency?: number;
  /** Which PUBLISHes go to the sink; default ioc/v1/#. */
  topicFilter?: string;
  /** stop(): longest wait for in-flight done()s; default 10 s. */
  drainTimeoutMs?: number;
  /** Config variable names used in error messages. */
  variables?: { host?: string; tcpPort?: string; wsPort?: string };
  logger?: MqttLogger;
}

const PROBLEM_SHOWN_MS = 60_000;

type Lifecycle = 'new' | 'starting' | 'running' | 'stopping' | 'stopped';

/** aedes' authorizePublish callback: no error → the broker acknowledges and routes the message. */
type PublishVerdictCallback = (error?: Error | null) => void;

/**
 * The embedded MQTT broker (aedes over TCP and WebSocket), used when no MQTT_URL is set.
 *
 * Ack after commit: aedes 1.2 writes the PUBACK *before* it routes a QoS 1 message to
 * subscribers (lib/handlers/publish.js), so an in-process `aedes.subscribe()` cannot hold the
 * PUBACK. The broker's `authorizePublish` hook runs before the PUBACK is written, so the
 * message is handed to the sink there and the hook's callback is held until done(). Per client,
 * callbacks are released in arrival order so PUBACKs leave in order (MQTT 3.1.1 §4.6). While a
 * client has unacknowledged messages aedes does not read further packets from its socket, which
 * is the backpressure a slow database needs.
 */
export class EmbeddedBroker implements MqttIngress, MqttPublisher {
  private aedes?: Aedes;
  private tcpServer?: net.Server;
  private wsServer?: http.Server;
  private sink?: MessageSink;
  private lifecycle: Lifecycle = 'new';
  private readonly host: string;
  private readonly concurrency: number;
  private readonly topicFilter: string;
  private readonly vars: { host: string; tcpPort: string; wsPort: string };
  private boundTcpPort?: number;
  private boundWsPort?: number;

  /** Per-client FIFO of PUBACKs; a WeakMap so closed clients are collected with their queue. */
  private readonly acksByClient = new WeakMap<Client, OrderedAcks>();
  /** Acks for wills whose client aedes no longer knows (client === null). */
  private readonly orphanAcks = new OrderedAcks((n) => (this.unreleased -= n));
  /** Slots taken and not yet released, across clients. */
  private unreleased = 0;
  /** Messages handed to the sink whose done() has not been called. */
  private inSink = 0;
  /** Messages over the concurrency limit, waiting for the sink. */
  private readonly waiting: PendingDelivery[] = [];
  private readonly usernames = new WeakMap<Client, string>();
  private readonly connectedAt = new WeakMap<Client, number>();
  private readonly stats = { received: 0, acknowledged: 0, rejected: 0, denied: 0, sinkErrors: 0, serverErrors: 0 };
  private lastProblem?: { text: string; at: number };

  constructor(private readonly options: EmbeddedBrokerOptions) {
    this.host = options.host ?? '0.0.0.0';
    this.concurrency = Math.max(1, options.concurrency ?? 10_000);
    this.topicFilter = options.topicFilter ?? INGEST_TOPIC_FILTER;
    assertValidTopicFilter(this.topicFilter);
    this.vars = {
      host: options.variables?.host ?? 'MQTT_HOST',
      tcpPort: options.variables?.tcpPort ?? 'MQTT_PORT',
      wsPort: options.variables?.wsPort ?? 'MQTT_WS_PORT',
    };
  }

  /** The TCP port actually bound (differs from the option when it was 0). */
  get tcpPort(): number | undefined {
    return this.boundTcpPort;
  }

  /** The WebSocket port actually bound; undefined when there is no WebSocket listener. */
  get wsPort(): number | undefined {
    return this.boundWsPort;
  }

  get connectedClients(): number {
    return this.aedes?.connectedClients ?? 0;
  }

  async start(sink: MessageSink): Promise<void> {
    if (this.lifecycle !== 'new') throw new Error(`EmbeddedBroker.start(): already ${this.lifecycle}`);
    this.lifecycle = 'starting';
    this.sink = sink;
    try {
      const aedes = await Aedes.createBroker({
        concurrency: this.concurrency,
        authenticate: this.authenticate,
        authorizePublish: this.authorizePublish,
        authorizeSubscribe: this.authorizeSubscribe,
      });
      this.aedes = aedes;
      // aedes emits 'error' for persistence failures; an unhandled 'error' event would kill the process.
      const emitter: EventEmitter = aedes; // aedes' typings omit its 'error' event
      emitter.on('error', (err: Error) => this.problem('broker error', err));

      const tcp = net.createServer((socket) => aedes.handle(socket));
      this.tcpServer = tcp;
      this.boundTcpPort = await this.listen(tcp, this.options.tcpPort, this.vars.tcpPort);

      if (this.options.wsPort !== undefined && this.options.wsPort !== null) {
        const ws = createAedesServer(aedes, {
          ws: true,
          customWSErrorHandler: (err: Error) => this.problem('websocket error', err),
        }) as http.Server;
        this.wsServer = ws;
        this.boundWsPort = await this.listen(ws, this.options.wsPort, this.vars.wsPort);
      }
      this.lifecycle = 'running';
      this.options.bindBroker?.({ sessions: () => this.sessions(), disconnect: (which) => this.disconnect(which) });
    } catch (err) {
      await this.close();
      this.lifecycle = 'stopped';
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.lifecycle !== 'running') {
      if (this.lifecycle === 'new') this.lifecycle = 'stopped';
      return;
    }
    this.lifecycle = 'stopping';
    // No new connections; messages still arriving on open ones are refused (not acknowledged),
    // so their publishers resend them to whoever runs next.
    this.tcpServer?.close();
    this.wsServer?.close();
    for (const pending of this.waiting.splice(0)) pending.refuse();
    const drained = await waitUntil(() => this.unreleased === 0, this.options.drainTimeoutMs ?? 10_000);
    if (!drained) {
      this.options.logger?.warn('mqtt broker stopped with unacknowledged messages; publishers will resend them', {
        unacknowledged: this.unreleased,
      });
    }
    await this.close();
    this.lifecycle = 'stopped';
  }

  health(): MqttIngressHealth {
    // A problem degrades health for a minute after it happened, then the broker counts as up again.
    const problem = this.lastProblem && Date.now() - this.lastProblem.at < PROBLEM_SHOWN_MS ? this.lastProblem.text : undefined;
    const state = this.lifecycle === 'running' ? (problem ? 'degraded' : 'up') : 'down';
    return {
      state,
      detail: this.lifecycle === 'running' ? problem : this.lifecycle,
      inFlight: this.unreleased,
      received: this.stats.received,
      waiting: this.waiting.length,
      acknowledged: this.stats.acknowledged,
      refused: this.stats.rejected,
      denied: this.stats.denied,
      sinkErrors: this.stats.sinkErrors,
      connectedClients: this.connectedClients,
      tcpPort: this.boundTcpPort,
      wsPort: this.boundWsPort,
    };
  }

  /**
   * Publishes as the broker itself (commands to devices). Such messages do not pass the
   * authorizePublish hook and so are not handed to the sink.
   */
  publish(topic: string, payload: Buffer | string, options: PublishOptions = {}): Promise<void> {
    const aedes = this.aedes;
    if (!aedes || this.lifecycle !== 'running') return Promise.reject(new Error(`MQTT broker is not running (${this.lifecycle})`));
    const packet: PublishPacket = {
      cmd: 'publish',
      topic,
      payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
      qos: options.qos ?? 0,
      retain: options.retain ?? false,
      dup: false,
    };
    return new Promise((resolve, reject) => aedes.publish(packet, (err?: Error) => (err ? reject(err) : resolve())));
  }

  // ---- aedes hooks -------------------------------------------------------------------------

  private readonly authenticate = (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    callback: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void => {
    if (username !== undefined) this.usernames.set(client, username);
    this.connectedAt.set(client, Date.now());
    const hook = this.options.authenticate;
    if (!hook) return callback(null, true);
    settleVerdict(
      () => hook(this.clientInfo(client), username, password),
      (allowed, error) => {
        if (error) this.options.logger?.error('mqtt authenticate hook failed', { clientId: client.id, error: messageOf(error) });
        if (allowed) return callback(null, true);
        // returnCode 4: CONNACK "bad user name or password".
        callback(Object.assign(new Error('bad user name or password'), { returnCode: 4 }) as AuthenticateError, false);
      },
    );
  };

  private readonly authorizeSubscribe = (
    client: Client,
    subscription: Subscription,
    callback: (error: Error | null, subscription?: Subscription | null) => void,
  ): void => {
    const hook = this.options.authorizeSubscribe;
    if (!hook) return callback(null, subscription);
    settleVerdict(
      () => hook(this.clientInfo(client), subscription.topic),
      (allowed, error) => {
        if (error) this.options.logger?.error('mqtt authorizeSubscribe hook failed', { clientId: client.id, error: messageOf(error) });
        callback(null, allowed ? subscription : null); // null → SUBACK 0x80 for this filter
      },
    );
  };

  /**
   * Every PUBLISH (and Last Will) passes here before aedes acknowledges and routes it. Each
   * QoS 1/2 message takes a slot in its client's ack FIFO at once, so acknowledgements keep
   * arrival order even when access hooks answer asynchronously or done()s come out of order.
   */
  private readonly authorizePublish = (client: Client | null, packet: PublishPacket, callback: PublishVerdictCallback): void => {
    const topic = packet.topic;
    if (topic.startsWith('$SYS')) return callback(new Error('$SYS topics are reserved')); // aedes' default rule
    const receivedAt = Date.now();
    let verdict: Error | null = null;
    // QoS 0 has no acknowledgement to order or hold: answer aedes as soon as the verdict is known.
    const release = (): void => {
      if (verdict) this.stats.rejected++;
      else if (packet.qos > 0) this.stats.acknowledged++;
      callback(verdict);
    };
    const done = packet.qos > 0 ? this.acksFor(client).push(release) : release;
    this.unreleased += packet.qos > 0 ? 1 : 0;
    const refuse = (error: Error): void => {
      verdict = error;
      done();
    };

    const forSink = topicMatchesFilter(this.topicFilter, topic);
    const proceed = (): void => {
      if (!forSink) return done();
      if (this.lifecycle !== 'running') return refuse(new Error('MQTT broker is stopping'));
      const msg: InboundMessage = { topic, payload: toBuffer(packet.payload), receivedAt };
      // QoS 0: the sink's done() has nothing to release, so aedes may route it right away.
      if (packet.qos === 0) {
        done();
        this.deliver({ msg, done: noop, refuse: noop });
      } else {
        this.deliver({ msg, done, refuse: () => refuse(new Error('MQTT broker is stopping')) });
      }
    };

    const hook = this.options.authorizePublish;
    if (!hook) return proceed();
    settleVerdict(
      () => hook(client ? this.clientInfo(client) : null, topic),
      (allowed, error, reason) => {
        if (error) this.options.logger?.error('mqtt authorizePublish hook failed', { clientId: client?.id, topic, error: messageOf(error) });
        if (allowed) return proceed();
        this.stats.denied++;
        const why = reason ?? (error ? `access check failed: ${messageOf(error)}` : `not authorised to publish to ${topic}`);
        const onRefused = this.options.onPublishRefused;
        if (!onRefused) return refuse(new Error(why));
        // Recorded (dead-lettered) before aedes disconnects the client for it.
        const refused = { client: client ? this.clientInfo(client) : null, topic, payload: toBuffer(packet.payload), receivedAt, reason: why };
        let recorded: void | Promise<void> = undefined;
        try {
          recorded = onRefused(refused);
        } catch (err) {
          this.problem('onPublishRefused hook threw', err);
        }
        Promise.resolve(recorded)
          .catch((err: unknown) => this.problem('onPublishRefused hook failed', err))
          .finally(() => refuse(new Error(why)));
      },
    );
  };

  /** Connected clients (for access hooks that end sessions). */
  private sessions(): Array<MqttClientInfo & { connectedAt: number }> {
    const clients = (this.aedes as unknown as { clients?: Record<string, Client> } | undefined)?.clients ?? {};
    return Object.values(clients).map((c) => ({ ...this.clientInfo(c), connectedAt: this.connectedAt.get(c) ?? 0 }));
  }

  private disconnect(which: (client: MqttClientInfo) => boolean): number {
    const clients = (this.aedes as unknown as { clients?: Record<string, Client> } | undefined)?.clients ?? {};
    let n = 0;
    for (const c of Object.values(clients)) {
      if (!which(this.clientInfo(c))) continue;
      c.close();
      n++;
    }
    return n;
  }

  // ---- sink delivery -----------------------------------------------------------------------

  /** Hands a message to the sink, or queues it while `concurrency` messages await done(). */
  private deliver(delivery: PendingDelivery): void {
    if (this.inSink >= this.concurrency) {
      this.waiting.push(delivery);
      return;
    }
    this.inSink++;
    this.stats.received++;
    let called = false;
    const done = (): void => {
      if (called) return;
      called = true;
      this.inSink--;
      delivery.done();
      this.admitWaiting();
    };
    try {
      this.sink!(delivery.msg, done);
    } catch (err) {
      // A sink bug must not wedge this client's ack FIFO (and with it the publisher) forever:
      // count it, report it in health, and let the message go.
      this.stats.sinkErrors++;
      this.problem('ingest sink threw', err);
      done();
    }
  }

  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.inSink < this.concurrency) {
      this.deliver(this.waiting.shift()!);
    }
  }

  private acksFor(client: Client | null): OrderedAcks {
    if (!client) return this.orphanAcks;
    let acks = this.acksByClient.get(client);
    if (!acks) {
      acks = new OrderedAcks((n) => (this.unreleased -= n));
      this.acksByClient.set(client, acks);
    }
    return acks;
  }

  private clientInfo(client: Client): MqttClientInfo {
    const socket = (client.req?.socket ?? client.conn) as Partial<net.Socket>;
    return {
      id: client.id,
      username: this.usernames.get(client),
      remoteAddress: socket.remoteAddress,
      transport: client.req ? 'ws' : 'tcp',
    };
  }

  // ---- listening and closing ---------------------------------------------------------------

  private listen(server: net.Server, port: number, variable: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => {
        server.off('listening', onListening);
        reject(listenError(err, variable, this.host, port, this.vars.host));
      };
      const onListening = (): void => {
        server.off('error', onError);
        // Later errors (rare: EMFILE on accept...) degrade health instead of crashing the process.
        server.on('error', (err) => {
          this.stats.serverErrors++;
          this.problem(`${variable} listener error`, err);
        });
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, this.host);
    });
  }

  /** Closes listeners, clients and the broker; each step bounded so stop() always returns. */
  private async close(): Promise<void> {
    const aedes = this.aedes;
    if (aedes) await withTimeout(new Promise<void>((resolve) => aedes.close(() => resolve())), 5_000);
    await Promise.all(
      [this.tcpServer, this.wsServer].map((server) => {
        if (!server?.listening) return Promise.resolve();
        return withTimeout(new Promise<void>((resolve) => server.close(() => resolve())), 2_000);
      }),
    );
    this.wsServer?.closeAllConnections();
  }

  private problem(what: string, err: unknown): void {
    this.lastProblem = { text: `${what}: ${messageOf(err)}`, at: Date.now() };
    this.options.logger?.error(`mqtt ${what}`, { error: messageOf(err) });
  }
}

interface PendingDelivery {
  msg: InboundMessage;
  /** Releases the message's acknowledgement slot (ordered per client). */
  done: () => void;
  /** Gives the message back unacknowledged (the publisher resends it later). */
  refuse: () => void;
}

function toBuffer(payload: Buffer | string): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload) : payload;
}

function noop(): void {}

async function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
