declare global {
  interface Window {
    /** True once every tile of the wall has drawn its data (browser tests wait on it). */
    __iocReady?: boolean;
    /** Per-tile readiness, to tell which tile holds the wall back. */
    __iocTiles?: Record<string, boolean>;
    /** Read-only probes for browser tests (e.g. projecting lon/lat to page pixels). */
    __iocDebug?: Record<string, unknown>;
  }
}

/**
 * Tracks which tiles have drawn and flips `window.__iocReady` when all have. Only an attached
 * tracker writes to `window`, so a render React throws away (StrictMode) cannot clobber it.
 */
export class WallReadiness {
  private tiles: Record<string, boolean>;
  private attached = false;

  constructor(tileIds: string[]) {
    this.tiles = Object.fromEntries(tileIds.map((id) => [id, false]));
  }

  /** Publishes this tracker on `window`; returns the detach function for an effect cleanup. */
  attach(): () => void {
    this.attached = true;
    this.publish();
    return () => {
      this.attached = false;
      if (window.__iocTiles === this.tiles) {
        window.__iocReady = false;
        delete window.__iocTiles;
      }
    };
  }

  /**
   * The wall now shows these tiles (a scene turned, the console pushed something): tiles that stay
   * keep their state — their widgets drew already and will not report again — new ones start unready.
   */
  setTiles(tileIds: string[]): void {
    const next = Object.fromEntries(tileIds.map((id) => [id, this.tiles[id] ?? false]));
    this.tiles = next;
    this.publish();
  }

  markReady(tileId: string): void {
    if (this.tiles[tileId] !== false) return;
    this.tiles[tileId] = true;
    this.publish();
  }

  private publish(): void {
    if (!this.attached) return;
    window.__iocTiles = this.tiles;
    window.__iocReady = Object.values(this.tiles).every(Boolean);
    // Page-load figures for tools and tests: the first tile that drew its data (first meaningful
    // paint) and the moment every tile had (performance.getEntriesByName('ioc:…')).
    if (Object.values(this.tiles).some(Boolean)) markOnce('ioc:first-tile');
    if (window.__iocReady && Object.keys(this.tiles).length > 0) markOnce('ioc:ready');
  }
}

export function exposeDebugProbe(name: string, probe: unknown): () => void {
  const debug = (window.__iocDebug ??= {});
  debug[name] = probe;
  return () => {
    if (debug[name] === probe) delete debug[name];
  };
}

function markOnce(name: string): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}
