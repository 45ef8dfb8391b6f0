/**
 * Notifications through the real runtime and real HTTP, on both job queues (in-process, and
 * BullMQ on this machine's Redis): a webhook receiver and an SMS gateway (HTTP servers started
 * here) and an SMTP stand-in (smtp-server) that fail on purpose. A delivery that fails twice then
 * succeeds shows 3 tries with growing delays in the delivery log; one that keeps failing ends
 * failed; a permanent refusal ends it at once. Secrets never show in answers, health or logs.
 */
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@ioc/server/config';
import { startRuntime, type Runtime } from '@ioc/server/runtime';
import { Logger } from '../../server/src/engine/logging/logger.js';
import { signBody } from '../../server/src/engine/notify/webhook-channel.js';
import { runId } from '../support/modes.js';
import { serviceAvailable } from '../support/services.js';
import { repoRoot, tempDir, waitFor } from '../support/stack.js';

// ── stand-ins started by the test ──────────────────────────────────────────────

interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/** An HTTP server answering each request as `respond` says, keeping every request. */
async function startReceiver(respond: (hit: Hit) => { status: number; body?: string }): Promise<{ url: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit: Hit = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      hits.push(hit);
      const r = respond(hit);
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(r.body ?? '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise<void>((r) => server.close(() => r())) };
}

interface Mail {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

/** `=?UTF-8?B?…?=` / `?Q?` encoded words (RFC 2047) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
    );
}

/** Subject, From and the text body of a raw message. */
function parseMail(raw: string): { subject: string; from: string; contentType: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = new Map<string, string>();
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  const body = rest.join('\r\n\r\n');
  const cte = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
        : body;
  return { subject: decodeWords(headers.get('subject') ?? ''), from: headers.get('from') ?? '', contentType: headers.get('content-type') ?? '', text: text.replace(/\r\n/g, '\n').replace(/\n$/, '') };
}

/** An SMTP server (no TLS, AUTH required) that refuses recipients as `rcpt` says. */
async function startSmtp(user: string, pass: string, rcpt: (address: string) => number | undefined): Promise<{ port: number; mails: Mail[]; authFailures: number; close: () => Promise<void> }> {
  const state = { mails: [] as Mail[], authFailures: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user: auth.username });
      state.authFailures++;
      cb(Object.assign(new Error('Sai mật khẩu'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      const code = rcpt(address.address);
      if (code) return cb(Object.assign(new Error(code >= 500 ? 'Hộp thư không tồn tại' : 'Tạm thời không nhận, thử lại sau'), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8'), user: String(session.user ?? '') });
        cb(null, 'Đã nhận');
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.server.address() as AddressInfo).port,
    get mails() {
      return state.mails;
    },
    get authFailures() {
      return state.authFailures;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// ── the scenarios, on each job queue ───────────────────────────────────────────

interface TryBody {
  attempt: number;
  state: string;
  startedAt: string;
  responseCode: number | null;
  error: string | null;
}
interface DeliveryBody {
  id: string;
  channel: string;
  targetId: string | null;
  recipient: string;
  state: string;
  attempts: number;
  ref: string | null;
  lastError: string | null;
  responseCode: number | null;
  tries: TryBody[];
}

const SECRETS = {
  webhook: 'khoa-webhook-syt-2026',
  defaultWebhook: 'khoa-webhook-mac-dinh-7781',
  smtpPass: 'MatKhau-SMTP-9931',
  smsKey: 'SMSKEY-4410-ABCD',
  smsAuth: 'Bearer sms-token-5520',
};
const BACKOFF_MS = 300;

const redisAvailable = await serviceAvailable('Redis', '127.0.0.1', 6379, 'notifications on BullMQ');
const MODES = [
  { name: 'in-process job queue', redis: false, skip: false },
  { name: 'BullMQ job queue on Redis', redis: true, skip: !redisAvailable },
];

/** Gaps between the starts of consecutive tries, ms. */
const gaps = (tries: TryBody[]) => tries.slice(1).map((t, i) => new Date(t.startedAt).getTime() - new Date(tries[i]!.startedAt).getTime());

describe.each(MODES)('notifications ($name)', ({ redis, skip }) => {
  let rt: Runtime;
  let hooks: Awaited<ReturnType<typeof startReceiver>>;
  let gateway: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const logs: string[] = [];
  const jobsPrefix = `ioc-test:notify:${runId}`;
  const counts = new Map<string, number>();
  /** The n-th request (1-based) with this key. */
  const nth = (key: string) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  };
  const url = (p: string) => `${rt.httpUrl}${p}`;
  const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
  const send = (method: string, p: string, body?: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const log = async (ref: string) => (await json<{ items: DeliveryBody[] }>(await fetch(url(`/api/v1/notifications?ref=${encodeURIComponent(ref)}`)))).items;
  const settled = (ref: string, n = 1) =>
    waitFor(`deliveries about ${ref} to settle`, async () => {
      const items = await log(ref);
      return items.length === n && items.every((d) => d.state === 'sent' || d.state === 'failed') ? items : undefined;
    }, 30_000, 100);

  beforeAll(async () => {
    if (skip) return;
    hooks = await startReceiver((h) => {
      if (h.url === '/hook/flaky') return { status: [503, 500, 200][Math.min(nth('flaky'), 3) - 1]! };
      if (h.url.startsWith('/hook/down')) return { status: 500, body: '{"loi":"máy chủ lỗi"}' };
      if (h.url === '/hook/gone') return { status: 410 };
      return { status: 204 };
    });
    gateway = await startReceiver((h) => {
      const phone = (JSON.parse(h.body || '{}') as { Phone?: string }).Phone ?? '';
      if (phone === '84912000001') return nth(phone) <= 2 ? { status: [503, 502][nth(`${phone}-code`) - 1]! } : { status: 200, body: '{"CodeResult":"100","SMSID":"abc"}' };
      if (phone === '84912000002') return { status: 200, body: '{"CodeResult":"99","ErrorMessage":"Brandname chưa đăng ký"}' };
      return { status: 200, body: '{"CodeResult":"100"}' };
    });
    smtp = await startSmtp('ioc@binhphuoc.gov.vn', SECRETS.smtpPass, (addr) => {
      if (addr === 'chanhvanphong@binhphuoc.gov.vn') return nth(addr) <= 2 ? 451 : undefined;
      if (addr === 'khongtontai@binhphuoc.gov.vn') return 550;
      return undefined;
    });
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: tempDir('notify'),
      LOG_LEVEL: 'info',
      IOC_ROLES: 'api,worker',
      AUTH_MODE: 'open',
      KPI_INTERVAL_S: '3600',
      KPI_PERIOD_INTERVAL_S: '3600',
      NOTIFY_ATTEMPTS: '3',
      NOTIFY_BACKOFF_MS: String(BACKOFF_MS),
      NOTIFY_TIMEOUT_MS: '3000',
      NOTIFY_WEBHOOK_SECRET: SECRETS.defaultWebhook,
      SMTP_URL: `smtp://ioc%40binhphuoc.gov.vn:${SECRETS.smtpPass}@127.0.0.1:${smtp.port}`,
      SMS_GATEWAY_URL: `${gateway.url}/sms/send?ApiKey=${SECRETS.smsKey}`,
      SMS_GATEWAY_BODY: '{"Phone":"{{to84}}","Content":"{{text}}","Brandname":"{{brandname}}","RequestId":"{{id}}"}',
      SMS_GATEWAY_AUTH: SECRETS.smsAuth,
      SMS_GATEWAY_SUCCESS: '"CodeResult":"100"',
      SMS_BRANDNAME: 'UBND-BINHPHUOC',
      ...(redis ? { REDIS_URL: 'redis://127.0.0.1:6379', JOBS_PREFIX: jobsPrefix } : {}),
    };
    rt = await startRuntime(loadConfig(env), new Logger('info', 'ioc', (line) => logs.push(line)));
  });
  afterAll(async () => {
    await rt?.close();
    await Promise.all([hooks?.close(), gateway?.close(), smtp?.close()]);
    if (redis && !skip) {
      const r = new Redis('redis://127.0.0.1:6379');
      const keys = await r.keys(`${jobsPrefix}:*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    }
  });

  it.skipIf(skip)('manages targets over REST, never answering a secret', async () => {
    const created = await send('POST', '/api/v1/notification-targets', {
      id: 'so-y-te-truc-ban',
      name: { vi: 'Trực ban Sở Y tế', en: 'Department of Health duty desk' },
      channel: 'webhook',
      address: `${hooks.url}/hook/flaky`,
      secret: SECRETS.webhook,
    });
    expect(created.status).toBe(201);
    const t = await json<Record<string, unknown>>(created);
    expect(t).toMatchObject({ id: 'so-y-te-truc-ban', channel: 'webhook', hasSecret: true, enabled: true, address: `${hooks.url}/hook/flaky` });
    expect(t).not.toHaveProperty('secret');
    expect((await send('POST', '/api/v1/notification-targets', { id: 'chanh-van-phong', name: { vi: 'Chánh Văn phòng UBND tỉnh', en: 'Chief of the provincial office' }, channel: 'email', address: 'chanhvanphong@binhphuoc.gov.vn' })).status).toBe(201);
    expect((await send('POST', '/api/v1/notification-targets', { id: 'chu-tich-xa-tan-phu', name: { vi: 'Chủ tịch UBND xã Tân Phú', en: 'Tan Phu commune chairman' }, channel: 'sms', address: '0912 000 001' })).status).toBe(201);
    const list = await json<{ items: Array<{ id: string }> }>(await fetch(url('/api/v1/notification-targets')));
    expect(list.items.map((x) => x.id)).toEqual(['chanh-van-phong', 'chu-tich-xa-tan-phu', 'so-y-te-truc-ban']);
    expect((await json<{ items: unknown[] }>(await fetch(url('/api/v1/notification-targets?channel=sms')))).items).toHaveLength(1);

    // PUT without the secret keeps it; DELETE removes; both 404 for an unknown id.
    const put = await send('PUT', '/api/v1/notification-targets/so-y-te-truc-ban', { name: { vi: 'Trực ban Sở Y tế (24/7)', en: 'Health duty desk (24/7)' }, channel: 'webhook', address: `${hooks.url}/hook/flaky` });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ name: { vi: 'Trực ban Sở Y tế (24/7)' }, hasSecret: true });
    expect((await send('POST', '/api/v1/notification-targets', { id: 'tam', name: { vi: 'Tạm', en: 'Temp' }, channel: 'sms', address: '0912000009' })).status).toBe(201);
    expect((await send('DELETE', '/api/v1/notification-targets/tam')).status).toBe(204);
    expect((await send('DELETE', '/api/v1/notification-targets/tam')).status).toBe(404);
    expect((await fetch(url('/api/v1/notification-targets/tam'))).status).toBe(404);
    expect((await send('PUT', '/api/v1/notification-targets/tam', { name: { vi: 'a', en: 'a' }, channel: 'sms', address: '0912000009' })).status).toBe(404);
  });

  it.skipIf(skip)('refuses bad input with problem+json naming the field', async () => {
    const cases: Array<[string, string, unknown, number, string[]]> = [
      ['POST', '/api/v1/notification-targets', { id: 'x', name: { vi: 'x', en: 'x' }, channel: 'fax', address: 'a' }, 422, ['channel']],
      ['POST', '/api/v1/notification-targets', { id: 'x', name: { vi: 'x' }, channel: 'email', address: 'khong-phai-email' }, 422, ['name.en']],
      ['POST', '/api/v1/notification-targets', { id: 'x', name: { vi: 'x', en: 'x' }, channel: 'email', address: 'khong-phai-email' }, 422, ['address']],
      ['POST', '/api/v1/notification-targets', { id: 'Có Dấu', name: { vi: 'x', en: 'x' }, channel: 'webhook', address: 'ftp://x.vn' }, 422, ['id', 'address']],
      ['POST', '/api/v1/notification-targets', { id: 'so-y-te-truc-ban', name: { vi: 'x', en: 'x' }, channel: 'webhook', address: 'https://x.vn' }, 409, ['id']],
      ['PUT', '/api/v1/notification-targets/so-y-te-truc-ban', { id: 'khac', name: { vi: 'x', en: 'x' }, channel: 'webhook', address: 'https://x.vn' }, 422, ['id']],
      ['POST', '/api/v1/notifications', { channel: 'sms', to: 'khong-co-ai', text: 'x' }, 422, ['to']],
      ['POST', '/api/v1/notifications', { channel: 'email', to: ['so-y-te-truc-ban'], text: 'x' }, 422, ['to[0]']],
      ['POST', '/api/v1/notifications', { channel: 'sms', to: '0912000003' }, 422, ['text']],
      ['POST', '/api/v1/notifications', { channel: 'pigeon', to: 'a', text: 'x' }, 422, ['channel']],
    ];
    for (const [method, p, body, status, fields] of cases) {
      const res = await send(method, p, body);
      expect(res.status, `${method} ${p} ${JSON.stringify(body)}`).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await json<{ errors?: Array<{ field: string }> }>(res);
      expect(problem.errors?.map((e) => e.field), JSON.stringify(problem)).toEqual(fields);
    }
    const q = await fetch(url('/api/v1/notifications?limit=nhieu&state=lost'));
    expect(q.status).toBe(422);
    expect((await json<{ errors: Array<{ field: string }> }>(q)).errors.map((e) => e.field).sort()).toEqual(['limit', 'state']);
    const malformed = await fetch(url('/api/v1/notifications'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"channel":' });
    expect(malformed.status).toBe(400);
    expect((await fetch(url('/api/v1/notifications/999999'))).status).toBe(404);
  });

  it.skipIf(skip)('webhook: fails twice then succeeds — 3 signed tries with growing delays in the log', async () => {
    const res = await send('POST', '/api/v1/notifications', { channel: 'webhook', to: 'so-y-te-truc-ban', subject: 'Cảnh báo ngập lụt', text: 'Mực nước sông Bé tại Phước Long vượt báo động 2.', ref: 'alert:17' });
    expect(res.status).toBe(202);
    const [queued] = (await json<{ items: DeliveryBody[] }>(res)).items;
    expect(queued).toMatchObject({ state: 'queued', channel: 'webhook', targetId: 'so-y-te-truc-ban', ref: 'alert:17', attempts: 0 });
    const [d] = await settled('alert:17');
    expect(d).toMatchObject({ id: queued!.id, state: 'sent', attempts: 3, responseCode: 200, lastError: null });
    expect(d!.tries.map((t) => [t.attempt, t.state, t.responseCode])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 500],
      [3, 'sent', 200],
    ]);
    const [g1, g2] = gaps(d!.tries);
    expect(g1).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(g2).toBeGreaterThanOrEqual(2 * BACKOFF_MS);
    expect(g2).toBeGreaterThan(g1!);
    // The receiver saw the same three, each signed with the target's key over the exact body.
    const got = hooks.hits.filter((h) => h.url === '/hook/flaky');
    expect(got).toHaveLength(3);
    for (const [i, h] of got.entries()) {
      expect(h.method).toBe('POST');
      expect(h.headers['content-type']).toContain('application/json');
      expect(h.headers['x-ioc-signature-256']).toBe(signBody(h.body, SECRETS.webhook));
      expect(h.headers['x-ioc-delivery']).toBe(d!.id);
      expect(JSON.parse(h.body)).toMatchObject({ deliveryId: d!.id, ref: 'alert:17', subject: 'Cảnh báo ngập lụt', text: 'Mực nước sông Bé tại Phước Long vượt báo động 2.', attempt: i + 1 });
    }
  });

  it.skipIf(skip)('webhook: one that keeps failing ends failed after its tries; a 410 ends it at once', async () => {
    const [down, gone] = await Promise.all([
      rt.notifier.send({ channel: 'webhook', to: `${hooks.url}/hook/down?token=${SECRETS.smsKey}`, text: 'Mất kết nối camera', ref: 'alert:18' }),
      rt.notifier.send({ channel: 'webhook', to: `${hooks.url}/hook/gone`, text: 'x', ref: 'alert:19' }),
    ]);
    expect(down[0]!.recipient).toBe(`${hooks.url}/hook/down?token=***`);
    const [d] = await settled('alert:18');
    expect(d).toMatchObject({ state: 'failed', attempts: 3, responseCode: 500 });
    expect(d!.lastError).toContain('answered 500');
    expect(d!.tries.map((t) => t.state)).toEqual(['failed', 'failed', 'failed']);
    const [g1, g2] = gaps(d!.tries);
    expect(g1).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(g2).toBeGreaterThan(g1!);
    // A direct address is signed with NOTIFY_WEBHOOK_SECRET.
    const hit = hooks.hits.find((h) => h.url.startsWith('/hook/down'))!;
    expect(hit.headers['x-ioc-signature-256']).toBe(signBody(hit.body, SECRETS.defaultWebhook));
    const [g] = await settled('alert:19');
    expect(g).toMatchObject({ id: gone[0]!.id, state: 'failed', attempts: 1, responseCode: 410 });
  });

  it.skipIf(skip)('e-mail: Vietnamese UTF-8 subject and body over SMTP, 2 temporary refusals then sent; a 550 ends it', async () => {
    const subject = 'Cảnh báo: ngập lụt tại xã Tân Phú – mức 2';
    const text = 'Kính gửi Chánh Văn phòng,\nMực nước đã vượt 1,2 m tại ấp 3, xã Tân Phú, thành phố Đồng Xoài.\nĐề nghị chỉ đạo ứng phó.';
    await rt.notifier.send({ channel: 'email', to: 'chanh-van-phong', subject, text, ref: 'alert:20' });
    await rt.notifier.send({ channel: 'email', to: 'khongtontai@binhphuoc.gov.vn', subject, text, ref: 'alert:21' });
    const [d] = await settled('alert:20');
    expect(d).toMatchObject({ state: 'sent', attempts: 3, responseCode: 250, recipient: 'chanhvanphong@binhphuoc.gov.vn' });
    expect(d!.tries.map((t) => [t.state, t.responseCode])).toEqual([
      ['failed', 451],
      ['failed', 451],
      ['sent', 250],
    ]);
    const [g1, g2] = gaps(d!.tries);
    expect(g1).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(g2).toBeGreaterThan(g1!);
    const mails = smtp.mails.filter((m) => m.to.includes('chanhvanphong@binhphuoc.gov.vn'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.user).toBe('ioc@binhphuoc.gov.vn');
    expect(mails[0]!.from).toBe('ioc@binhphuoc.gov.vn');
    const parsed = parseMail(mails[0]!.raw);
    expect(parsed.subject).toBe(subject);
    expect(parsed.text).toBe(text);
    expect(parsed.contentType).toMatch(/charset=utf-8/i);
    const [bad] = await settled('alert:21');
    expect(bad).toMatchObject({ state: 'failed', attempts: 1, responseCode: 550 });
    expect(smtp.authFailures).toBe(0);
  });

  it.skipIf(skip)('SMS gateway: JSON body from the template, 2 server errors then sent; an answer without success ends it', async () => {
    const text = 'UBND xã Tân Phú: cảnh báo ngập, đề nghị người dân ấp 3 di dời đến nơi an toàn.';
    await rt.notifier.send({ channel: 'sms', to: 'chu-tich-xa-tan-phu', text, ref: 'alert:22' });
    await rt.notifier.send({ channel: 'sms', to: '+84 912 000 002', text, ref: 'alert:23' });
    const [d] = await settled('alert:22');
    expect(d).toMatchObject({ state: 'sent', attempts: 3, responseCode: 200, recipient: '0912000001' });
    expect(d!.tries.map((t) => t.responseCode)).toEqual([503, 502, 200]);
    const [g1, g2] = gaps(d!.tries);
    expect(g1).toBeGreaterThanOrEqual(BACKOFF_MS);
    expect(g2).toBeGreaterThan(g1!);
    const hits = gateway.hits.filter((h) => h.body.includes('84912000001'));
    expect(hits).toHaveLength(3);
    for (const h of hits) {
      expect(h.method).toBe('POST');
      expect(h.url).toBe(`/sms/send?ApiKey=${SECRETS.smsKey}`);
      expect(h.headers.authorization).toBe(SECRETS.smsAuth);
      expect(h.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(h.body)).toEqual({ Phone: '84912000001', Content: text, Brandname: 'UBND-BINHPHUOC', RequestId: d!.id });
    }
    const [refused] = await settled('alert:23');
    expect(refused).toMatchObject({ state: 'failed', attempts: 1, responseCode: 200 });
    expect(refused!.lastError).toContain('Brandname chưa đăng ký');
  });

  it.skipIf(skip)('reports the job queue and channels in health, and no secret anywhere', async () => {
    const health = await json<{ components: Record<string, Record<string, unknown>> }>(await fetch(url('/api/v1/health')));
    expect(health.components.jobs).toMatchObject({ state: 'up', kind: redis ? 'bullmq' : 'in-process' });
    if (redis) expect(health.components.jobs).toMatchObject({ prefix: jobsPrefix, queues: { 'notify.delivery': { waiting: 0, active: 0, delayed: 0 } } });
    expect(health.components.notify).toMatchObject({ state: 'up', worker: true, channels: { webhook: { configured: true }, email: { configured: true, server: `smtp://127.0.0.1:${smtp.port}` }, sms: { configured: true, gateway: gateway.url } } });
    const answers = [
      JSON.stringify(health),
      await (await fetch(url('/api/v1/notification-targets'))).text(),
      await (await fetch(url('/api/v1/notifications?limit=1000'))).text(),
      await (await fetch(url('/api/docs/openapi.json'))).text(),
    ];
    // The webhook target key may only go over the wire as its HMAC; SMS credentials only to the gateway.
    for (const s of Object.values(SECRETS)) {
      for (const a of answers) expect(a).not.toContain(s);
      expect(logs.join('\n')).not.toContain(s);
    }
    expect(logs.some((l) => l.includes('notification failed'))).toBe(true);
  });
});

describe('notification configuration', () => {
  function problems(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err.problems.map((p) => p.message);
      throw err;
    }
    return [];
  }

  it('names each bad variable, without echoing a credential', () => {
    const p = problems({
      SMTP_URL: 'http://user:MatKhau-SMTP-9931@mail.vn',
      SMS_GATEWAY_URL: 'ftp://gw.vn/send?key=SMSKEY-4410',
      SMS_GATEWAY_METHOD: 'DELETE',
      SMS_GATEWAY_SUCCESS: '("CodeResult"',
      NOTIFY_ATTEMPTS: '0',
      NOTIFY_BACKOFF_MS: 'nhanh',
      JOBS_PREFIX: 'có dấu cách',
    });
    expect(p.map((m) => m.split(':')[0]).sort()).toEqual(['JOBS_PREFIX', 'NOTIFY_ATTEMPTS', 'NOTIFY_BACKOFF_MS', 'SMS_GATEWAY_METHOD', 'SMS_GATEWAY_SUCCESS', 'SMS_GATEWAY_URL', 'SMTP_URL']);
    expect(p.join('\n')).not.toMatch(/MatKhau|SMSKEY/);
    expect(problems({ SMTP_URL: 'smtp://relay.binhphuoc.gov.vn:25' })).toEqual(['SMTP_FROM: must be set when SMTP_URL is (the SMTP user is not an e-mail address)']);
    expect(problems({ SMTP_URL: 'smtp://relay:25', SMTP_FROM: 'IOC <khong-hop-le>' })[0]).toMatch(/^SMTP_FROM: /);
    const ok = loadConfig({ SMTP_URL: 'smtps://ioc%40binhphuoc.gov.vn:p@mail.binhphuoc.gov.vn', SMS_GATEWAY_URL: 'https://gw.vn/send?phone={{to}}', JOBS_PREFIX: '{ioc}:jobs' });
    expect(ok.notify.smtp?.from).toBe('ioc@binhphuoc.gov.vn');
    expect(ok.notify.sms).toMatchObject({ url: 'https://gw.vn/send?phone={{to}}', method: 'POST' });
    expect(ok.jobs).toEqual({ prefix: '{ioc}:jobs', concurrency: 4 });
  });

  it('stops the server at boot naming the variable', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'server/dist/main.js')], {
        env: { PATH: process.env.PATH ?? '', PORT: '0', MQTT_PORT: '0', MQTT_WS_PORT: '0', DATA_DIR: tempDir('notify-boot'), LOG_LEVEL: 'warn', SMTP_URL: 'smtp://relay:25', NOTIFY_TIMEOUT_MS: '5' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SMTP_FROM: must be set when SMTP_URL is');
    expect(r.stderr).toContain('NOTIFY_TIMEOUT_MS: 5 is out of range (allowed 100–300000)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
