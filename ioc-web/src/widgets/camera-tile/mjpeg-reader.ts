import { apiFetch } from '../../auth/api-fetch';
/**
 * Reads an MJPEG stream (`multipart/x-mixed-replace`) with fetch, frame by frame, so the tile
 * knows when each picture was taken (X-Frame-Time) and notices a stream that stalls or fails —
 * an <img> pointed at the stream would just freeze on its last frame.
 */
export interface MjpegFrame {
  headers: Record<string, string>;
  body: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('latin1');

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Splits multipart bytes into parts; a part without Content-Length ends at the next boundary. */
export class MjpegSplitter {
  private buffer = new Uint8Array(0);
  private readonly boundary: Uint8Array;
  private static readonly HEADER_END = encoder.encode('\r\n\r\n');

  constructor(boundary: string) {
    this.boundary = encoder.encode(`--${boundary.replace(/^--/, '')}`);
  }

  push(chunk: Uint8Array): MjpegFrame[] {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const frames: MjpegFrame[] = [];
    for (;;) {
      const start = indexOf(this.buffer, this.boundary);
      if (start < 0) break;
      const headerEnd = indexOf(this.buffer, MjpegSplitter.HEADER_END, start);
      if (headerEnd < 0) break;
      const headers: Record<string, string> = {};
      for (const line of decoder.decode(this.buffer.subarray(start, headerEnd)).split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const bodyStart = headerEnd + 4;
      const length = Number(headers['content-length']);
      let bodyEnd: number;
      let next: number;
      if (Number.isInteger(length) && length >= 0) {
        bodyEnd = bodyStart + length;
        if (this.buffer.length < bodyEnd) break;
        next = bodyEnd;
      } else {
        const boundaryAt = indexOf(this.buffer, this.boundary, bodyStart);
        if (boundaryAt < 0) break;
        // The CRLF before the next boundary belongs to the delimiter, not the picture.
        bodyEnd = boundaryAt >= 2 && this.buffer[boundaryAt - 2] === 13 && this.buffer[boundaryAt - 1] === 10 ? boundaryAt - 2 : boundaryAt;
        next = boundaryAt;
      }
      frames.push({ headers, body: this.buffer.slice(bodyStart, bodyEnd) });
      this.buffer = this.buffer.slice(next);
    }
    return frames;
  }
}

/** The boundary of a `multipart/x-mixed-replace; boundary=…` content type. */
export function boundaryOf(contentType: string | null): string | null {
  const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.trim() : null;
}

/** Streams `url`, calling `onFrame` for every JPEG; resolves when the stream ends, rejects on failure. */
export async function readMjpeg(url: string, signal: AbortSignal, onFrame: (frame: MjpegFrame) => void): Promise<void> {
  const response = await apiFetch(url, { signal, cache: 'no-store' });
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const boundary = boundaryOf(response.headers.get('content-type'));
  if (!boundary) throw new Error(`${url}: not a multipart stream`);
  const splitter = new MjpegSplitter(boundary);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const frame of splitter.push(value)) onFrame(frame);
    }
  } finally {
    reader.releaseLock();
  }
}
