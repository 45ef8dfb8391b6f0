import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WallReadiness } from './readiness';

describe('WallReadiness', () => {
  beforeEach(() => vi.stubGlobal('window', {}));
  afterEach(() => vi.unstubAllGlobals());

  it('flips __iocReady only when every tile has drawn', () => {
    const readiness = new WallReadiness(['map', 'trend']);
    readiness.attach();
    expect(window.__iocReady).toBe(false);
    readiness.markReady('map');
    readiness.markReady('map');
    expect(window.__iocReady).toBe(false);
    readiness.markReady('trend');
    expect(window.__iocReady).toBe(true);
    expect(window.__iocTiles).toEqual({ map: true, trend: true });
  });

  it('keeps the state of tiles that stay when the tile set changes, new ones start unready', () => {
    const readiness = new WallReadiness(['map', 'trend']);
    readiness.attach();
    readiness.markReady('map');
    readiness.markReady('trend');
    readiness.setTiles(['map', 'pushed']);
    expect(window.__iocTiles).toEqual({ map: true, pushed: false });
    expect(window.__iocReady).toBe(false);
    readiness.markReady('pushed');
    expect(window.__iocReady).toBe(true);
  });

  it('ignores unknown tiles', () => {
    const readiness = new WallReadiness(['map']);
    readiness.attach();
    readiness.markReady('clock');
    expect(window.__iocReady).toBe(false);
  });

  it('leaves window alone until attached, so a discarded render cannot clobber the live tracker', () => {
    const live = new WallReadiness(['map']);
    live.attach();
    const discarded = new WallReadiness(['map', 'trend']);
    live.markReady('map');
    discarded.markReady('map');
    expect(window.__iocReady).toBe(true);
    expect(window.__iocTiles).toEqual({ map: true });
  });
});
