import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import express, { type RequestHandler, type Response } from 'express';
import type { Config } from '../config/config.js';
import type { Logger } from '../engine/logging/logger.js';

/**
 * [security:harden] HTTP hardening of the API server, in front of every route:
 * security headers (CSP, frame, nosniff, referrer, permissions, HSTS), CORS from CORS_ORIGINS for
 * REST and socket.io, per-address token-bucket rate limits (general + the public ingest routes),
 * and the JSON body limit (413 problem+json naming the limit).
 */

/** Public routes anyone can post to: their own, tighter per-address limit. */
export const INGEST_ROUTES: ReadonlyArray<{ method: string; path: string }> = [
  { method: 'POST', path: '/api/v1/feedback' },
  { method: 'POST', path: '/api/v1/cap/messages' },
];

/** The origins allowed besides the page's own (CORS_ORIGINS). */
export function corsOrigins(config: Config): string[] {
  return [...config.hardening.corsOrigins];
}

/**
 * Whether a browser request from `origin` may be answered: no Origin (not a browser, or a
 * same-origin GET), the server's own origin (same host), or one of CORS_ORIGINS.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  if (origin === 'null') return false;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Content-Security-Policy of the web app (maplibre blob: workers, tiles, camera pictures, same-origin ws). */
export function webCsp(config: Config): string {
  const extra = new Set<string>();
  if (config.map.styleUrl) extra.add(new URL(config.map.styleUrl).origin);
  if (config.hardening.cameraOrigin) extra.add(config.hardening.cameraOrigin);
  // Without CAMERA_BASE_URL the demo's simulator serves the camera pictures on a loopback port.
  else for (const s of ['http://127.0.0.1:*', 'http://localhost:*']) extra.add(s);
  const more = [...extra].join(' ');
  const plus = more ? ` ${more}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and maplibre set style attributes; no script comes from here.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${plus}`,
    `media-src 'self' blob:${plus}`,
    "font-src 'self' data:",
    // 'self' covers same-origin ws:/wss: in CSP 3; spelled out for older engines.
    `connect-src 'self' ws: wss:${plus}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()';

function securityHeaders(config: Config): RequestHandler {
  const csp = webCsp(config);
  return (req, res, next) => {
    res.removeHeader('X-Powered-By');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (config.hardening.hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Swagger UI (/api/docs) sets its own, stricter-for-scripts CSP on its page; API answers are
    // data (never a document) and get the strictest one.
    if (req.path.startsWith('/api/docs')) {
      /* mount.ts sets DOCS_CSP on the page */
    } else if (req.path.startsWith('/api/')) res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    else res.setHeader('Content-Security-Policy', csp);
    next();
  };
}

function cors(allowed: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (!origin) return next();
    res.append('Vary', 'Origin');
    const ok = originAllowed(origin, req.headers.host, allowed);
    if (ok && allowed.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition, Location');
    }
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      if (!ok) return problem(res, 403, 'Origin not allowed', `${origin} is not in CORS_ORIGINS`, [{ field: 'Origin', problem: 'is not an allowed origin (CORS_ORIGINS)' }]);
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? 'authorization, content-type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Token buckets by key: `perMin` tokens a minute, bursts up to `perMin`. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly ratePerMs: number;
  private lastSweep = 0;

  constructor(
    private readonly perMin: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {
    this.ratePerMs = perMin / 60_000;
  }

  /** Takes one token; answers 0 when allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      b = { tokens: this.perMin, at: now };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.perMin, b.tokens + (now - b.at) * this.ratePerMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.ratePerMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Full buckets carry no information: drop them once a minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.ratePerMs >= this.perMin) this.buckets.delete(key);
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(ip: string | undefined): boolean {
  return !!ip && LOOPBACK.test(ip);
}

function problem(res: Response, status: number, title: string, detail: string, errors?: Array<{ field: string; problem: string }>, instance?: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors ? { errors } : {}), ...(instance ? { instance } : {}) }));
}

function rateLimits(config: Config): RequestHandler {
  const general = new TokenBuckets(config.hardening.ratePerMin);
  const ingest = new TokenBuckets(config.hardening.ingestRatePerMin);
  const loopbackExempt = config.hardening.rateLoopbackExempt;
  return (req, res, next) => {
    if (!req.path.startsWith('/api/')) return next();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const path = req.path.replace(/\/+$/, '');
    const isIngest = INGEST_ROUTES.some((r) => r.method === req.method && r.path === path);
    // Each ingest route has its own budget per address; the general one spans all of /api.
    const checks: Array<[TokenBuckets, string, string]> = [];
    if (isIngest) checks.push([ingest, 'HTTP_INGEST_RATE_PER_MIN', `${path}|${ip}`]);
    if (!(loopbackExempt && isLoopback(ip))) checks.push([general, 'HTTP_RATE_PER_MIN', ip]);
    for (const [buckets, variable, key] of checks) {
      const wait = buckets.take(key);
      if (wait > 0) {
        res.setHeader('Retry-After', String(wait));
        const limit = variable === 'HTTP_INGEST_RATE_PER_MIN' ? config.hardening.ingestRatePerMin : config.hardening.ratePerMin;
        return problem(res, 429, 'Too many requests', `more than ${limit} requests a minute from this address (${variable}); retry after ${wait} s`, undefined, req.originalUrl);
      }
    }
    next();
  };
}

function humanBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / 1024 / 1024} MB`;
  if (n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** express.json with `limit`, whose 413 is problem+json naming the limit and its variable. */
function jsonParser(limit: number, variable: string): RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large') {
        return problem(res, 413, 'Body too large', `the JSON body exceeds the limit of ${humanBytes(limit)} (${variable})`, [{ field: 'body', problem: `exceeds ${humanBytes(limit)} (${variable})` }], req.originalUrl);
      }
      next(err as Error | undefined);
    });
  };
}

/** Largest JSON field report: base64 photos (4/3 of the bytes) plus the text fields. */
export function feedbackJsonLimit(config: Config): number {
  return Math.max(config.hardening.bodyLimitBytes, Math.ceil((config.feedback.photoMaxCount * config.feedback.photoMaxBytes * 4) / 3) + 256 * 1024);
}

type IoOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/** socket.io with CORS_ORIGINS: the polling CORS answer and a refusal of foreign Origins (websocket too). */
export class HardenedIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowed: readonly string[],
    private readonly log: Logger,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoOptions): ReturnType<IoAdapter['createIOServer']> {
    const allowed = this.allowed;
    const log = this.log;
    return super.createIOServer(port, {
      ...options,
      cors: { origin: [...allowed], credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        const origin = req.headers.origin;
        const ok = originAllowed(origin, req.headers.host, allowed);
        if (!ok) log.warn('socket.io handshake from a foreign origin refused', { origin });
        callback(ok ? null : 'origin not allowed', ok);
      },
    } as IoOptions);
  }
}

/**
 * Call right after NestFactory.create (before the body parsers and the routes): everything here
 * runs in front of every request.
 */
export function applyHardening(app: NestExpressApplication, config: Config, log: Logger): void {
  const h = config.hardening;
  app.disable('x-powered-by');
  app.set('trust proxy', Array.isArray(h.trustProxy) ? h.trustProxy.join(',') : h.trustProxy);
  app.use(securityHeaders(config));
  app.use(cors(h.corsOrigins));
  app.use(rateLimits(config));
  // Field reports may carry base64 photos in JSON: their own, larger limit; the rest HTTP_BODY_LIMIT.
  const feedbackJson = jsonParser(feedbackJsonLimit(config), 'FEEDBACK_PHOTO_MAX_COUNT × FEEDBACK_PHOTO_MAX_BYTES');
  app.use('/api/v1/feedback', ((req, res, next) => (req.method === 'POST' && (req.path === '/' || req.path === '') ? feedbackJson(req, res, next) : next())) as RequestHandler);
  app.use(jsonParser(h.bodyLimitBytes, 'HTTP_BODY_LIMIT'));
  app.useWebSocketAdapter(new HardenedIoAdapter(app, h.corsOrigins, log.child('hardening')));
  log.info('HTTP hardening', {
    corsOrigins: h.corsOrigins,
    trustProxy: h.trustProxy,
    ratePerMin: h.ratePerMin,
    ingestRatePerMin: h.ingestRatePerMin,
    bodyLimitBytes: h.bodyLimitBytes,
    hsts: h.hsts,
  });
}

