import { Inject, Injectable } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LIVE_NAMESPACE, type ResumeAck, type SubscribeAck } from '@ioc/sdk';
import { TopicHub } from './topic-hub.js';
import type { Principal } from '../auth/index.js';

/**
 * Who may read which topic: the socket's principal is set once at the handshake (`auth: { token }`);
 * `canRead` asks the policy. Provided by the runtime under LIVE_ACCESS.
 */
export interface LiveAccess {
  /** The principal of a handshake token (undefined token: anonymous or, in open mode, the open admin); throws to refuse the connection. */
  principal(token: string | undefined): Promise<Principal>;
  /** undefined when allowed, else the reason. */
  refusal(principal: Principal, topic: string): string | undefined;
}

export const LIVE_ACCESS = Symbol('LIVE_ACCESS');

const MAX_TOPICS_PER_REQUEST = 100;

function topicsOf(body: unknown): string[] | null {
  const topics = (body as { topics?: unknown })?.topics;
  if (!Array.isArray(topics) || topics.length > MAX_TOPICS_PER_REQUEST || !topics.every((t) => typeof t === 'string' && t.length <= 200)) return null;
  return topics as string[];
}

/**
 * socket.io namespace `/live`. A client joins one room per topic; the hub's deltas go to the
 * room. Acks are plain return values (Nest turns `{event, data}` into an emit instead).
 */
@Injectable()
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: { origin: true } })
export class LiveGateway implements OnGatewayInit {
  @WebSocketServer() private namespace!: Namespace;

  constructor(
    @Inject(TopicHub) private readonly hub: TopicHub,
    @Inject(LIVE_ACCESS) private readonly access: LiveAccess,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    // The handshake: a bad or expired token refuses the connection (the client refreshes and reconnects).
    namespace.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      this.access.principal(typeof token === 'string' && token ? token : undefined).then(
        (principal) => {
          socket.data.principal = principal;
          next();
        },
        (err: Error & { getResponse?: () => unknown }) => {
          const detail = (err.getResponse?.() as { detail?: string } | undefined)?.detail ?? err.message;
          next(Object.assign(new Error(detail || 'unauthorized'), { data: { status: 401 } }));
        },
      );
    });
  }

  /** Why this socket may not read the topic, or undefined when it may. */
  private refusal(socket: Socket, topic: string): string | undefined {
    const p = socket.data.principal as Principal | undefined;
    return p ? this.access.refusal(p, topic) : 'not signed in';
  }

  /** Called by the hub for every delta. */
  broadcast(delta: { topic: string; seq: number; data: unknown }): void {
    this.namespace?.to(delta.topic).emit('delta', delta);
  }

  get clients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const topics = topicsOf(body);
    if (!topics) return [{ topic: '', error: `subscribe needs { topics: string[] } with at most ${MAX_TOPICS_PER_REQUEST} topics` }];
    const ack: SubscribeAck = [];
    for (const topic of topics) {
      const snap = this.hub.snapshot(topic);
      if (!snap) {
        ack.push({ topic, error: 'unknown topic' });
        continue;
      }
      // A client never joins a room it may not read.
      const refused = this.refusal(socket, topic);
      if (refused) {
        ack.push({ topic, error: `forbidden: ${refused}` });
        continue;
      }
      await socket.join(topic);
      ack.push(snap);
    }
    return ack;
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    const topics = topicsOf(body) ?? [];
    for (const t of topics) await socket.leave(t);
    return { ok: true };
  }

  @SubscribeMessage('resume')
  async resume(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ResumeAck> {
    const { topic, seq } = (body ?? {}) as { topic?: unknown; seq?: unknown };
    if (typeof topic !== 'string' || typeof seq !== 'number' || !Number.isInteger(seq)) {
      return { topic: String(topic ?? ''), error: 'resume needs { topic: string, seq: integer }' };
    }
    if (!this.hub.exists(topic)) return { topic, error: 'unknown topic' };
    const refused = this.refusal(socket, topic);
    if (refused) return { topic, error: `forbidden: ${refused}` };
    await socket.join(topic);
    const deltas = this.hub.since(topic, seq);
    if (deltas) return { topic, seq: this.hub.seq(topic), deltas };
    const snap = this.hub.snapshot(topic)!;
    return { topic, seq: snap.seq, snapshot: snap.snapshot };
  }
}
