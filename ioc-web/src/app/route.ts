export type Route =
  | { kind: 'wall'; wallId: string }
  | { kind: 'oc-index' }
  | { kind: 'oc'; sector: string }
  | { kind: 'wall-console'; wallId: string }
  | { kind: 'tablet' }
  | { kind: 'incidents' }
  | { kind: 'admin' }
  | { kind: 'login' }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' };

export const DEFAULT_WALL_PATH = '/wall/main';

/**
 * The tiny router of the web app: `/wall/:id` (+ `/console`), `/oc`, `/oc/:sector`, `/tablet`,
 * `/incidents`, `/admin`, `/login`; `/` redirects to the main wall.
 */
export function resolveRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { kind: 'redirect', to: DEFAULT_WALL_PATH };
  if (path === '/oc') return { kind: 'oc-index' };
  if (path === '/tablet') return { kind: 'tablet' };
  if (path === '/incidents') return { kind: 'incidents' };
  if (path === '/admin') return { kind: 'admin' };
  if (path === '/login') return { kind: 'login' };
  const console = /^\/wall\/([^/]+)\/console$/.exec(path);
  if (console) return { kind: 'wall-console', wallId: decodeURIComponent(console[1]!) };
  const wall = /^\/wall\/([^/]+)$/.exec(path);
  if (wall) return { kind: 'wall', wallId: decodeURIComponent(wall[1]!) };
  const oc = /^\/oc\/([^/]+)$/.exec(path);
  if (oc) return { kind: 'oc', sector: decodeURIComponent(oc[1]!) };
  return { kind: 'not-found' };
}

/** `path` with the page's `?lang=` kept (a language is chosen once, for the whole visit). */
export function withLang(path: string, search: string): string {
  const lang = new URLSearchParams(search).get('lang');
  return lang ? `${path}?lang=${encodeURIComponent(lang)}` : path;
}

/** Moves to another page of the app without a reload (the app listens to popstate). */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
