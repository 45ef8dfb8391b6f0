export type Route = { kind: 'wall'; wallId: string } | { kind: 'redirect'; to: string } | { kind: 'not-found' };

export const DEFAULT_WALL_PATH = '/wall/main';

/** The tiny router of the wall app: `/wall/:id`, and `/` redirects to the main wall. */
export function resolveRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { kind: 'redirect', to: DEFAULT_WALL_PATH };
  const wall = /^\/wall\/([^/]+)$/.exec(path);
  if (wall) return { kind: 'wall', wallId: decodeURIComponent(wall[1]!) };
  return { kind: 'not-found' };
}
