import {
  LIVE_NAMESPACE,
  LiveEvent,
  type Delta,
  type ResumeAck,
  type ResumeRequest,
  type SubscribeAck,
  type SubscribeRequest,
} from '@ioc/sdk';
import { session } from '../auth/session';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** What the wall's connection indicator shows. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** How a topic's snapshot and deltas fold into the state its listeners see. */
export interface TopicReducer<S, D> {
  fromSnapshot(snapshot: unknown): S;
  applyDelta(state: S, data: D): S;
}

export type TopicUpdate<D> = { kind: 'snapshot'; seq: number } | { kind: 'delta'; seq: number; data: D };

export interface TopicListener<S, D> {
  (state: S, update: TopicUpdate<D>): void;
}

export interface LiveClientOptions {
  /** Server origin; defaults to the page's origin (the dev server proxies /socket.io). */
  url?: string;
  /** socket.io path; default `/socket.io`. */
  path?: string;
  ackTimeoutMs?: number;
  /** Disconnected this long, the indicator turns from "reconnecting" to "offline". */
  offlineAfterMs?: number;
  /** Delay before retrying a failed subscribe/resume, or reconnecting after a server kick. */
  retryDelayMs?: number;
  /** Called when the server refuses a topic (unknown, forbidden). */
  onRefused?: (topic: string, error: string) => void;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** The access token for the handshake, read on every (re)connect; default: the page's session. */
  token?: () => string | null;
  /** The server refused the handshake: get a fresh token (true when one came); default: session refresh. */
  refreshToken?: () => Promise<boolean>;
}

interface TopicEntry {
  topic: string;
  reducer: TopicReducer<unknown, unknown>;
  listeners: Set<TopicListener<unknown, unknown>>;
  /** Last applied sequence number; null until the first snapshot arrived. */
  seq: number | null;
  state: unknown;
  /** A subscribe or resume is in flight: deltas wait in `buffered` until it answers. */
  syncing: boolean;
  buffered: Array<Delta<unknown>>;
  refused: string | null;
}

type AnyDelta = Delta<unknown>;

/**
 * Client of the `/live` namespace: subscribes topics, applies deltas strictly in sequence,
 * resumes after a gap or a reconnect, and exposes the connection state for the indicator.
 */
export class LiveClient {
  private readonly socket: Socket;
  private readonly topics = new Map<string, TopicEntry>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly ackTimeoutMs: number;
  private readonly offlineAfterMs: number;
  private readonly retryDelayMs: number;
  private readonly onRefused: ((topic: string, error: string) => void) | undefined;
  private connectionState: ConnectionState = 'connecting';
  /** Bumped on every (re)connect so answers to requests of an older connection are ignored. */
  private epoch = 0;
  private pendingSubscribe = new Set<string>();
  private subscribeScheduled = false;
  private offlineTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;
  private lastMessage: number | null = null;

  constructor(options: LiveClientOptions = {}) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.offlineAfterMs = options.offlineAfterMs ?? 15_000;
    this.retryDelayMs = options.retryDelayMs ?? 2_000;
    this.onRefused = options.onRefused;
    const url = `${options.url ?? ''}${LIVE_NAMESPACE}`;
    const token = options.token ?? (() => session.token);
    const refreshToken = options.refreshToken ?? (() => session.refresh());
    this.socket = io(url, {
      // A function, so every reconnect sends the current token (it is renewed in the background).
      auth: (cb) => {
        const current = token();
        cb(current ? { token: current } : {});
      },
      path: options.path ?? '/socket.io',
      // WebSocket only: no sticky sessions needed behind a load balancer.
      transports: ['websocket'],
      reconnectionDelayMax: 5_000,
      ...options.socketOptions,
    });
    this.socket.on('connect', () => this.handleConnect());
    this.socket.on('disconnect', (reason) => this.handleDisconnect(reason));
    this.socket.on(LiveEvent.delta, (delta: AnyDelta) => this.handleDelta(delta));
    this.socket.io.on('reconnect_failed', () => this.setState('offline'));
    // Refused by the server's middleware (token missing or expired): socket.io does not retry that
    // by itself, so refresh the token and connect again.
    this.socket.on('connect_error', () => {
      if (this.socket.active || this.closed) return;
      this.later(() => void refreshToken().finally(() => {
        if (!this.closed && !this.socket.connected) this.socket.connect();
      }));
    });
    this.armOfflineTimer();
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** Wall-clock ms of the last snapshot or delta applied, for "last update" displays. */
  get lastMessageAt(): number | null {
    return this.lastMessage;
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * Subscribes `listener` to `topic`. The first subscriber's reducer defines the topic's state;
   * a later subscriber immediately receives the current state if one is known.
   */
  subscribe<S, D>(topic: string, reducer: TopicReducer<S, D>, listener: TopicListener<S, D>): () => void {
    const untypedListener = listener as TopicListener<unknown, unknown>;
    let entry = this.topics.get(topic);
    if (!entry) {
      entry = {
        topic,
        reducer: reducer as TopicReducer<unknown, unknown>,
        listeners: new Set(),
        seq: null,
        state: undefined,
        syncing: false,
        buffered: [],
        refused: null,
      };
      this.topics.set(topic, entry);
      if (this.socket.connected) this.queueSubscribe(topic);
    } else if (entry.seq !== null) {
      listener(entry.state as S, { kind: 'snapshot', seq: entry.seq });
    }
    entry.listeners.add(untypedListener);
    return () => this.removeListener(topic, untypedListener);
  }

  close(): void {
    this.closed = true;
    this.clearOfflineTimer();
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.socket.disconnect();
    this.setState('offline');
  }

  private removeListener(topic: string, listener: TopicListener<unknown, unknown>): void {
    const entry = this.topics.get(topic);
    if (!entry) return;
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0) return;
    this.topics.delete(topic);
    this.pendingSubscribe.delete(topic);
    if (this.socket.connected) this.socket.emit(LiveEvent.unsubscribe, { topics: [topic] } satisfies SubscribeRequest);
  }

  private handleConnect(): void {
    this.epoch += 1;
    this.clearOfflineTimer();
    this.setState('connected');
    for (const entry of this.topics.values()) {
      entry.syncing = false;
      entry.buffered = [];
      if (entry.refused !== null) continue;
      if (entry.seq === null) this.queueSubscribe(entry.topic);
      else void this.resume(entry);
    }
  }

  private handleDisconnect(reason: Socket.DisconnectReason): void {
    if (this.closed) return;
    this.setState('reconnecting');
    this.armOfflineTimer();
    // socket.io does not reconnect by itself after a server-side kick; a wall must never give up.
    if (reason === 'io server disconnect') this.later(() => this.socket.connect());
  }

  private handleDelta(delta: AnyDelta): void {
    const entry = this.topics.get(delta.topic);
    if (!entry || entry.refused !== null) return;
    if (entry.syncing || entry.seq === null) {
      entry.buffered.push(delta);
      return;
    }
    if (delta.seq <= entry.seq) return; // duplicate of something already applied
    if (delta.seq === entry.seq + 1) {
      this.applyDelta(entry, delta);
      return;
    }
    // A gap: deltas were lost. Keep this one and ask for what is missing.
    entry.buffered.push(delta);
    void this.resume(entry);
  }

  private queueSubscribe(topic: string): void {
    const entry = this.topics.get(topic);
    if (entry) entry.syncing = true;
    this.pendingSubscribe.add(topic);
    if (this.subscribeScheduled) return;
    this.subscribeScheduled = true;
    // Topics subscribed in the same tick travel in one request.
    queueMicrotask(() => {
      this.subscribeScheduled = false;
      const topics = [...this.pendingSubscribe];
      this.pendingSubscribe.clear();
      if (topics.length > 0) void this.sendSubscribe(topics);
    });
  }

  private async sendSubscribe(topics: string[]): Promise<void> {
    const epoch = this.epoch;
    let ack: SubscribeAck;
    try {
      ack = await this.socket.timeout(this.ackTimeoutMs).emitWithAck(LiveEvent.subscribe, { topics } satisfies SubscribeRequest);
    } catch {
      if (epoch === this.epoch) this.later(() => this.resubscribe(topics));
      return;
    }
    if (epoch !== this.epoch) return;
    for (const item of ack) {
      const entry = this.topics.get(item.topic);
      if (!entry) continue;
      if ('error' in item) this.refuse(entry, item.error);
      else this.applySnapshot(entry, item.seq, item.snapshot);
    }
  }

  private resubscribe(topics: string[]): void {
    for (const topic of topics) if (this.topics.has(topic)) this.queueSubscribe(topic);
  }

  private async resume(entry: TopicEntry): Promise<void> {
    if (entry.seq === null) return this.queueSubscribe(entry.topic);
    entry.syncing = true;
    const epoch = this.epoch;
    let ack: ResumeAck;
    try {
      ack = await this.socket
        .timeout(this.ackTimeoutMs)
        .emitWithAck(LiveEvent.resume, { topic: entry.topic, seq: entry.seq } satisfies ResumeRequest);
    } catch {
      if (epoch === this.epoch) this.later(() => this.retryResume(entry));
      return;
    }
    if (epoch !== this.epoch || this.topics.get(entry.topic) !== entry) return;
    if ('error' in ack) {
      // The server lost the topic's history (restart, unknown seq): start over from a snapshot.
      entry.seq = null;
      return this.queueSubscribe(entry.topic);
    }
    if ('snapshot' in ack) {
      this.applySnapshot(entry, ack.seq, ack.snapshot);
      return;
    }
    entry.buffered.push(...ack.deltas);
    entry.syncing = false;
    this.drainBuffer(entry);
  }

  private retryResume(entry: TopicEntry): void {
    if (this.topics.get(entry.topic) === entry && this.socket.connected) void this.resume(entry);
  }

  private applySnapshot(entry: TopicEntry, seq: number, snapshot: unknown): void {
    entry.state = entry.reducer.fromSnapshot(snapshot);
    entry.seq = seq;
    entry.syncing = false;
    this.touch();
    for (const listener of entry.listeners) listener(entry.state, { kind: 'snapshot', seq });
    this.drainBuffer(entry);
  }

  private applyDelta(entry: TopicEntry, delta: AnyDelta): void {
    entry.state = entry.reducer.applyDelta(entry.state, delta.data);
    entry.seq = delta.seq;
    this.touch();
    for (const listener of entry.listeners) listener(entry.state, { kind: 'delta', seq: delta.seq, data: delta.data });
  }

  /** Applies buffered deltas that continue the sequence; resumes again if a gap remains. */
  private drainBuffer(entry: TopicEntry): void {
    const buffered = entry.buffered.sort((a, b) => a.seq - b.seq);
    entry.buffered = [];
    for (let i = 0; i < buffered.length; i += 1) {
      const delta = buffered[i]!;
      if (entry.seq === null || delta.seq <= entry.seq) continue;
      if (delta.seq !== entry.seq + 1) {
        entry.buffered = buffered.slice(i);
        void this.resume(entry);
        return;
      }
      this.applyDelta(entry, delta);
    }
  }

  private refuse(entry: TopicEntry, error: string): void {
    entry.refused = error;
    entry.syncing = false;
    entry.buffered = [];
    this.onRefused?.(entry.topic, error);
  }

  private touch(): void {
    this.lastMessage = Date.now();
  }

  private later(action: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (!this.closed) action();
    }, this.retryDelayMs);
    this.retryTimers.add(timer);
  }

  private armOfflineTimer(): void {
    this.clearOfflineTimer();
    this.offlineTimer = setTimeout(() => {
      if (!this.socket.connected) this.setState('offline');
    }, this.offlineAfterMs);
  }

  private clearOfflineTimer(): void {
    if (this.offlineTimer !== null) clearTimeout(this.offlineTimer);
    this.offlineTimer = null;
  }

  private setState(state: ConnectionState): void {
    if (state === this.connectionState) return;
    this.connectionState = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
