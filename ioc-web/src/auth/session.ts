/**
 * The signed-in session of the web app. The access token lives in memory only; the refresh token
 * is the httpOnly `ioc_refresh` cookie (Path=/api/v1/auth), so a reload (kiosk, tablet) signs in
 * again with one `POST /api/v1/auth/refresh`. The token is renewed ~60 s before it expires, and
 * concurrent callers share one refresh in flight. Without a session the app still calls the API
 * (AUTH_MODE=open serves it) and goes to /login only when the API answers 401 (api-fetch.ts).
 */

export interface SessionBinding {
  role: string;
  scope: { regions: string[]; sectors?: string[]; unitId?: string };
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  bindings: SessionBinding[];
}

interface TokenBody {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  user: SessionUser;
}

export type LoginResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'invalid' | 'locked' | 'throttled' | 'unavailable'; retryAfterSeconds: number | null; detail: string | null };

export interface AuthConfig {
  local: boolean;
  oidc: { enabled: boolean; loginUrl?: string };
}

export interface SessionOptions {
  fetch?: typeof fetch;
  now?: () => number;
  setTimer?: (action: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Renew this long before the token expires. */
  refreshAheadMs?: number;
}

export const AUTH_ROOT = '/api/v1/auth';

export class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private currentUser: SessionUser | null = null;
  private inFlight: Promise<boolean> | null = null;
  private started: Promise<boolean> | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<() => void>();
  private readonly doFetch: typeof fetch;
  private readonly now: () => number;
  private readonly setTimer: (action: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly refreshAheadMs: number;

  constructor(options: SessionOptions = {}) {
    // Bound late: tests stub globalThis.fetch after the module loads.
    this.doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? (() => Date.now());
    this.setTimer = options.setTimer ?? ((action, ms) => setTimeout(action, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.refreshAheadMs = options.refreshAheadMs ?? 60_000;
  }

  /** The access token, or null when signed out (or the token already expired). */
  get token(): string | null {
    if (this.accessToken && this.now() >= this.expiresAt) return null;
    return this.accessToken;
  }

  get user(): SessionUser | null {
    return this.currentUser;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** On app start: one refresh through the cookie. Later calls return the same promise. */
  start(): Promise<boolean> {
    this.started ??= this.refresh();
    return this.started;
  }

  /** Resolves once the start-up refresh answered (immediately if `start` was never called). */
  async ready(): Promise<void> {
    if (this.started) await this.started;
  }

  /** `POST /auth/refresh` with the cookie; true when a new token came. One in flight at a time. */
  refresh(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    const run = (async () => {
      try {
        const response = await this.doFetch(`${AUTH_ROOT}/refresh`, { method: 'POST', credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
        if (!response.ok) {
          this.clear();
          return false;
        }
        this.accept((await response.json()) as TokenBody);
        return true;
      } catch {
        // Network down: keep what we have (it may still be valid); the next call retries.
        return this.token !== null;
      }
    })();
    this.inFlight = run;
    void run.finally(() => {
      if (this.inFlight === run) this.inFlight = null;
    });
    return run;
  }

  async login(username: string, password: string): Promise<LoginResult> {
    let response: Response;
    try {
      response = await this.doFetch(`${AUTH_ROOT}/login`, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      return { ok: false, reason: 'unavailable', retryAfterSeconds: null, detail: null };
    }
    if (response.ok) {
      const body = (await response.json()) as TokenBody;
      this.accept(body);
      this.started ??= Promise.resolve(true);
      return { ok: true, user: body.user };
    }
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    const detail = problem?.detail ?? problem?.title ?? null;
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), this.now());
    const reason = response.status === 401 ? 'invalid' : response.status === 423 ? 'locked' : response.status === 429 ? 'throttled' : 'unavailable';
    return { ok: false, reason, retryAfterSeconds, detail };
  }

  async logout(): Promise<void> {
    const token = this.token;
    this.clear();
    try {
      await this.doFetch(`${AUTH_ROOT}/logout`, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      /* signed out locally anyway */
    }
  }

  /** `GET /auth/config`: which sign-in methods the server offers (null if it has no auth API). */
  async config(): Promise<AuthConfig | null> {
    try {
      const response = await this.doFetch(`${AUTH_ROOT}/config`, { headers: { accept: 'application/json' }, cache: 'no-store' });
      return response.ok ? ((await response.json()) as AuthConfig) : null;
    } catch {
      return null;
    }
  }

  private accept(body: TokenBody): void {
    this.accessToken = body.accessToken;
    this.expiresAt = this.now() + Math.max(0, body.expiresIn) * 1000;
    this.currentUser = body.user;
    this.schedule(Math.max(5_000, body.expiresIn * 1000 - this.refreshAheadMs));
    this.emit();
  }

  private clear(): void {
    const had = this.accessToken !== null || this.currentUser !== null;
    this.accessToken = null;
    this.expiresAt = 0;
    this.currentUser = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (had) this.emit();
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.refresh();
    }, ms);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The page's session. */
export const session = new Session();
