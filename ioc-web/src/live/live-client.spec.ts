import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LIVE_NAMESPACE, type Delta, type ResumeRequest, type SubscribeRequest } from '@ioc/sdk';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveClient, type ConnectionState, type TopicReducer } from './live-client';

/** Test topic: the state is the list of numbers pushed so far, so ordering mistakes show. */
type NumberLog = number[];
interface PushDelta {
  push: number;
}
const numberLogReducer: TopicReducer<NumberLog, PushDelta> = {
  fromSnapshot: (snapshot) => [...(snapshot as NumberLog)],
  applyDelta: (state, delta) => [...state, delta.push],
};

interface TopicLog {
  seq: number;
  values: number[];
  deltas: Array<Delta<PushDelta>>;
}

/** A minimal `/live` server speaking the wire contract, with knobs to lose deltas. */
class FakeLiveServer {
  readonly topics = new Map<string, TopicLog>();
  readonly requests: Array<{ event: string; payload: unknown }> = [];
  resumeWithSnapshot = false;

  private constructor(
    private readonly http: HttpServer,
    readonly io: Server,
    readonly url: string,
  ) {}

  static async start(topicNames: string[]): Promise<FakeLiveServer> {
    const http = createServer();
    const io = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    const server = new FakeLiveServer(http, io, `http://127.0.0.1:${port}`);
    for (const name of topicNames) server.topics.set(name, { seq: 0, values: [], deltas: [] });
    server.listen();
    return server;
  }

  publish(topic: string, value: number, options: { lose?: boolean } = {}): void {
    const log = this.topics.get(topic)!;
    log.seq += 1;
    log.values.push(value);
    const delta: Delta<PushDelta> = { topic, seq: log.seq, data: { push: value } };
    log.deltas.push(delta);
    if (!options.lose) this.io.of(LIVE_NAMESPACE).to(topic).emit('delta', delta);
  }

  /** Drops every client's transport as a flaky network would; clients reconnect by themselves. */
  dropConnections(): void {
    for (const socket of this.io.of(LIVE_NAMESPACE).sockets.values()) socket.conn.close();
  }

  requestsOf(event: string): unknown[] {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }

  async close(): Promise<void> {
    this.io.disconnectSockets(true);
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    this.http.closeAllConnections();
  }

  private listen(): void {
    this.io.of(LIVE_NAMESPACE).on('connection', (socket) => {
      socket.on('subscribe', (request: SubscribeRequest, ack: (answer: unknown) => void) => {
        this.requests.push({ event: 'subscribe', payload: request });
        ack(
          request.topics.map((topic) => {
            const log = this.topics.get(topic);
            if (!log) return { topic, error: 'unknown topic' };
            void socket.join(topic);
            return { topic, seq: log.seq, snapshot: [...log.values] };
          }),
        );
      });
      socket.on('resume', (request: ResumeRequest, ack: (answer: unknown) => void) => {
        this.requests.push({ event: 'resume', payload: request });
        const log = this.topics.get(request.topic);
        if (!log) return ack({ topic: request.topic, error: 'unknown topic' });
        void socket.join(request.topic);
        if (this.resumeWithSnapshot) return ack({ topic: request.topic, seq: log.seq, snapshot: [...log.values] });
        ack({ topic: request.topic, seq: log.seq, deltas: log.deltas.filter((d) => d.seq > request.seq) });
      });
      socket.on('unsubscribe', (request: SubscribeRequest) => {
        this.requests.push({ event: 'unsubscribe', payload: request });
        for (const topic of request.topics) void socket.leave(topic);
      });
    });
  }
}

const TOPIC = 'latest:test';
let server: FakeLiveServer | undefined;
let client: LiveClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function connect(url: string, offlineAfterMs = 5_000): LiveClient {
  return new LiveClient({
    url,
    retryDelayMs: 50,
    offlineAfterMs,
    socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
  });
}

function observe(live: LiveClient, topic = TOPIC): { latest: () => NumberLog | undefined; leave: () => void } {
  let latest: NumberLog | undefined;
  const leave = live.subscribe(topic, numberLogReducer, (state) => {
    latest = state;
  });
  return { latest: () => latest, leave };
}

describe('LiveClient', () => {
  it('applies the snapshot, then deltas in order, and reports connected', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    server.publish(TOPIC, 1);
    server.publish(TOPIC, 2);
    client = connect(server.url);
    const view = observe(client);
    await vi.waitFor(() => expect(view.latest()).toEqual([1, 2]));
    expect(client.state).toBe('connected');
    server.publish(TOPIC, 3);
    server.publish(TOPIC, 4);
    await vi.waitFor(() => expect(view.latest()).toEqual([1, 2, 3, 4]));
    expect(client.lastMessageAt).not.toBeNull();
  });

  it('resumes from the last applied seq when a delta is missing', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    client = connect(server.url);
    const view = observe(client);
    await vi.waitFor(() => expect(view.latest()).toEqual([]));
    server.publish(TOPIC, 10);
    await vi.waitFor(() => expect(view.latest()).toEqual([10]));
    server.publish(TOPIC, 11, { lose: true });
    server.publish(TOPIC, 12);
    await vi.waitFor(() => expect(view.latest()).toEqual([10, 11, 12]));
    expect(server.requestsOf('resume')).toEqual([{ topic: TOPIC, seq: 1 }]);
  });

  it('reconnects after a dropped connection and catches up through resume', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    client = connect(server.url);
    const states: ConnectionState[] = [];
    client.onStateChange((state) => states.push(state));
    const view = observe(client);
    server.publish(TOPIC, 1);
    await vi.waitFor(() => expect(view.latest()).toEqual([1]));

    server.dropConnections();
    await vi.waitFor(() => expect(states).toContain('reconnecting'));
    server.publish(TOPIC, 2); // emitted while the client is away: only resume can bring it back
    await vi.waitFor(() => expect(view.latest()).toEqual([1, 2]));
    expect(states.at(-1)).toBe('connected');
    expect(server.requestsOf('resume')).toContainEqual({ topic: TOPIC, seq: 1 });

    server.publish(TOPIC, 3); // and live deltas flow again on the new connection
    await vi.waitFor(() => expect(view.latest()).toEqual([1, 2, 3]));
  });

  it('replaces its state when the server answers a resume with a snapshot', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    server.resumeWithSnapshot = true;
    client = connect(server.url);
    const view = observe(client);
    server.publish(TOPIC, 1);
    await vi.waitFor(() => expect(view.latest()).toEqual([1]));
    server.publish(TOPIC, 2, { lose: true });
    server.publish(TOPIC, 3, { lose: true });
    server.publish(TOPIC, 4);
    await vi.waitFor(() => expect(view.latest()).toEqual([1, 2, 3, 4]));
  });

  it('batches topics subscribed together and reports refused ones', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    const refusals: string[] = [];
    client = new LiveClient({ url: server.url, onRefused: (topic, error) => refusals.push(`${topic}: ${error}`) });
    const known = observe(client, TOPIC);
    observe(client, 'latest:nowhere');
    await vi.waitFor(() => expect(refusals).toEqual(['latest:nowhere: unknown topic']));
    expect(known.latest()).toEqual([]);
    expect(server.requestsOf('subscribe')).toEqual([{ topics: [TOPIC, 'latest:nowhere'] }]);
  });

  it('gives a late subscriber the current state at once and unsubscribes after the last one leaves', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    server.publish(TOPIC, 7);
    client = connect(server.url);
    const first = observe(client);
    await vi.waitFor(() => expect(first.latest()).toEqual([7]));
    let late: NumberLog | undefined;
    const leave = client.subscribe(TOPIC, numberLogReducer, (state) => {
      late = state;
    });
    expect(late).toEqual([7]);
    leave();
    server.publish(TOPIC, 8); // the remaining subscriber still receives deltas
    await vi.waitFor(() => expect(first.latest()).toEqual([7, 8]));
    expect(server.requestsOf('unsubscribe')).toEqual([]);
    first.leave();
    await vi.waitFor(() => expect(server?.requestsOf('unsubscribe')).toEqual([{ topics: [TOPIC] }]));
  });

  it('turns offline when the server stays away', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    client = connect(server.url, 300);
    await vi.waitFor(() => expect(client?.state).toBe('connected'));
    await server.close();
    server = undefined;
    await vi.waitFor(() => expect(client?.state).toBe('offline'), { timeout: 3_000 });
  });
});

describe('LiveClient sign-in', () => {
  it('sends the current token at every handshake and, refused, refreshes it and connects again', async () => {
    server = await FakeLiveServer.start([TOPIC]);
    const seen: Array<string | null> = [];
    let accepted = 'new-token';
    server.io.of(LIVE_NAMESPACE).use((socket, next) => {
      const token = (socket.handshake.auth as { token?: string }).token ?? null;
      seen.push(token);
      next(token === accepted ? undefined : new Error('unauthorized'));
    });
    let token = 'old-token';
    let refreshes = 0;
    client = new LiveClient({
      url: server.url,
      retryDelayMs: 50,
      socketOptions: { reconnectionDelay: 50, reconnectionDelayMax: 100 },
      token: () => token,
      refreshToken: async () => {
        refreshes += 1;
        token = 'new-token';
        return true;
      },
    });
    const view = observe(client);
    await vi.waitFor(() => expect(client!.state).toBe('connected'), { timeout: 5_000 });
    expect(seen).toEqual(['old-token', 'new-token']);
    expect(refreshes).toBe(1);
    server.publish(TOPIC, 1);
    await vi.waitFor(() => expect(view.latest()).toEqual([1]), { timeout: 5_000 });

    // A reconnect later (token renewed meanwhile) sends the token of that moment.
    token = accepted = 'newer-token';
    server.dropConnections();
    await vi.waitFor(() => expect(seen.at(-1)).toBe('newer-token'), { timeout: 5_000 });
    await vi.waitFor(() => expect(client!.state).toBe('connected'), { timeout: 5_000 });
  });
});
