/**
 * The notifier on the embedded database with the in-process job queue on a ManualClock: channel
 * senders are stubs here (the real channels against real receivers are tests/stack/notify.spec.ts).
 * Tries back off exponentially on the clock, every try is logged, a restarted worker picks up
 * where the last one stopped, and secrets stay out of answers and error texts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '@ioc/db';
import { loadConfig } from '../../config/config.js';
import { EmbeddedDatabase } from '../db/embedded-database.js';
import { migrate } from '../db/migrator.js';
import { InProcessBus } from '../bus/in-process-bus.js';
import { InProcessJobs } from '../jobs/in-process-jobs.js';
import { Logger } from '../logging/logger.js';
import { ManualClock } from '../time/clock.js';
import { maskAddress, phone84, toAscii } from './address.js';
import { DeliveryError, type ChannelSender, type OutgoingMessage } from './channels.js';
import { Notifier, NOTIFY_DELIVERY, type DeliveryEvent } from './notifier.js';
import { NotifyError, type NotifyChannel } from './notify.types.js';
import { fillTemplate, smsValues } from './sms-channel.js';
import { signBody } from './webhook-channel.js';

/** A channel whose answers the test scripts: each entry is one try's outcome. */
class ScriptedChannel implements ChannelSender {
  readonly sent: OutgoingMessage[] = [];
  script: Array<'ok' | 'retry' | 'permanent' | 'hang'> = [];
  constructor(readonly channel: NotifyChannel) {}
  async send(m: OutgoingMessage): Promise<{ responseCode: number }> {
    this.sent.push(m);
    const step = this.script.shift() ?? 'ok';
    if (step === 'retry') throw new DeliveryError('answered 503: bận, thử lại sau', { responseCode: 503 });
    if (step === 'permanent') throw new DeliveryError('answered 410: gone', { permanent: true, responseCode: 410 });
    if (step === 'hang') return new Promise(() => undefined);
    return { responseCode: 200 };
  }
  describe() {
    return { configured: true };
  }
}

async function rejection(p: Promise<unknown>): Promise<NotifyError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof NotifyError) return err;
    throw err;
  }
  throw new Error('expected a NotifyError');
}

describe('notifier (embedded database, in-process jobs, manual clock)', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  const clock = new ManualClock('2026-11-20T01:00:00Z');
  const bus = new InProcessBus();
  const events: DeliveryEvent[] = [];
  const logLines: string[] = [];
  const log = new Logger('debug', 'notify', (l) => logLines.push(l));
  const config = loadConfig({ NOTIFY_ATTEMPTS: '4', NOTIFY_BACKOFF_MS: '1000', NOTIFY_WEBHOOK_SECRET: 'khoa-mac-dinh-2026', SMS_GATEWAY_URL: 'https://sms.example.vn/send?ApiKey=APIKEY-123456', SMS_GATEWAY_AUTH: 'Bearer token-sms-987' }).notify;
  const channels = { webhook: new ScriptedChannel('webhook'), sms: new ScriptedChannel('sms') };
  let jobs: InProcessJobs;
  let notifier: Notifier;

  async function start(): Promise<void> {
    jobs = new InProcessJobs({ clock, pollMs: 60_000 });
    notifier = new Notifier(db, jobs, config, { clock, bus, log, channels, sweepMs: 3_600_000 });
    await notifier.startWorker();
  }
  async function stop(): Promise<void> {
    await jobs.close();
    await notifier.stop();
  }
  /** Moves the clock `ms` in steps of 100 ms, running what falls due. */
  async function advance(ms: number): Promise<void> {
    for (let t = 0; t < ms; t += 100) {
      clock.advance(100);
      await jobs.runDue();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-notify-'));
    const mig = path.join(dir, 'migrations');
    fs.mkdirSync(mig);
    for (const f of ['001_core.sql', '012_notifications.sql']) fs.copyFileSync(path.join(migrationsDir, f), path.join(mig, f));
    db = await EmbeddedDatabase.open(path.join(dir, 'data'));
    await migrate(db, mig);
    bus.subscribe<DeliveryEvent>(NOTIFY_DELIVERY, (e) => events.push(e));
    await start();
  });
  afterAll(async () => {
    await stop();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('manages targets by name, checking each address for its channel and never showing a secret', async () => {
    const t = await notifier.createTarget({ id: 'so-y-te-truc-ban', name: { vi: 'Trực ban Sở Y tế', en: 'Health duty desk' }, channel: 'webhook', address: 'https://u:mat-khau@syt.example.vn/hook?token=abc123', secret: 'khoa-rieng-syt' });
    expect(t).toMatchObject({ id: 'so-y-te-truc-ban', hasSecret: true, enabled: true, address: 'https://u:***@syt.example.vn/hook?token=***' });
    expect(JSON.stringify(t)).not.toMatch(/khoa-rieng|mat-khau|abc123/);
    await notifier.createTarget({ id: 'chu-tich-xa-tan-phu', name: { vi: 'Chủ tịch UBND xã Tân Phú', en: 'Tan Phu commune chairman' }, channel: 'sms', address: '0912 345 678' });
    expect((await notifier.target('chu-tich-xa-tan-phu')).address).toBe('0912345678');
    expect((await notifier.targets('sms')).map((x) => x.id)).toEqual(['chu-tich-xa-tan-phu']);

    expect((await rejection(notifier.createTarget({ id: 'so-y-te-truc-ban', name: { vi: 'a', en: 'a' }, channel: 'webhook', address: 'https://x.vn' }))).code).toBe('conflict');
    const bad = await rejection(notifier.createTarget({ id: 'Bad Id', name: { vi: 'a', en: 'a' }, channel: 'email', address: 'not-an-address', secret: 's3cret' }));
    expect(bad.code).toBe('invalid');
    expect(bad.problems.map((p) => p.field)).toEqual(['id', 'address', 'secret']);

    // PUT: the masked address sent back keeps the stored one; an omitted secret is kept.
    const u = await notifier.updateTarget('so-y-te-truc-ban', { id: 'so-y-te-truc-ban', name: { vi: 'Trực ban Sở Y tế (24/7)', en: 'Health duty desk' }, channel: 'webhook', address: t.address, enabled: true });
    expect(u).toMatchObject({ name: { vi: 'Trực ban Sở Y tế (24/7)' }, hasSecret: true, address: t.address });
    const [row] = await db.query<{ address: string; secret: string }>(`SELECT address, secret FROM notification_target WHERE id = 'so-y-te-truc-ban'`);
    expect(row).toEqual({ address: 'https://u:mat-khau@syt.example.vn/hook?token=abc123', secret: 'khoa-rieng-syt' });
    expect((await rejection(notifier.updateTarget('khong-co', { id: 'khong-co', name: { vi: 'a', en: 'a' }, channel: 'sms', address: '0912345678' }))).code).toBe('not-found');
  });

  it('retries a failing delivery with exponential backoff on the clock and logs every try', async () => {
    channels.webhook.script = ['retry', 'retry', 'ok'];
    const t0 = clock.now().getTime();
    const [d] = await notifier.send({ channel: 'webhook', to: 'so-y-te-truc-ban', subject: 'Cảnh báo ngập', text: 'Mực nước sông Bé vượt báo động 2', ref: 'alert:17' });
    expect(d).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 4, targetId: 'so-y-te-truc-ban', ref: 'alert:17' });
    await jobs.runDue();
    expect((await notifier.delivery(d!.id)).state).toBe('retrying');
    await advance(5_000);
    const done = await notifier.delivery(d!.id);
    expect(done).toMatchObject({ state: 'sent', attempts: 3, responseCode: 200, lastError: null, nextAttemptAt: null });
    // Tries at 0, +1 s, +1 s + 2 s on the clock.
    expect(done.tries.map((x) => [x.attempt, x.state, new Date(x.startedAt).getTime() - t0, x.responseCode])).toEqual([
      [1, 'failed', 0, 503],
      [2, 'failed', 1000, 503],
      [3, 'sent', 3000, 200],
    ]);
    expect(done.tries[0]!.error).toBe('answered 503: bận, thử lại sau');
    // The target's own key signs, not the default one.
    expect(channels.webhook.sent.slice(-3).map((m) => [m.attempt, m.secret, m.to])).toEqual([1, 2, 3].map((a) => [a, 'khoa-rieng-syt', 'https://u:mat-khau@syt.example.vn/hook?token=abc123']));
    expect(events.filter((e) => e.id === d!.id).map((e) => `${e.state}#${e.attempt}`)).toEqual(['queued#0', 'retrying#1', 'retrying#2', 'sent#3']);
    expect((await notifier.deliveries({ ref: 'alert:17' })).map((x) => x.id)).toEqual([d!.id]);
  });

  it('ends a delivery failed when its tries are used up, or at once on a permanent refusal', async () => {
    channels.sms.script = ['retry', 'retry', 'retry', 'retry'];
    channels.webhook.script = ['permanent'];
    const [s] = await notifier.send({ channel: 'sms', to: '+84 912 000 111', text: 'Cảnh báo cháy rừng', ref: 'alert:18' });
    const [w] = await notifier.send({ channel: 'webhook', to: 'https://gone.example.vn/hook', text: 'x', ref: 'alert:18' });
    await jobs.runDue();
    await advance(10_000);
    const sms = await notifier.delivery(s!.id);
    expect(sms).toMatchObject({ state: 'failed', attempts: 4, recipient: '+84912000111', lastError: 'answered 503: bận, thử lại sau' });
    expect(sms.tries.map((x) => x.state)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(sms.tries.map((x, i, a) => (i ? new Date(x.startedAt).getTime() - new Date(a[i - 1]!.startedAt).getTime() : 0))).toEqual([0, 1000, 2000, 4000]);
    const hook = await notifier.delivery(w!.id);
    expect(hook).toMatchObject({ state: 'failed', attempts: 1, responseCode: 410 });
    // A direct webhook address is signed with the default key.
    expect(channels.webhook.sent.at(-1)?.secret).toBe('khoa-mac-dinh-2026');
    expect((await notifier.deliveries({ ref: 'alert:18', state: 'failed' })).map((x) => x.id)).toEqual([w!.id, s!.id]);
  });

  it('records deliveries on a channel that is not configured, or to a target switched off, as failed at once', async () => {
    await notifier.createTarget({ id: 'nghi-phep', name: { vi: 'Đang nghỉ phép', en: 'On leave' }, channel: 'sms', address: '0988000111', enabled: false });
    const [mail] = await notifier.send({ channel: 'email', to: 'vanphong@binhphuoc.gov.vn', text: 'Thư thử', ref: 'alert:19' });
    const [off] = await notifier.send({ channel: 'sms', to: 'nghi-phep', text: 'x', ref: 'alert:19' });
    expect(mail).toMatchObject({ state: 'failed', lastError: expect.stringContaining('SMTP_URL') });
    expect(off).toMatchObject({ state: 'failed', lastError: expect.stringContaining('switched off') });
    expect(jobs.size).toBe(0);
  });

  it('refuses a request that cannot be sent, naming the field', async () => {
    const e = await rejection(notifier.send({ channel: 'sms', to: ['so-y-te-truc-ban', 'abc', '0912345678'], text: ' ' }));
    expect(e.problems).toEqual([{ field: 'text', problem: 'must not be empty' }]);
    const e2 = await rejection(notifier.send({ channel: 'sms', to: ['so-y-te-truc-ban', 'abc', '0912345678'], text: 'x' }));
    expect(e2.problems.map((p) => p.field)).toEqual(['to[0]', 'to[1]']);
    expect(e2.problems[0]!.problem).toContain('webhook target');
    const e3 = await rejection(notifier.send({ channel: 'fax' as NotifyChannel, to: 'x', text: 'x' }));
    expect(e3.problems.map((p) => p.field)).toEqual(['channel']);
  });

  it('picks up after a restart: the try cut off is marked, and tries and backoff go on', async () => {
    channels.webhook.script = ['retry', 'hang'];
    const [d] = await notifier.send({ channel: 'webhook', to: 'https://hook.example.vn/x', text: 'Sự cố mất điện', ref: 'alert:20' });
    await jobs.runDue(); // try 1 fails; try 2 due in 1 s
    clock.advance(1000);
    void jobs.runDue(); // try 2 hangs: the worker "dies" during it
    await new Promise((r) => setTimeout(r, 200));
    expect((await notifier.delivery(d!.id)).tries.map((t) => t.state)).toEqual(['failed', 'sending']);
    // A new worker on the same database (the old one's jobs are gone with its memory).
    const oldJobs = jobs;
    const oldNotifier = notifier;
    void oldJobs.close();
    await oldNotifier.stop();
    channels.webhook.script = ['retry', 'ok'];
    clock.advance(STALE);
    await start();
    await jobs.runDue();
    await advance(5_000);
    const done = await notifier.delivery(d!.id);
    expect(done).toMatchObject({ state: 'sent', attempts: 4 });
    expect(done.tries.map((t) => [t.attempt, t.state])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
      [4, 'sent'],
    ]);
    expect(done.tries[1]!.error).toMatch(/interrupted/);
    // After try 3 (the third), the wait is 4 s: the backoff kept growing across the restart.
    expect(new Date(done.tries[3]!.startedAt).getTime() - new Date(done.tries[2]!.startedAt).getTime()).toBe(4000);
  });

  it('keeps secrets out of error texts and logs', async () => {
    const leaky: ChannelSender = {
      channel: 'sms',
      send: async () => {
        throw new DeliveryError('gateway https://sms.example.vn/send?ApiKey=APIKEY-123456 refused Bearer token-sms-987', { permanent: true, responseCode: 401 });
      },
      describe: () => ({ configured: true }),
    };
    const q = new InProcessJobs({ clock, pollMs: 60_000 });
    const n = new Notifier(db, q, config, { clock, log, channels: { sms: leaky } });
    await n.startWorker();
    const [d] = await n.send({ channel: 'sms', to: '0912345678', text: 'x', ref: 'alert:21' });
    await q.runDue();
    const got = await n.delivery(d!.id);
    expect(got.lastError).toBe('gateway https://sms.example.vn/send?*** refused ***');
    await q.close();
    await n.stop();
    const all = logLines.join('\n');
    for (const s of ['APIKEY-123456', 'token-sms-987', 'khoa-rieng-syt', 'khoa-mac-dinh-2026', 'mat-khau']) expect(all).not.toContain(s);
    expect(JSON.stringify(notifier.health())).not.toMatch(/APIKEY|token-sms|khoa/);
  });
});

const STALE = 3 * 60_000;

describe('channel helpers', () => {
  it('signs a webhook body as sha256=<hex HMAC>', () => {
    // openssl: printf '{"a":1}' | openssl dgst -sha256 -hmac k
    expect(signBody('{"a":1}', 'k')).toBe('sha256=c3a92ff9e274cdcce27a58c15a78ec6dcbbdbd0038a87e7a11baef2028fd8bff');
    expect(signBody('{"a":1}', 'k')).not.toBe(signBody('{"a":2}', 'k'));
  });

  it('fills SMS gateway templates with values escaped for JSON, forms and URLs', () => {
    const v = smsValues({ deliveryId: '7', to: '0912345678', subject: null, text: 'Lũ "lớn" tại Đồng Xoài\n', ref: 'alert:17', attempt: 1 }, 'UBND-BINHPHUOC');
    expect(v.to84).toBe('84912345678');
    expect(v.text_ascii).toBe('Lu "lon" tai Dong Xoai\n');
    expect(fillTemplate('{"Phone":"{{to84}}","Content":"{{text}}","Brandname":"{{brandname}}","x":"{{unknown}}"}', v, (s) => JSON.stringify(s).slice(1, -1))).toBe(
      '{"Phone":"84912345678","Content":"Lũ \\"lớn\\" tại Đồng Xoài\\n","Brandname":"UBND-BINHPHUOC","x":"{{unknown}}"}',
    );
    expect(JSON.parse(fillTemplate('{"t":"{{text}}"}', v, (s) => JSON.stringify(s).slice(1, -1))).t).toBe(v.text);
    expect(fillTemplate('https://gw/send?to={{to}}&msg={{text_ascii}}', v, encodeURIComponent)).toBe('https://gw/send?to=0912345678&msg=Lu%20%22lon%22%20tai%20Dong%20Xoai%0A');
  });

  it('writes phone numbers the 84… way, strips diacritics, masks URLs', () => {
    expect(phone84('+84912345678')).toBe('84912345678');
    expect(phone84('0912.345.678')).toBe('84912345678');
    expect(toAscii('Đắk Ơ, Bù Gia Mập')).toBe('Dak O, Bu Gia Map');
    expect(maskAddress('webhook', 'https://a:b@h.vn/p?x=1&y=2')).toBe('https://a:***@h.vn/p?x=***&y=***');
    expect(maskAddress('email', 'a@b.vn')).toBe('a@b.vn');
  });
});
