/** Where the tablet's service worker lives and what it controls: /tablet only, never the wall. */
export const TABLET_SW_URL = '/tablet-sw.js';
export const TABLET_SW_SCOPE = '/tablet';

/** Same-origin files this page loaded that the offline shell needs (the hashed JS/CSS chunks, icons). */
export function shellUrls(entries: ReadonlyArray<{ name: string }>, origin: string): string[] {
  const out = new Set<string>([TABLET_SW_SCOPE]);
  for (const e of entries) {
    let u: URL;
    try {
      u = new URL(e.name);
    } catch {
      continue;
    }
    if (u.origin !== origin) continue;
    if (u.pathname.startsWith('/assets/') || u.pathname === '/favicon.svg') out.add(u.pathname);
  }
  return [...out];
}

/**
 * Registers the tablet's service worker and hands it the files of this page to keep, so that a
 * reload without network still opens the tablet. Resolves true once they are cached.
 */
export async function registerTabletServiceWorker(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  try {
    await navigator.serviceWorker.register(TABLET_SW_URL, { scope: TABLET_SW_SCOPE });
    const reg = await navigator.serviceWorker.ready;
    const worker = reg.active;
    if (!worker) return false;
    const urls = shellUrls(performance.getEntriesByType('resource'), window.location.origin);
    return await new Promise<boolean>((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(false), 20_000);
      channel.port1.onmessage = (e: MessageEvent<{ cached?: number }>) => {
        clearTimeout(timer);
        resolve(typeof e.data?.cached === 'number');
      };
      worker.postMessage({ type: 'precache', urls }, [channel.port2]);
    });
  } catch {
    return false;
  }
}
