import { describe, expect, it } from 'vitest';
import { pngImage } from '@ioc/simulators';
import { checkPhotos, sniffImage } from './photos.js';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const limits = { maxCount: 2, maxBytes: 4096 };

describe('photo checks', () => {
  it('knows JPEG, PNG and WebP by their first bytes, nothing else', () => {
    expect(sniffImage(jpeg)).toBe('image/jpeg');
    expect(sniffImage(pngImage(4, 4))).toBe('image/png');
    expect(sniffImage(webp)).toBe('image/webp');
    expect(sniffImage(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffImage(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImage(new Uint8Array(0))).toBeUndefined();
  });

  it('takes good photos with their sniffed type (image/jpg and octet-stream declarations are fine)', () => {
    const r = checkPhotos([{ field: 'photos[0]', declaredType: 'image/jpg', data: jpeg }, { field: 'photos[1]', declaredType: 'application/octet-stream', data: webp }], limits);
    expect(r).toEqual({ ok: true, photos: [{ contentType: 'image/jpeg', data: jpeg }, { contentType: 'image/webp', data: webp }] });
  });

  it('names the photo that is too large, of the wrong type, mislabelled or empty; counts first', () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(5000)]);
    expect(checkPhotos([{ field: 'photos[0]', data: jpeg }, { field: 'photos[1]', data: big }], limits)).toMatchObject({ ok: false, problem: { status: 413, field: 'photos[1]' } });
    expect(checkPhotos([1, 2, 3].map((i) => ({ field: `photos[${i}]`, data: jpeg })), limits)).toMatchObject({ ok: false, problem: { status: 413, field: 'photos' } });
    expect(checkPhotos([{ field: 'photos[0]', declaredType: 'image/gif', data: Buffer.from('GIF89a....') }], limits)).toMatchObject({ ok: false, problem: { status: 415, field: 'photos[0]' } });
    expect(checkPhotos([{ field: 'photos[0]', declaredType: 'image/png', data: jpeg }], limits)).toMatchObject({ ok: false, problem: { status: 415, field: 'photos[0]', problem: expect.stringContaining('image/jpeg') } });
    expect(checkPhotos([{ field: 'photos[0]', data: new Uint8Array(0) }], limits)).toMatchObject({ ok: false, problem: { status: 422 } });
  });
});
