import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceDefinition } from '@ioc/sdk';
import jpeg from 'jpeg-js';
import type { ProvinceModel } from '../model/province-model.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import type { Log } from '../publish/mqtt-connection.js';
import { mjpegContentType, mjpegPart } from './mjpeg.js';
import { renderFrame, type SeenEvent } from './scenes.js';

export interface CameraStreamOptions {
  /** The province model; its sources of kind `camera` get a picture. */
  model: Pick<ProvinceModel, 'sources' | 'profiles'>;
  /** Port to listen on (default 0: a free one). */
  port?: number;
  /** Interface to listen on (default 0.0.0.0, so a wall on another machine can reach it). */
  host?: string;
  /** URL the web reaches this server at, written into the cameras' attributes (default http://127.0.0.1:{port}). */
  baseUrl?: string;
  /** Frames a second of the MJPEG streams (default 2). */
  fps?: number;
  width?: number;
  height?: number;
  /** JPEG quality 1–100 (default 70). */
  quality?: number;
  /** Simultaneous MJPEG viewers over all cameras (default 32); more get 503. */
  maxClients?: number;
  now?: () => number;
  log?: Log;
}

export interface CameraStreamServer {
  readonly baseUrl: string;
  readonly port: number;
  /** A camera's analytics event, drawn as a detection on its picture for a few seconds. */
  noteEvent(sourceId: string, event: SeenEvent): void;
  /** The definitions with `streamUrl` / `snapshotUrl` added to every camera's attributes. */
  withStreamAttributes(definitions: readonly SourceDefinition[]): SourceDefinition[];
  /** Counters for tests and logs. */
  stats(): { encoded: number; clients: number };
  close(): Promise<void>;
}

interface CachedFrame {
  tick: number;
  atMs: number;
  jpeg: Buffer;
}

interface StreamClient {
  camera: string;
  res: http.ServerResponse;
  /** The client has not taken the last frame yet: skip frames rather than queue them. */
  congested: boolean;
  /** Tick of the last frame sent. */
  lastTick: number;
}

const ROUTE = /^\/cameras\/([^/]+)\/(stream\.mjpeg|snapshot\.jpg)$/;
const EVENTS_KEPT_MS = 30_000;

/**
 * Serves a generated moving picture for every simulated camera: `GET /cameras/{id}/stream.mjpeg`
 * (multipart/x-mixed-replace, `fps` frames a second) and `GET /cameras/{id}/snapshot.jpg` (the
 * current frame, with Last-Modified and X-Frame-Time). A frame is drawn and encoded only when
 * someone watches, at most once per tick per camera however many watch; viewers are capped. A
 * real deployment points the same source attributes at its RTSP→MJPEG/HLS gateway instead.
 */
export async function startCameraStreamServer(options: CameraStreamOptions): Promise<CameraStreamServer> {
  const cameras = new Map<string, ModelledSource>(
    options.model.sources.filter((d) => d.kind === 'camera' && options.model.profiles[d.id]).map((d) => [d.id, { definition: d, profile: options.model.profiles[d.id]! }]),
  );
  const fps = Math.min(10, Math.max(0.2, options.fps ?? 2));
  const frameMs = Math.round(1000 / fps);
  const width = options.width ?? 480;
  const height = options.height ?? 270;
  const quality = options.quality ?? 70;
  const maxClients = options.maxClients ?? 32;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const cache = new Map<string, CachedFrame>();
  const events = new Map<string, SeenEvent[]>();
  const clients = new Set<StreamClient>();
  let encoded = 0;

  const frameOf = (id: string): CachedFrame => {
    const at = now();
    const tick = Math.floor(at / frameMs);
    const cached = cache.get(id);
    if (cached && cached.tick === tick) return cached;
    const atMs = tick * frameMs;
    const raster = renderFrame({ camera: cameras.get(id)!, atMs, width, height, events: events.get(id) ?? [] });
    const frame = { tick, atMs, jpeg: jpeg.encode({ data: raster.data, width, height }, quality).data };
    encoded++;
    cache.set(id, frame);
    return frame;
  };

  const send = (client: StreamClient) => {
    if (client.congested) return;
    const frame = frameOf(client.camera);
    // The timer's phase is not the tick's: never send a viewer the same frame twice.
    if (frame.tick <= client.lastTick) return;
    client.lastTick = frame.tick;
    const ok = client.res.write(mjpegPart(frame.jpeg, frame.atMs));
    if (!ok) {
      client.congested = true;
      client.res.once('drain', () => (client.congested = false));
    }
  };

  // One clock for every viewer: each tick, each watched camera is encoded once.
  const timer = setInterval(() => {
    for (const client of clients) send(client);
    // Frames of cameras nobody watches any more are dropped.
    const watched = new Set([...clients].map((c) => c.camera));
    for (const id of cache.keys()) if (!watched.has(id) && now() - cache.get(id)!.atMs > 10_000) cache.delete(id);
  }, frameMs);
  timer.unref();

  const common = {
    'cache-control': 'no-cache, no-store, must-revalidate',
    'access-control-allow-origin': '*',
    'access-control-expose-headers': 'Last-Modified, X-Frame-Time',
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://camera');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...common, 'access-control-allow-methods': 'GET, HEAD' }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    if (url.pathname === '/cameras') {
      const items = [...cameras.keys()].map((id) => ({ id, streamUrl: streamUrl(id), snapshotUrl: snapshotUrl(id) }));
      res.writeHead(200, { ...common, 'content-type': 'application/json' }).end(JSON.stringify({ items }));
      return;
    }
    const match = ROUTE.exec(url.pathname);
    const id = match ? decodeURIComponent(match[1]!) : '';
    if (!match || !cameras.has(id)) {
      res.writeHead(404, { ...common, 'content-type': 'text/plain' }).end(match ? `no camera ${id}` : 'not found');
      return;
    }
    if (match[2] === 'snapshot.jpg') {
      const frame = frameOf(id);
      res.writeHead(200, {
        ...common,
        'content-type': 'image/jpeg',
        'content-length': frame.jpeg.length,
        'last-modified': new Date(frame.atMs).toUTCString(),
        'x-frame-time': new Date(frame.atMs).toISOString(),
      });
      res.end(req.method === 'HEAD' ? undefined : frame.jpeg);
      return;
    }
    if (clients.size >= maxClients) {
      res.writeHead(503, { ...common, 'retry-after': '10', 'content-type': 'text/plain' }).end(`at most ${maxClients} viewers`);
      return;
    }
    res.writeHead(200, { ...common, 'content-type': mjpegContentType(), connection: 'close', pragma: 'no-cache' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const client: StreamClient = { camera: id, res, congested: false, lastTick: -1 };
    clients.add(client);
    res.on('close', () => clients.delete(client));
    send(client);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = (options.baseUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  const streamUrl = (id: string) => `${baseUrl}/cameras/${encodeURIComponent(id)}/stream.mjpeg`;
  const snapshotUrl = (id: string) => `${baseUrl}/cameras/${encodeURIComponent(id)}/snapshot.jpg`;
  log(`ioc-sim: camera pictures for ${cameras.size} cameras at ${baseUrl}/cameras/{id}/stream.mjpeg (${fps} fps, ${width}×${height}) and …/snapshot.jpg`);

  return {
    baseUrl,
    port,
    noteEvent(sourceId, event) {
      if (!cameras.has(sourceId)) return;
      const kept = (events.get(sourceId) ?? []).filter((e) => event.atMs - e.atMs < EVENTS_KEPT_MS);
      kept.push(event);
      events.set(sourceId, kept.slice(-4));
    },
    withStreamAttributes(definitions) {
      return definitions.map((d) =>
        cameras.has(d.id) ? { ...d, attributes: { ...d.attributes, streamUrl: streamUrl(d.id), snapshotUrl: snapshotUrl(d.id), streamFps: fps } } : d,
      );
    },
    stats: () => ({ encoded, clients: clients.size }),
    async close() {
      clearInterval(timer);
      for (const client of clients) client.res.destroy();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
