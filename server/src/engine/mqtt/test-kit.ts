/**
 * Test support for the MQTT adapters' specs (not used at run time): a recording TCP proxy that
 * shows which packets really crossed the wire, and small waiting helpers.
 */
import net, { type AddressInfo } from 'node:net';
import { parser as createParser, type Packet } from 'mqtt-packet';

/** Polls until `condition` holds; throws with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago (nothing listens on it). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RecordedPacket {
  /** Which connection through the proxy (1, 2, ... in accept order). */
  connection: number;
  direction: 'toBroker' | 'toClient';
  packet: Packet;
}

/**
 * A TCP proxy between an MQTT client and a broker that parses (without altering) both
 * directions, so a test can assert the order of PUBACKs, and can cut every connection to
 * simulate a network failure.
 */
export class MqttSpyProxy {
  readonly packets: RecordedPacket[] = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private connections = 0;
  /** While true, new connections are accepted and cut at once (the broker looks down). */
  refuseConnections = false;
  /** While true, bytes are swallowed in both directions (a silently dead link). */
  blackhole = false;

  private constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
    server: net.Server,
  ) {
    this.server = server;
  }

  static async start(target: { host: string; port: number }): Promise<MqttSpyProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new MqttSpyProxy(target, (server.address() as AddressInfo).port, server);
    server.on('connection', (client) => proxy.pipe(client));
    return proxy;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Packets of one kind and direction, optionally on one connection. */
  sent(direction: RecordedPacket['direction'], cmd: Packet['cmd'], connection?: number): Packet[] {
    return this.packets
      .filter((p) => p.direction === direction && p.packet.cmd === cmd && (connection === undefined || p.connection === connection))
      .map((p) => p.packet);
  }

  get connectionCount(): number {
    return this.connections;
  }

  /** Cuts every open connection at once, like a network failure (no DISCONNECT). */
  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: net.Socket): void {
    if (this.refuseConnections) {
      client.destroy();
      return;
    }
    const connection = ++this.connections;
    const broker = net.connect(this.target);
    this.sockets.add(client);
    this.sockets.add(broker);
    const toBroker = createParser({ protocolVersion: 4 });
    const toClient = createParser({ protocolVersion: 4 });
    toBroker.on('packet', (packet: Packet) => this.packets.push({ connection, direction: 'toBroker', packet }));
    toClient.on('packet', (packet: Packet) => this.packets.push({ connection, direction: 'toClient', packet }));
    client.on('data', (chunk: Buffer) => {
      if (this.blackhole) return;
      toBroker.parse(chunk);
      broker.write(chunk);
    });
    broker.on('data', (chunk: Buffer) => {
      if (this.blackhole) return;
      toClient.parse(chunk);
      client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      broker.destroy();
      this.sockets.delete(client);
      this.sockets.delete(broker);
    };
    // In blackhole mode the broker giving up on the client must not reach the client either.
    const brokerGone = (): void => {
      if (this.blackhole) this.sockets.delete(broker);
      else end();
    };
    client.on('close', end);
    broker.on('close', brokerGone);
    client.on('error', end);
    broker.on('error', brokerGone);
  }
}
