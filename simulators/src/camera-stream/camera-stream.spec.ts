import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProvinceModel } from '../model/province-model.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import { fontText, glyph, rasterizeText, textWidth } from './bitmap-font.js';
import { startCameraStreamServer, type CameraStreamServer } from './camera-stream-server.js';
import { MjpegParser, mjpegContentType, mjpegPart } from './mjpeg.js';
import { Raster } from './raster.js';
import { overlayTimestamp, renderFrame } from './scenes.js';

const model = buildProvinceModel({ seed: 1 });
const camera = (behaviour: string): ModelledSource => {
  const definition = model.sources.find((d) => d.kind === 'camera' && model.profiles[d.id]?.behaviour === behaviour)!;
  return { definition, profile: model.profiles[definition.id]! };
};
const traffic = camera('traffic-camera');
const security = camera('security-camera');
/** 10:00 local on a weekday: daylight, traffic. */
const MORNING = Date.parse('2026-12-03T03:00:00Z');

const diffShare = (a: Uint8Array, b: Uint8Array) => {
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 30) differing++;
  return differing / (a.length / 4);
};

describe('bitmap font', () => {
  it('folds Vietnamese to the ASCII it can draw and measures text', () => {
    expect(fontText('Đồng Xoài – số 2')).toBe('DONG XOAI – SO 2');
    expect(textWidth('AB')).toBe(11);
    expect(textWidth('AB', 2)).toBe(22);
    expect(textWidth('')).toBe(0);
    expect(glyph('€')).toEqual(glyph('?'));
  });

  it('lights the pixels of a glyph', () => {
    const lit: string[] = [];
    rasterizeText('1', 0, 0, 1, (x, y) => lit.push(`${x},${y}`));
    // "1": a centred stem with a foot.
    expect(lit).toContain('2,0');
    expect(lit).toContain('2,3');
    expect(lit).toEqual(expect.arrayContaining(['1,6', '2,6', '3,6']));
    expect(lit).not.toContain('0,0');
  });

  it('draws text into a raster', () => {
    const r = new Raster(20, 10);
    r.fillRect(0, 0, 20, 10, [0, 0, 0]);
    r.text('1', 0, 0, [255, 255, 255]);
    expect(r.pixel(2, 0)).toEqual([255, 255, 255]);
    expect(r.pixel(0, 0)).toEqual([0, 0, 0]);
  });
});

describe('camera pictures', () => {
  it('stamps the local time of Asia/Ho_Chi_Minh', () => {
    expect(overlayTimestamp(Date.parse('2026-12-03T17:05:09Z'))).toBe('04/12/2026 00:05:09');
  });

  it('moves: two frames a second apart differ, the same instant draws the same picture', () => {
    for (const cam of [traffic, security]) {
      const a = renderFrame({ camera: cam, atMs: MORNING, width: 480, height: 270, events: [] });
      const b = renderFrame({ camera: cam, atMs: MORNING + 1000, width: 480, height: 270, events: [] });
      const again = renderFrame({ camera: cam, atMs: MORNING, width: 480, height: 270, events: [] });
      expect(diffShare(a.data, b.data), cam.definition.id).toBeGreaterThan(0.002);
      expect(diffShare(a.data, again.data)).toBe(0);
    }
  });

  it('draws a detection box while an event is recent, and not after', () => {
    const event = { type: 'speeding', atMs: MORNING - 1000, fields: { plate: '93A-123.45', speedKmh: 97, speedLimitKmh: 80, confidence: 0.9 } };
    const plain = renderFrame({ camera: traffic, atMs: MORNING, width: 480, height: 270, events: [] });
    const detected = renderFrame({ camera: traffic, atMs: MORNING, width: 480, height: 270, events: [event] });
    const red = (r: Raster) => {
      let n = 0;
      for (let i = 0; i < r.data.length; i += 4) if (r.data[i]! > 200 && r.data[i + 1]! < 90 && r.data[i + 2]! < 90) n++;
      return n;
    };
    expect(red(detected)).toBeGreaterThan(red(plain) + 200);
    const later = renderFrame({ camera: traffic, atMs: MORNING + 60_000, width: 480, height: 270, events: [event] });
    const laterPlain = renderFrame({ camera: traffic, atMs: MORNING + 60_000, width: 480, height: 270, events: [] });
    expect(diffShare(later.data, laterPlain.data)).toBe(0);
  });

  it('is darker at night', () => {
    const mean = (r: Raster) => {
      let s = 0;
      for (let i = 0; i < r.data.length; i += 4) s += r.data[i]! + r.data[i + 1]! + r.data[i + 2]!;
      return s / (r.data.length / 4);
    };
    const day = renderFrame({ camera: security, atMs: MORNING, width: 240, height: 135, events: [] });
    const night = renderFrame({ camera: security, atMs: MORNING + 14 * 3_600_000, width: 240, height: 135, events: [] });
    expect(mean(night)).toBeLessThan(mean(day) * 0.7);
  });
});

describe('MJPEG framing', () => {
  it('writes parts a parser splits back, however the bytes are chunked', () => {
    const one = Buffer.from([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
    const two = Buffer.from([0xff, 0xd8, 9, 0xff, 0xd9]);
    const stream = Buffer.concat([mjpegPart(one, 1000), mjpegPart(two, 1500)]);
    expect(stream.subarray(0, 12).toString()).toBe('--iocframe\r\n');
    expect(mjpegContentType()).toBe('multipart/x-mixed-replace; boundary=iocframe');
    const parser = new MjpegParser();
    const frames = [];
    for (let i = 0; i < stream.length; i += 7) frames.push(...parser.push(stream.subarray(i, i + 7)));
    expect(frames.map((f) => [...f.body])).toEqual([[...one], [...two]]);
    expect(frames[1]!.headers['x-frame-time']).toBe('1970-01-01T00:00:01.500Z');
    expect(frames[0]!.headers['content-type']).toBe('image/jpeg');
  });
});

describe('camera stream server', () => {
  let server: CameraStreamServer;
  const id = traffic.definition.id;

  beforeAll(async () => {
    server = await startCameraStreamServer({ model, fps: 4, maxClients: 2 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('puts the picture URLs into the cameras attributes and nowhere else', () => {
    const defs = server.withStreamAttributes(model.sources);
    const cam = defs.find((d) => d.id === id)!;
    expect(cam.attributes).toMatchObject({ streamUrl: `${server.baseUrl}/cameras/${id}/stream.mjpeg`, snapshotUrl: `${server.baseUrl}/cameras/${id}/snapshot.jpg`, siteName: expect.any(String) });
    const notCamera = defs.find((d) => d.kind !== 'camera')!;
    expect(notCamera.attributes?.streamUrl).toBeUndefined();
  });

  it('streams JPEG frames that decode and move', async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.baseUrl}/cameras/${id}/stream.mjpeg`, { signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(mjpegContentType());
    const parser = new MjpegParser();
    const frames = [];
    const reader = response.body!.getReader();
    while (frames.length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      frames.push(...parser.push(value));
    }
    abort.abort();
    expect(frames.length).toBeGreaterThanOrEqual(3);
    const images = frames.slice(0, 3).map((f) => jpeg.decode(f.body, { useTArray: true }));
    for (const image of images) expect([image.width, image.height]).toEqual([480, 270]);
    const times = frames.map((f) => Date.parse(f.headers['x-frame-time']!));
    expect(times[1]! - times[0]!).toBeGreaterThan(0);
    expect(diffShare(images[0]!.data, images[2]!.data)).toBeGreaterThan(0.001);
  });

  it('answers a snapshot with its frame time, 404 for an unknown camera, 503 past the viewer cap', async () => {
    const snap = await fetch(`${server.baseUrl}/cameras/${id}/snapshot.jpg`);
    expect(snap.status).toBe(200);
    expect(snap.headers.get('content-type')).toBe('image/jpeg');
    const frameTime = Date.parse(snap.headers.get('x-frame-time')!);
    expect(Math.abs(Date.now() - frameTime)).toBeLessThan(2000);
    expect(snap.headers.get('last-modified')).toBe(new Date(frameTime).toUTCString());
    const image = jpeg.decode(new Uint8Array(await snap.arrayBuffer()));
    expect(image.width).toBe(480);
    expect((await fetch(`${server.baseUrl}/cameras/nope/snapshot.jpg`)).status).toBe(404);

    const aborts = [new AbortController(), new AbortController()];
    await Promise.all(aborts.map((a) => fetch(`${server.baseUrl}/cameras/${id}/stream.mjpeg`, { signal: a.signal })));
    const third = await fetch(`${server.baseUrl}/cameras/${id}/stream.mjpeg`);
    expect(third.status).toBe(503);
    for (const a of aborts) a.abort();
  });

  it('encodes a camera once per tick however many watch, and only cameras someone asks for', async () => {
    // A stopped clock: every request falls in the same tick.
    const still = await startCameraStreamServer({ model, now: () => MORNING });
    try {
      expect(still.stats().encoded).toBe(0);
      const snaps = await Promise.all([1, 2, 3, 4].map(() => fetch(`${still.baseUrl}/cameras/${security.definition.id}/snapshot.jpg`).then((r) => r.arrayBuffer())));
      expect(new Set(snaps.map((b) => Buffer.from(b).toString('base64'))).size).toBe(1);
      expect(still.stats().encoded).toBe(1);
    } finally {
      await still.close();
    }
  });
});
