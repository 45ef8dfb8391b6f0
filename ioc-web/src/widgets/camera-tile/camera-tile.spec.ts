import { describe, expect, it } from 'vitest';
import { ageParts, cameraAt, cameraPicture, frameTime, isPictureStale } from './camera-picture';
import { boundaryOf, MjpegSplitter } from './mjpeg-reader';

const enc = new TextEncoder();
const part = (body: number[], headers: string) => [...enc.encode(`--b1\r\n${headers}\r\n\r\n`), ...body, ...enc.encode('\r\n')];

describe('MjpegSplitter', () => {
  it('splits parts with Content-Length across any chunking', () => {
    const bytes = new Uint8Array([...part([0xff, 0xd8, 1, 0xff, 0xd9], 'Content-Type: image/jpeg\r\nContent-Length: 5\r\nX-Frame-Time: 2026-12-03T10:00:00.000Z'), ...part([0xff, 0xd8, 2, 2, 0xff, 0xd9], 'Content-Length: 6')]);
    const splitter = new MjpegSplitter('b1');
    const frames = [];
    for (let i = 0; i < bytes.length; i += 3) frames.push(...splitter.push(bytes.subarray(i, i + 3)));
    expect(frames.map((f) => [...f.body])).toEqual([[0xff, 0xd8, 1, 0xff, 0xd9], [0xff, 0xd8, 2, 2, 0xff, 0xd9]]);
    expect(frames[0]!.headers['x-frame-time']).toBe('2026-12-03T10:00:00.000Z');
  });

  it('splits parts without Content-Length at the next boundary', () => {
    const bytes = new Uint8Array([...part([7, 8, 9], 'Content-Type: image/jpeg'), ...part([1], 'Content-Type: image/jpeg')]);
    const frames = new MjpegSplitter('--b1').push(bytes);
    expect(frames.map((f) => [...f.body])).toEqual([[7, 8, 9]]);
  });

  it('reads the boundary of the content type', () => {
    expect(boundaryOf('multipart/x-mixed-replace; boundary=iocframe')).toBe('iocframe');
    expect(boundaryOf('multipart/x-mixed-replace;boundary="--myb"')).toBe('--myb');
    expect(boundaryOf('image/jpeg')).toBeNull();
  });
});

describe('camera picture', () => {
  it('reads the picture addresses of a camera source', () => {
    expect(cameraPicture({ attributes: { streamUrl: 'http://x/s.mjpeg', snapshotUrl: 'http://x/s.jpg', streamFps: 2 } })).toEqual({ streamUrl: 'http://x/s.mjpeg', snapshotUrl: 'http://x/s.jpg', fps: 2 });
    expect(cameraPicture({ attributes: {} })).toEqual({ streamUrl: null, snapshotUrl: null, fps: 1 });
    expect(cameraPicture(undefined).streamUrl).toBeNull();
  });

  it('cycles a list of cameras', () => {
    expect(cameraAt('a', [], 10, 0)).toEqual({ id: 'a', index: 0, count: 1 });
    expect(cameraAt('', ['x', 'y', 'z'], 10, 25_000)).toEqual({ id: 'z', index: 2, count: 3 });
    expect(cameraAt('', ['x', 'y'], 10, 30_000).id).toBe('y');
  });

  it('calls a picture stale past twice its interval', () => {
    expect(isPictureStale(3900, 'stream', 2, 5)).toBe(false);
    expect(isPictureStale(4100, 'stream', 2, 5)).toBe(true);
    expect(isPictureStale(9_000, 'stream', 0.2, 5)).toBe(false);
    expect(isPictureStale(10_100, 'stream', 0.2, 5)).toBe(true);
    expect(isPictureStale(9_000, 'snapshot', 2, 5)).toBe(false);
    expect(isPictureStale(11_000, 'snapshot', 2, 5)).toBe(true);
  });

  it('dates a frame by its headers, else by its arrival', () => {
    expect(frameTime({ 'x-frame-time': '2026-12-03T10:00:00.500Z' }, 1)).toBe(Date.parse('2026-12-03T10:00:00.500Z'));
    expect(frameTime(new Headers({ 'last-modified': 'Thu, 03 Dec 2026 10:00:00 GMT' }), 1)).toBe(Date.parse('2026-12-03T10:00:00Z'));
    expect(frameTime({}, 42)).toBe(42);
    expect(ageParts(12_400)).toEqual({ unit: 'seconds', n: 12 });
    expect(ageParts(185_000)).toEqual({ unit: 'minutes', n: 3 });
  });
});
