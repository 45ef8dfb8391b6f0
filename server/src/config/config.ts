import path from 'node:path';
import { EnvError, int, listOf, matching, oneOf, port, regex, text, url, urlTemplate, type EnvReader } from './env-fields.js';
import { byteSize, originList, trustProxy } from './env-fields.js';

export const ROLES = ['api', 'ingest', 'worker'] as const;
export type Role = (typeof ROLES)[number];
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the server reads, with its reader and its README description.
 * Nothing else in the server reads `process.env`.
 */
export const ENV_SPEC = {
  PORT: { read: port(8080), doc: 'HTTP port of the API, the web app and socket.io (0 = any free port).' },
  HOST: { read: text('0.0.0.0'), doc: 'Address the HTTP server binds.' },
  DATA_DIR: { read: text('./data'), doc: 'Folder of the embedded database (used when DATABASE_URL is unset); locked by one process at a time.' },
  DATABASE_URL: { read: url(['postgres:', 'postgresql:']), doc: 'PostgreSQL server with the timescaledb extension; unset = embedded PGlite+TimescaleDB under DATA_DIR.' },
  DATABASE_POOL_MAX: { read: int({ default: 10, min: 1, max: 200 }), doc: 'Connections in the pool for DATABASE_URL (use 1 for a pglite-socket endpoint).' },
  MQTT_URL: { read: url(['mqtt:', 'tcp:']), doc: 'External MQTT broker (Mosquitto/EMQX), e.g. mqtt://user:pass@host:1883; unset = embedded broker.' },
  MQTT_HOST: { read: text('0.0.0.0'), doc: 'Address the embedded broker binds (TCP and WebSocket).' },
  MQTT_PORT: { read: port(1883), doc: 'TCP port of the embedded broker (0 = any free port).' },
  MQTT_WS_PORT: { read: port(9001), doc: 'MQTT-over-WebSocket port of the embedded broker (0 = any free port).' },
  MQTT_CLIENT_ID: { read: text(''), doc: 'Client id of the ingest subscriber at an external broker (persistent session); default ioc-ingest-<hostname>.' },
  MQTT_SHARE_GROUP: { read: text('ioc-ingest'), doc: 'Shared-subscription group at an external broker: ingest processes split $share/<group>/ioc/v1/#.' },
  // [security:devices] device credentials at the embedded broker
  MQTT_DEVICE_AUTH: { read: oneOf(['required', 'off'] as const, 'required'), doc: 'Embedded broker: required = every MQTT client signs in with a device credential (POST /api/v1/devices/credentials) and publishes only its own sources\' topics; off = anyone may connect and publish (development and tests only).' },
  MQTT_CONCURRENCY: { read: int({ default: 10000, min: 1, max: 100000 }), doc: 'Embedded broker: QoS 1 messages in flight through ingest before publishers wait.' },
  REDIS_URL: { read: url(['redis:', 'rediss:']), doc: 'Redis for the cross-process bus and job queue; unset = in-process.' },
  IOC_ROLES: { read: listOf(ROLES, ROLES), doc: 'Roles this process runs: api, ingest, worker (comma-separated).' },
  AUTH_MODE: { read: oneOf(['required', 'open'] as const, 'required'), doc: 'required: every API route and socket subscription needs a signed-in account (except the public ones). open: a request without a token acts as an admin — for development and tests only; refused when NODE_ENV=production.' },
  AUTH_TOKEN_SECRET: { read: text(''), doc: 'Secret access tokens are signed with (HS256, at least 32 characters). Empty: one generated at first boot and kept in the database, shared by every api process.' },
  AUTH_ACCESS_TTL_S: { read: int({ default: 900, min: 30, max: 86_400 }), doc: 'Seconds an access token lives (the web app renews it before it expires).' },
  AUTH_REFRESH_TTL_S: { read: int({ default: 7 * 86_400, min: 300, max: 90 * 86_400 }), doc: 'Seconds a sign-in lasts without activity (refresh cookie); walls and tablets stay signed in that long.' },
  AUTH_LOCKOUT_ATTEMPTS: { read: int({ default: 5, min: 1, max: 100 }), doc: 'Consecutive failed sign-ins that lock an account.' },
  AUTH_LOCKOUT_S: { read: int({ default: 900, min: 1, max: 86_400 }), doc: 'Seconds a locked account stays locked (an admin can unlock it sooner).' },
  AUTH_LOGIN_RATE_PER_MIN: { read: int({ default: 20, min: 1, max: 1_000_000 }), doc: 'Sign-in attempts per minute from one client address before 429.' },
  AUTH_COOKIE_SECURE: { read: oneOf(['true', 'false'] as const, 'false'), doc: 'Mark the refresh cookie Secure (true behind HTTPS, which production must use).' },
  OIDC_ISSUER_URL: { read: url(['http:', 'https:']), doc: 'OpenID Connect issuer for single sign-on (e.g. https://sso.example.vn/realms/ioc, Keycloak); unset = local accounts only.' },
  OIDC_CLIENT_ID: { read: text(''), doc: 'Client id of the IOC at the OIDC issuer (required with OIDC_ISSUER_URL); SSO access tokens must name it in aud or azp.' },
  OIDC_CLIENT_SECRET: { read: text(''), doc: 'Client secret at the OIDC issuer (confidential client); empty = public client with PKCE. Never logged.' },
  OIDC_REDIRECT_URL: { read: url(['http:', 'https:']), doc: 'Redirect URL registered at the issuer; default the request host + /api/v1/auth/oidc/callback.' },
  OIDC_ROLES_CLAIM: { read: text('realm_access.roles'), doc: 'Dotted path of the roles claim in the SSO tokens; roles named ioc-<role> (ioc-operator, ioc-sector-staff, …) become IOC roles.' },
  OIDC_REGIONS_CLAIM: { read: text('ioc_regions'), doc: 'Claim holding the region ids the SSO roles reach (absent or empty = the whole province).' },
  OIDC_SECTORS_CLAIM: { read: text('ioc_sectors'), doc: 'Claim holding the sector ids the SSO roles reach (absent = every sector).' },
  IOC_ADMIN_PASSWORD: { read: text(''), doc: 'Password of the `admin` account created at first boot when no admin exists (at least 10 characters). Empty: a random one is printed once.' },
  IOC_RULES: { read: oneOf(['on', 'off'] as const, 'on'), doc: 'Evaluate alert rules in the ingest role (off only to measure what they cost; alerts then come only from KPI risks and the API).' },
  IOC_MODULES: { read: text(''), doc: 'Sector modules to load (comma-separated ids); empty = every installed module.' },
  INGEST_BATCH_ROWS: { read: int({ default: 10000, min: 1, max: 100000 }), doc: 'Rows that make a write batch flush at once.' },
  INGEST_FLUSH_MS: { read: int({ default: 100, min: 1, max: 60000 }), doc: 'Longest time a message waits in the write batch (larger batches commit faster per row).' },
  INGEST_MAX_PAYLOAD_BYTES: { read: int({ default: 262144, min: 1024, max: 268435456 }), doc: 'Larger MQTT payloads are dead-lettered unparsed.' },
  INGEST_MAX_FUTURE_S: { read: int({ default: 600, min: 0, max: 31536000 }), doc: 'Readings stamped further ahead than this are dead-lettered (clock error).' },
  INGEST_MAX_AGE_S: { read: int({ default: 2592000, min: 60, max: 315360000 }), doc: 'Readings older than this are dead-lettered (30 days by default).' },
  DEAD_LETTER_MAX_BYTES: { read: int({ default: 65536, min: 256, max: 16777216 }), doc: 'Raw payload bytes kept per dead letter (the size and a SHA-256 of the whole are always kept).' },
  LIVE_COALESCE_MS: { read: int({ default: 1000, min: 0, max: 60000 }), doc: 'Minimum interval between deltas of one coalesced socket topic (1000 = at most 1 Hz).' },
  LIVE_HISTORY: { read: int({ default: 600, min: 1, max: 100000 }), doc: 'Deltas kept per socket topic for resume after a reconnect.' },
  MAINTENANCE_INTERVAL_S: { read: int({ default: 10, min: 1, max: 86400 }), doc: 'Embedded database: how often the app refreshes the continuous aggregates (other Timescale policies run at their own schedule).' },
  KPI_INTERVAL_S: { read: int({ default: 60, min: 1, max: 86400 }), doc: 'Seconds between KPI engine cycles (realtime window and day values).' },
  KPI_PERIOD_INTERVAL_S: { read: int({ default: 300, min: 1, max: 86400 }), doc: 'Seconds between recomputations of month, quarter and year KPI values.' },
  KPI_REALTIME_WINDOW_S: { read: int({ default: 900, min: 60, max: 86400 }), doc: 'Default length of the realtime KPI window, seconds (a KPI may set its own).' },
  WEB_DIST: { read: text(''), doc: 'Folder of the built web app to serve; default ioc-web/dist of this checkout.' },
  LOG_LEVEL: { read: oneOf(LOG_LEVELS, 'info'), doc: 'Lowest level written to the JSON log: debug, info, warn, error.' },
  BUS_PREFIX: { read: matching(/^[A-Za-z0-9_.:{}-]{1,64}$/, 'letters, digits and _ . : { } -, at most 64', 'ioc:bus'), doc: 'Channel prefix of the Redis bus (with REDIS_URL); only processes sharing it hear each other (two IOCs on one Redis use two prefixes).' },
  JOBS_PREFIX: { read: matching(/^[A-Za-z0-9_.:{}-]{1,64}$/, 'letters, digits and _ . : { } -, at most 64', 'ioc:jobs'), doc: 'Key prefix of the BullMQ job queues in Redis (with REDIS_URL); processes sharing it share the jobs.' },
  JOBS_CONCURRENCY: { read: int({ default: 4, min: 1, max: 1000 }), doc: 'Jobs of one kind a worker process runs at once (BullMQ).' },
  NOTIFY_ATTEMPTS: { read: int({ default: 5, min: 1, max: 50 }), doc: 'Tries of one notification delivery, the first included.' },
  NOTIFY_BACKOFF_MS: { read: int({ default: 30000, min: 10, max: 86400000 }), doc: 'Delay before the second try of a delivery; doubles every further try.' },
  NOTIFY_TIMEOUT_MS: { read: int({ default: 10000, min: 100, max: 300000 }), doc: 'Time one try of a delivery may take (HTTP request or SMTP session).' },
  NOTIFY_WEBHOOK_SECRET: { read: text(''), doc: 'Default HMAC-SHA256 key signing webhook bodies (X-IOC-Signature-256); a target may carry its own. Never logged.' },
  SMTP_URL: { read: url(['smtp:', 'smtps:']), doc: 'SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.vn:587 (STARTTLS when offered) or smtps://…:465; unset = no e-mail channel.' },
  SMTP_FROM: { read: matching(/^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, 'an address, e.g. "IOC Bình Phước <ioc@binhphuoc.gov.vn>"', ''), doc: 'Sender of notification e-mails; default the SMTP_URL user when it is an address.' },
  SMS_GATEWAY_URL: { read: urlTemplate(['http:', 'https:']), doc: 'HTTP endpoint of the SMS (brandname) gateway; may hold {{to}}, {{text}}… placeholders; unset = no SMS channel. Never logged.' },
  SMS_GATEWAY_METHOD: { read: oneOf(['POST', 'PUT', 'GET'] as const, 'POST'), doc: 'HTTP method of the SMS gateway request.' },
  SMS_GATEWAY_BODY: { read: text('{"to":"{{to}}","text":"{{text}}"}'), doc: 'Body template of the SMS gateway request: {{to}}, {{to84}}, {{text}}, {{text_ascii}}, {{subject}}, {{ref}}, {{id}}, {{brandname}}; escaped for the content type. Never logged.' },
  SMS_GATEWAY_CONTENT_TYPE: { read: text('application/json'), doc: 'Content type of the SMS gateway body (application/json or application/x-www-form-urlencoded escape the values).' },
  SMS_GATEWAY_AUTH: { read: text(''), doc: 'Authorization header sent to the SMS gateway (e.g. "Basic …"). Never logged.' },
  SMS_GATEWAY_SUCCESS: { read: regex(), doc: 'Regular expression the gateway answer must match to count as sent (for gateways answering 200 with an error code); unset = any 2xx.' },
  SMS_BRANDNAME: { read: text(''), doc: 'Registered brandname filled into {{brandname}} of the SMS gateway templates.' },
  FEEDBACK_PHOTO_MAX_BYTES: { read: int({ default: 5 * 1024 * 1024, min: 1024, max: 50 * 1024 * 1024 }), doc: 'Largest photo of a citizen field report, bytes (5 MB by default); larger ones are refused with 413 naming the field.' },
  FEEDBACK_PHOTO_MAX_COUNT: { read: int({ default: 5, min: 0, max: 20 }), doc: 'Most photos one field report may carry (0 = none accepted).' },
  // [security:audit] emergency grants
  GRANT_MAX_HOURS: { read: int({ default: 72, min: 1, max: 8760 }), doc: 'Longest emergency grant a sector may give, hours ahead of now (POST /api/v1/grants refuses a later expiry).' },
  GRANT_EXPIRY_CHECK_S: { read: int({ default: 30, min: 1, max: 3600 }), doc: 'How often an api process looks for emergency grants that just expired, to write their expiry to the audit trail once.' },
  // [map] basemap style and the synthetic load layer of the map clusters
  MAP_STYLE_URL: { read: url(['http:', 'https:']), doc: 'MapLibre style JSON of a real tile server (e.g. https://tiles.example.vn/styles/basic/style.json) the web maps draw under the IOC layers; unset = the offline basemap bundled with the app (country, province, district and commune outlines).' },
  MAP_SYNTHETIC_MAX: { read: int({ default: 0, min: 0, max: 1_000_000 }), doc: 'Largest n of the synthetic map layer (GET /api/v1/map/clusters?layer=synthetic&n=…, deterministic points inside the province for load measurements); 0 = the layer is off.' },
  // [security:harden] HTTP hardening: CORS, rate limits, body limits, HSTS, CSP sources
  CORS_ORIGINS: { read: originList(), doc: 'Other origins allowed to call the API and socket.io from a browser (comma list, e.g. https://ioc.example.vn); empty = same origin only.' },
  HTTP_TRUST_PROXY: { read: trustProxy(), doc: 'Express "trust proxy" for the client address of rate limits and logs: empty/false = off, true, a hop count, or a comma list of proxy addresses/CIDRs (loopback, uniquelocal…).' },
  HTTP_RATE_PER_MIN: { read: int({ default: 6000, min: 1, max: 10_000_000 }), doc: 'Requests per minute one client address may make to /api (token bucket, bursts up to the same number); over it 429 with Retry-After.' },
  HTTP_RATE_LOOPBACK: { read: oneOf(['exempt', 'limited'] as const, 'exempt'), doc: 'exempt: requests from 127.0.0.1/::1 skip the general API limit (benches, a same-host proxy without HTTP_TRUST_PROXY); limited: they count too. The ingest limit always applies.' },
  HTTP_INGEST_RATE_PER_MIN: { read: int({ default: 60, min: 1, max: 1_000_000 }), doc: 'Public ingest routes (POST /api/v1/feedback, POST /api/v1/cap/messages): requests per minute per client address (the demo sends about 30 an hour).' },
  HTTP_BODY_LIMIT: { read: byteSize(1024 * 1024), doc: 'Largest JSON body, e.g. 1mb, 512kb or bytes (1 MB by default); larger 413 naming the limit. Field reports with base64 photos get room for FEEDBACK_PHOTO_MAX_COUNT × FEEDBACK_PHOTO_MAX_BYTES.' },
  HTTP_HSTS: { read: oneOf(['true', 'false'] as const, 'false'), doc: 'true: send Strict-Transport-Security (max-age one year, includeSubDomains); only behind HTTPS.' },
  CAMERA_BASE_URL: { read: url(['http:', 'https:']), doc: 'Where browsers reach camera streams and snapshots when not the IOC origin; its origin is allowed by the Content-Security-Policy (img/media/connect).' },
} as const satisfies Record<string, { read: EnvReader<unknown>; doc: string }>;

type Spec = typeof ENV_SPEC;
export type EnvValues = { [K in keyof Spec]: ReturnType<Spec[K]['read']> };

export interface Config {
  http: { host: string; port: number };
  dataDir: string;
  database: { url?: URL; poolMax: number };
  mqtt: {
    url?: URL;
    host: string;
    tcpPort: number;
    wsPort: number;
    clientId?: string;
    shareGroup: string;
    concurrency: number;
    /** Embedded broker: device credentials and topic ACL enforced (required) or not (off). */
    deviceAuth: 'required' | 'off';
  };
  redisUrl?: URL;
  /** Redis bus channels are `{busPrefix}:{channel}`. */
  busPrefix: string;
  roles: Set<Role>;
  /** Citizen field reports: photo limits. */
  feedback: { photoMaxBytes: number; photoMaxCount: number };
  /** Emergency grants: longest allowed, and how often expiries are noticed for the audit trail. */
  grants: { maxHours: number; expiryCheckS: number };
  /** Web maps: the tile server style (none = offline basemap) and the synthetic load layer's cap (0 = off). */
  map: { styleUrl?: string; syntheticMax: number };
  modules: string[] | 'all';
  ingest: {
    batchRows: number;
    flushMs: number;
    maxPayloadBytes: number;
    maxFutureS: number;
    maxAgeS: number;
    deadLetterMaxBytes: number;
  };
  live: { coalesceMs: number; history: number };
  maintenanceIntervalS: number;
  kpi: { intervalS: number; slowIntervalS: number; realtimeWindowS: number };
  /** `required`: every non-public route needs a token; `open`: no token acts as admin (development only). */
  authMode: 'required' | 'open';
  auth: { tokenSecret?: string; accessTtlS: number; refreshTtlS: number; lockoutAttempts: number; lockoutS: number; loginRatePerMin: number; cookieSecure: boolean; adminPassword?: string;
    oidc?: { issuer: string; clientId: string; clientSecret?: string; redirectUrl?: string; rolesClaim: string; regionsClaim: string; sectorsClaim: string } };
  /** Whether the ingest role evaluates alert rules. */
  rules: boolean;
  webDist?: string;
  logLevel: LogLevel;
  /** Job queue: in-process, or BullMQ on REDIS_URL under this prefix. */
  jobs: { prefix: string; concurrency: number };
  notify: NotifyConfig;
  /** [security:harden] HTTP hardening (server/src/app/hardening.ts). */
  hardening: HardeningConfig;
}

export interface HardeningConfig {
  corsOrigins: string[];
  trustProxy: boolean | number | string[];
  ratePerMin: number;
  rateLoopbackExempt: boolean;
  ingestRatePerMin: number;
  bodyLimitBytes: number;
  hsts: boolean;
  /** Origins the CSP allows besides 'self' for pictures and streams (camera gateway, tile server). */
  cameraOrigin?: string;
}

/** Notification channels and delivery retries. Secrets here are never logged or answered. */
export interface NotifyConfig {
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
  webhookSecret?: string;
  smtp?: { url: URL; from: string };
  sms?: { url: string; method: 'POST' | 'PUT' | 'GET'; body: string; contentType: string; auth?: string; success?: RegExp; brandname: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: EnvError[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates every variable at once, so one boot reports all problems together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: EnvError[] = [];
  const values = {} as Record<string, unknown>;
  for (const [name, field] of Object.entries(ENV_SPEC)) {
    try {
      values[name] = (field.read as EnvReader<unknown>)(name, env[name]);
    } catch (err) {
      if (err instanceof EnvError) problems.push(err);
      else throw err;
    }
  }
  const v = values as EnvValues;
  if (problems.length === 0 && v.MQTT_URL === undefined && v.MQTT_PORT !== 0 && v.MQTT_PORT === v.MQTT_WS_PORT) {
    problems.push(new EnvError('MQTT_WS_PORT', `must differ from MQTT_PORT (both ${v.MQTT_PORT})`));
  }
  let smtpFrom = v.SMTP_FROM;
  if (v.SMTP_URL && !smtpFrom && !problems.some((p) => p.variable === 'SMTP_FROM')) {
    const user = decodeURIComponent(v.SMTP_URL.username);
    if (/^[^@\s<>]+@[^@\s<>]+$/.test(user)) smtpFrom = user;
    else problems.push(new EnvError('SMTP_FROM', 'must be set when SMTP_URL is (the SMTP user is not an e-mail address)'));
  }
  if (v.OIDC_ISSUER_URL && !v.OIDC_CLIENT_ID) problems.push(new EnvError('OIDC_CLIENT_ID', 'must be set when OIDC_ISSUER_URL is'));
  if (v.AUTH_TOKEN_SECRET && v.AUTH_TOKEN_SECRET.length < 32) problems.push(new EnvError('AUTH_TOKEN_SECRET', 'must have at least 32 characters'));
  if (v.IOC_ADMIN_PASSWORD && v.IOC_ADMIN_PASSWORD.length < 10) problems.push(new EnvError('IOC_ADMIN_PASSWORD', 'must have at least 10 characters'));
  if (v.AUTH_MODE === 'open' && env.NODE_ENV === 'production') problems.push(new EnvError('AUTH_MODE', 'open (no sign-in) is refused when NODE_ENV=production'));
  if (problems.length > 0) throw new ConfigError(problems);

  const modules = v.IOC_MODULES.split(',').map((s) => s.trim()).filter(Boolean);
  return {
    http: { host: v.HOST, port: v.PORT },
    dataDir: path.resolve(v.DATA_DIR),
    database: { url: v.DATABASE_URL, poolMax: v.DATABASE_POOL_MAX },
    mqtt: {
      url: v.MQTT_URL,
      host: v.MQTT_HOST,
      tcpPort: v.MQTT_PORT,
      wsPort: v.MQTT_WS_PORT,
      clientId: v.MQTT_CLIENT_ID || undefined,
      shareGroup: v.MQTT_SHARE_GROUP,
      concurrency: v.MQTT_CONCURRENCY,
      deviceAuth: v.MQTT_DEVICE_AUTH,
    },
    redisUrl: v.REDIS_URL,
    busPrefix: v.BUS_PREFIX,
    roles: new Set(v.IOC_ROLES),
    feedback: { photoMaxBytes: v.FEEDBACK_PHOTO_MAX_BYTES, photoMaxCount: v.FEEDBACK_PHOTO_MAX_COUNT },
    grants: { maxHours: v.GRANT_MAX_HOURS, expiryCheckS: v.GRANT_EXPIRY_CHECK_S },
    map: { ...(v.MAP_STYLE_URL ? { styleUrl: v.MAP_STYLE_URL.href } : {}), syntheticMax: v.MAP_SYNTHETIC_MAX },
    modules: modules.length ? modules : 'all',
    ingest: {
      batchRows: v.INGEST_BATCH_ROWS,
      flushMs: v.INGEST_FLUSH_MS,
      maxPayloadBytes: v.INGEST_MAX_PAYLOAD_BYTES,
      maxFutureS: v.INGEST_MAX_FUTURE_S,
      maxAgeS: v.INGEST_MAX_AGE_S,
      deadLetterMaxBytes: v.DEAD_LETTER_MAX_BYTES,
    },
    live: { coalesceMs: v.LIVE_COALESCE_MS, history: v.LIVE_HISTORY },
    maintenanceIntervalS: v.MAINTENANCE_INTERVAL_S,
    kpi: { intervalS: v.KPI_INTERVAL_S, slowIntervalS: v.KPI_PERIOD_INTERVAL_S, realtimeWindowS: v.KPI_REALTIME_WINDOW_S },
    webDist: v.WEB_DIST || undefined,
    rules: v.IOC_RULES === 'on',
    authMode: v.AUTH_MODE,
    auth: {
      ...(v.AUTH_TOKEN_SECRET ? { tokenSecret: v.AUTH_TOKEN_SECRET } : {}),
      accessTtlS: v.AUTH_ACCESS_TTL_S,
      refreshTtlS: v.AUTH_REFRESH_TTL_S,
      lockoutAttempts: v.AUTH_LOCKOUT_ATTEMPTS,
      lockoutS: v.AUTH_LOCKOUT_S,
      loginRatePerMin: v.AUTH_LOGIN_RATE_PER_MIN,
      cookieSecure: v.AUTH_COOKIE_SECURE === 'true',
      ...(v.IOC_ADMIN_PASSWORD ? { adminPassword: v.IOC_ADMIN_PASSWORD } : {}),
      ...(v.OIDC_ISSUER_URL
        ? { oidc: { issuer: v.OIDC_ISSUER_URL.href.replace(/\/$/, ''), clientId: v.OIDC_CLIENT_ID, ...(v.OIDC_CLIENT_SECRET ? { clientSecret: v.OIDC_CLIENT_SECRET } : {}), ...(v.OIDC_REDIRECT_URL ? { redirectUrl: v.OIDC_REDIRECT_URL.href } : {}), rolesClaim: v.OIDC_ROLES_CLAIM, regionsClaim: v.OIDC_REGIONS_CLAIM, sectorsClaim: v.OIDC_SECTORS_CLAIM } }
        : {}),
    },
    logLevel: v.LOG_LEVEL,
    jobs: { prefix: v.JOBS_PREFIX, concurrency: v.JOBS_CONCURRENCY },
    hardening: {
      corsOrigins: v.CORS_ORIGINS,
      trustProxy: v.HTTP_TRUST_PROXY,
      ratePerMin: v.HTTP_RATE_PER_MIN,
      rateLoopbackExempt: v.HTTP_RATE_LOOPBACK === 'exempt',
      ingestRatePerMin: v.HTTP_INGEST_RATE_PER_MIN,
      bodyLimitBytes: v.HTTP_BODY_LIMIT,
      hsts: v.HTTP_HSTS === 'true',
      ...(v.CAMERA_BASE_URL ? { cameraOrigin: v.CAMERA_BASE_URL.origin } : {}),
    },
    notify: {
      attempts: v.NOTIFY_ATTEMPTS,
      backoffMs: v.NOTIFY_BACKOFF_MS,
      timeoutMs: v.NOTIFY_TIMEOUT_MS,
      webhookSecret: v.NOTIFY_WEBHOOK_SECRET || undefined,
      smtp: v.SMTP_URL ? { url: v.SMTP_URL, from: smtpFrom } : undefined,
      sms: v.SMS_GATEWAY_URL
        ? { url: v.SMS_GATEWAY_URL, method: v.SMS_GATEWAY_METHOD, body: v.SMS_GATEWAY_BODY, contentType: v.SMS_GATEWAY_CONTENT_TYPE, auth: v.SMS_GATEWAY_AUTH || undefined, success: v.SMS_GATEWAY_SUCCESS, brandname: v.SMS_BRANDNAME }
        : undefined,
    },
  };
}
