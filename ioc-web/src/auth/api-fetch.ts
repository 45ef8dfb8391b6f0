import { session as defaultSession, type Session } from './session';

/**
 * The one fetch of the web app for the API. Adds `Authorization: Bearer <token>` to same-origin
 * requests (never to another origin, e.g. a camera gateway); on 401 refreshes once and retries;
 * if still 401, sends the page to `/login?next=<current path>`. A 403 is returned as is (the
 * caller shows it) and announced once to `onForbidden` listeners, never looping to the login.
 */
export interface ApiFetchDeps {
  session: Session;
  fetch: typeof fetch;
  /** Where the page goes when the session is gone. */
  redirect: (to: string) => void;
  /** Current path + search of the page (for `next`). */
  here: () => string;
  origin: () => string | null;
}

type ForbiddenListener = (url: string) => void;
const forbiddenListeners = new Set<ForbiddenListener>();

/** Called with the URL of every 403 answer (the app shows a "Không có quyền" notice). */
export function onForbidden(listener: ForbiddenListener): () => void {
  forbiddenListeners.add(listener);
  return () => forbiddenListeners.delete(listener);
}

/** Same-origin relative paths only (`/x`, not `//host` or `/\host`); anything else is the default. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f]/.test(next)) return fallback;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return fallback;
  return next;
}

export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(safeNext(next))}`;
}

function browserDeps(): ApiFetchDeps {
  return {
    session: defaultSession,
    fetch: (input, init) => globalThis.fetch(input, init),
    redirect: (to) => window.location.assign(to),
    here: () => `${window.location.pathname}${window.location.search}`,
    origin: () => (typeof window === 'undefined' ? null : window.location.origin),
  };
}

function isSameOrigin(input: RequestInfo | URL, origin: string | null): boolean {
  const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (raw.startsWith('/') && !raw.startsWith('//')) return true;
  if (!origin) return false;
  try {
    return new URL(raw, origin).origin === origin;
  } catch {
    return false;
  }
}

function withToken(init: RequestInit | undefined, token: string | null): RequestInit {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

export interface ApiFetchOptions {
  /** Do not send the page to /login on a lasting 401 (health probes, background checks). */
  noRedirect?: boolean;
}

export function createApiFetch(deps: Partial<ApiFetchDeps> = {}) {
  const d = (): ApiFetchDeps => ({ ...browserDeps(), ...deps });
  let redirecting = false;
  return async function apiFetch(input: RequestInfo | URL, init?: RequestInit, options: ApiFetchOptions = {}): Promise<Response> {
    const { session, fetch: doFetch, redirect, here, origin } = d();
    if (!isSameOrigin(input, origin())) return doFetch(input, init);
    // The first requests of a page wait for the start-up refresh instead of going out bare.
    await session.ready();
    const sent = session.token;
    let response = await doFetch(input, withToken(init, sent));
    if (response.status === 401) {
      // Another caller may have refreshed meanwhile; else refresh (shared, one in flight).
      const fresh = session.token !== sent && session.token !== null ? true : await session.refresh();
      if (fresh && session.token) response = await doFetch(input, withToken(init, session.token));
      if (response.status === 401 && !options.noRedirect && !redirecting) {
        redirecting = true;
        redirect(loginPath(here()));
      }
    } else if (response.status === 403) {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      for (const listener of forbiddenListeners) listener(url);
    }
    return response;
  };
}

/** The page's API fetch (see createApiFetch). */
export const apiFetch = createApiFetch();
