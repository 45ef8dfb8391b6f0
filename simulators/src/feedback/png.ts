import { deflateSync } from 'node:zlib';

/**
 * A real, decodable PNG (8-bit RGB) drawn from a seed: a sky-to-ground gradient with a block in
 * the middle, a stand-in for a citizen's photo that any image viewer opens. No image library is
 * needed: PNG is a signature, chunks with a CRC-32, and zlib-compressed scanlines.
 */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

export function pngImage(width: number, height: number, seed = 1): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const hue = seed % 256;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const inBlock = x > width / 3 && x < (2 * width) / 3 && y > height / 2 && y < (5 * height) / 6;
      const p = row + 1 + x * 3;
      raw[p] = inBlock ? (hue * 7) & 0xff : (80 + (y * 120) / height) & 0xff;
      raw[p + 1] = inBlock ? (hue * 3) & 0xff : (140 - (y * 60) / height + (x * 40) / width) & 0xff;
      raw[p + 2] = inBlock ? hue : (220 - (y * 160) / height) & 0xff;
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}
