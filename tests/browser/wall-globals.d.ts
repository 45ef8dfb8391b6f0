// Readiness flags and probes the wall page exposes (ioc-web/src/wall/readiness.ts), as seen from tests.
declare global {
  interface Window {
    __iocReady?: boolean;
    __iocTiles?: Record<string, boolean>;
    __iocDebug?: Record<string, unknown>;
  }
}
export {};
