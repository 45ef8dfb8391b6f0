/**
 * MJPEG over HTTP (`multipart/x-mixed-replace`), as IP cameras and RTSP→MJPEG gateways serve it:
 * each part is one JPEG with its own headers. The parser is what a test (or a client that wants
 * each frame's time) reads a stream with.
 */
export const MJPEG_BOUNDARY = 'iocframe';

export function mjpegContentType(boundary = MJPEG_BOUNDARY): string {
  return `multipart/x-mixed-replace; boundary=${boundary}`;
}

/** One part: boundary line, headers, blank line, the JPEG bytes, CRLF. */
export function mjpegPart(jpeg: Uint8Array, frameTimeMs: number, boundary = MJPEG_BOUNDARY): Buffer {
  const head = `--${boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\nX-Frame-Time: ${new Date(frameTimeMs).toISOString()}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), jpeg, Buffer.from('\r\n', 'latin1')]);
}

export interface MjpegFrame {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Splits a multipart stream into frames as bytes arrive. Parts must carry Content-Length (every
 * part this server writes does); bytes before the first boundary are skipped.
 */
export class MjpegParser {
  private buffer = Buffer.alloc(0);

  constructor(private readonly boundary = MJPEG_BOUNDARY) {}

  push(chunk: Uint8Array): MjpegFrame[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: MjpegFrame[] = [];
    for (;;) {
      const start = this.buffer.indexOf(`--${this.boundary}`);
      if (start < 0) break;
      const headerEnd = this.buffer.indexOf('\r\n\r\n', start);
      if (headerEnd < 0) break;
      const headerLines = this.buffer.subarray(start, headerEnd).toString('latin1').split('\r\n').slice(1);
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length) || length < 0) throw new Error('MJPEG part without a Content-Length');
      const bodyStart = headerEnd + 4;
      if (this.buffer.length < bodyStart + length) break;
      frames.push({ headers, body: Buffer.from(this.buffer.subarray(bodyStart, bodyStart + length)) });
      this.buffer = this.buffer.subarray(bodyStart + length);
    }
    return frames;
  }
}
