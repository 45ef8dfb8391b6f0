/**
 * Photo checks of a field report. The declared content type comes from the citizen's phone or a
 * browser and proves nothing, so the type is read from the file's first bytes (magic numbers);
 * a declared type that disagrees is refused too, since it says the client is confused.
 */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface PhotoLimits {
  /** Most photos one report may carry. */
  maxCount: number;
  /** Most bytes of one photo. */
  maxBytes: number;
}

export interface IncomingPhoto {
  /** Where it came from in the request, for the problem's `field` (e.g. `photos[1]`). */
  field: string;
  declaredType?: string;
  data: Uint8Array;
}

export interface CheckedPhoto {
  contentType: PhotoType;
  data: Uint8Array;
}

/** A photo problem: 413 when too large or too many, 415/422 by kind. */
export interface PhotoProblem {
  status: 413 | 415 | 422;
  field: string;
  problem: string;
}

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** The image type the bytes are, by their signature; undefined for anything else. */
export function sniffImage(b: Uint8Array): PhotoType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

const normal = (t: string | undefined) => (t ?? '').split(';')[0]!.trim().toLowerCase().replace('image/jpg', 'image/jpeg');

/** Checks count, size and type of every photo; the first problem found, or the checked photos. */
export function checkPhotos(photos: IncomingPhoto[], limits: PhotoLimits): { ok: true; photos: CheckedPhoto[] } | { ok: false; problem: PhotoProblem } {
  if (photos.length > limits.maxCount) return { ok: false, problem: { status: 413, field: 'photos', problem: `carries ${photos.length} photos; at most ${limits.maxCount} are allowed` } };
  const out: CheckedPhoto[] = [];
  for (const p of photos) {
    if (p.data.byteLength === 0) return { ok: false, problem: { status: 422, field: p.field, problem: 'is empty' } };
    if (p.data.byteLength > limits.maxBytes) return { ok: false, problem: { status: 413, field: p.field, problem: `is ${p.data.byteLength} bytes; at most ${limits.maxBytes} are allowed` } };
    const sniffed = sniffImage(p.data);
    if (!sniffed) return { ok: false, problem: { status: 415, field: p.field, problem: `is not a JPEG, PNG or WebP image (by its content${p.declaredType ? `; declared ${normal(p.declaredType)}` : ''})` } };
    const declared = normal(p.declaredType);
    if (declared && declared !== 'application/octet-stream' && declared !== sniffed) {
      return { ok: false, problem: { status: 415, field: p.field, problem: `is declared ${declared} but its content is ${sniffed}` } };
    }
    out.push({ contentType: sniffed, data: p.data });
  }
  return { ok: true, photos: out };
}
