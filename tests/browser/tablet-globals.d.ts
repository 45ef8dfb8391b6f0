// What the tablet page exposes for its browser test (ioc-web/src/tablet/TabletPage.tsx).
declare global {
  interface Window {
    __tablet?: { regionId: string; source: 'network' | 'stored'; fetchedAt: number; swReady: boolean };
  }
}
export {};
