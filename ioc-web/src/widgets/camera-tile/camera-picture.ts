import type { SourceWithState } from '@ioc/sdk';

export interface CameraPicture {
  streamUrl: string | null;
  snapshotUrl: string | null;
  /** Frames a second the stream promises (attribute `streamFps`; default 1). */
  fps: number;
}

const url = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** Where a camera source says its picture is (attributes `streamUrl`, `snapshotUrl`, `streamFps`). */
export function cameraPicture(source: Pick<SourceWithState, 'attributes'> | undefined): CameraPicture {
  const a = source?.attributes ?? {};
  const fps = typeof a.streamFps === 'number' && a.streamFps > 0 ? a.streamFps : 1;
  return { streamUrl: url(a.streamUrl), snapshotUrl: url(a.snapshotUrl), fps };
}

/** The camera shown now: the only one, or the list's, cycling every `cycleS` seconds. */
export function cameraAt(single: string, list: readonly string[], cycleS: number, nowMs: number): { id: string; index: number; count: number } {
  const ids = list.filter(Boolean);
  if (ids.length === 0) return { id: single, index: 0, count: single ? 1 : 0 };
  const index = Math.floor(nowMs / (Math.max(3, cycleS) * 1000)) % ids.length;
  return { id: ids[index]!, index, count: ids.length };
}

/**
 * A picture is stale when it is older than twice the interval it should arrive at: a stream's
 * frame interval, counted as at least 2 s (the tile's clock ticks each second and a busy network
 * or gateway delivers frames in bursts), or the snapshot refresh.
 */
export function isPictureStale(ageMs: number, mode: 'stream' | 'snapshot', fps: number, snapshotRefreshS: number): boolean {
  const expectedMs = mode === 'stream' ? Math.max(2000, 1000 / fps) : snapshotRefreshS * 1000;
  return ageMs > 2 * expectedMs;
}

/** When a frame was taken: X-Frame-Time, else Last-Modified, else when it arrived. */
export function frameTime(headers: { get(name: string): string | null } | Record<string, string>, receivedAt: number): number {
  const get = (name: string) => ('get' in headers && typeof headers.get === 'function' ? (headers.get as (n: string) => string | null)(name) : (headers as Record<string, string>)[name] ?? null);
  for (const name of ['x-frame-time', 'last-modified']) {
    const at = Date.parse(get(name) ?? '');
    if (Number.isFinite(at)) return at;
  }
  return receivedAt;
}

/** Seconds under a minute, then minutes: the age of a snapshot in words. */
export function ageParts(ageMs: number): { unit: 'seconds' | 'minutes'; n: number } {
  const s = Math.max(0, Math.round(ageMs / 1000));
  return s < 60 ? { unit: 'seconds', n: s } : { unit: 'minutes', n: Math.floor(s / 60) };
}
