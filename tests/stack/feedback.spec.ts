/**
 * Citizen field reports through the real runtime (embedded defaults, and the production path when
 * Mosquitto and Redis are here): a multipart report with real PNG and JPEG photos gets a tracking
 * code and is routed to its category's department; the photos come back byte for byte; oversize,
 * too many and wrong-type photos are refused naming the field; processing → done with a result
 * the reporter reads by code (never the contact); under the runtime's ManualClock a report passes
 * its deadline and turns overdue; the District 7 statistics by ward, day and department add up;
 * a report becomes an incident linked both ways; the `feedback` socket topic carries a snapshot
 * and then a delta per change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Delta, FeedbackDelta, FeedbackPublic, FeedbackRecord, FeedbackSnapshot, SubscribeAck, TopicSnapshot } from '@ioc/sdk';
import { ManualClock } from '../../server/src/engine/time/clock.js';
import { EMBEDDED, PRODUCTION } from '../support/modes.js';
import { startStack, waitFor } from '../support/stack.js';
import { loadRegionCollection, startFeedbackSubmitter } from '@ioc/simulators';
import { jpegImage, pngImage } from '../support/images.js';

type Stack = Awaited<ReturnType<typeof startStack>>;
type Problem = { status: number; errors?: Array<{ field: string; problem: string }> };
type Stats = { rows: Array<{ key: string; received: number; processed: number; inTime: number; overdue: number }>; total: { received: number; processed: number; inTime: number; overdue: number } };

const MAX_BYTES = 20_000;
const HOUR = 3_600_000;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const mode of [EMBEDDED, PRODUCTION]) {
  describe(`citizen field reports: ${mode.name}`, () => {
    let stack: Stack;
    let env: Awaited<ReturnType<typeof mode.setup>>;
    let socket: Socket;
    // 08:00 in Asia/Ho_Chi_Minh (01:00 UTC) of today: the tests move the clock 27 h in all, and the
    // by-day statistics must see exactly two local days whatever hour the suite runs at.
    const clock = new ManualClock(new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + HOUR));
    const deltas: Array<Delta<FeedbackDelta>> = [];
    let commune: { id: string; center: [number, number] };
    const url = (p: string) => `${stack.httpUrl}${p}`;
    const json = async <T>(r: Response | Promise<Response>): Promise<T> => (await (await r).json()) as T;
    const send = (method: string, p: string, body: unknown) => fetch(url(p), { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const form = (fields: Record<string, string>, photos: Array<{ data: Uint8Array; type: string; name?: string; field?: string }> = []) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      photos.forEach((p, i) => f.append(p.field ?? 'photos', new Blob([new Uint8Array(p.data)], { type: p.type }), p.name ?? `photo-${i}`));
      return fetch(url('/api/v1/feedback'), { method: 'POST', body: f });
    };
    const submit = async (category: string, extra: Record<string, string> = {}) => {
      const res = await form({ category, text: `Phản ánh thử nghiệm ${category}: rác tồn đọng`, lon: String(commune.center[0]), lat: String(commune.center[1]), ...extra });
      expect(res.status).toBe(201);
      return json<FeedbackRecord>(res);
    };

    beforeAll(async () => {
      env = await mode.setup('feedback');
      if (!env) return;
      stack = await startStack({ ...env.env, FEEDBACK_PHOTO_MAX_BYTES: String(MAX_BYTES), FEEDBACK_PHOTO_MAX_COUNT: '3' }, { clock });
      commune = (await json<{ features: Array<{ properties: { id: string; center: [number, number] } }> }>(fetch(url('/api/v1/regions?level=commune')))).features[0]!.properties;
      socket = io(`${stack.httpUrl}/live`, { transports: ['websocket'] });
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('delta', (d: Delta<FeedbackDelta>) => deltas.push(d));
    });

    afterAll(async () => {
      socket?.close();
      await stack?.close();
      await env?.teardown();
    });

    it('lists the categories with their department and deadline', async (ctx) => {
      if (!env) return ctx.skip();
      const c = await json<{ items: Array<{ id: string; department: { id: string }; deadlineHours: number }>; departments: Array<{ id: string }> }>(fetch(url('/api/v1/feedback-categories')));
      expect(c.items.map((x) => x.id)).toEqual(expect.arrayContaining(['security', 'environment', 'urban-order', 'traffic', 'public-service', 'other']));
      expect(c.items.find((x) => x.id === 'security')).toMatchObject({ department: { id: 'cong-an-phuong' }, deadlineHours: 24 });
      expect(c.departments.map((d) => d.id)).toContain('phong-tnmt');
    });

    it('streams a snapshot, then takes a report with real photos: tracking code, routing, deadline, a delta', async (ctx) => {
      if (!env) return ctx.skip();
      const ack = (await socket.emitWithAck('subscribe', { topics: ['feedback'] })) as SubscribeAck;
      const snap = ack[0] as TopicSnapshot<FeedbackSnapshot>;
      expect(snap.topic).toBe('feedback');
      expect(snap.snapshot.open).toEqual([]);
      expect(snap.snapshot.today).toMatchObject({ received: 0, processed: 0 });

      const png = pngImage(120, 80, 7);
      const jpeg = jpegImage();
      const res = await form(
        { category: 'environment', text: 'Rác thải tồn đọng nhiều ngày ở đầu hẻm', lon: String(commune.center[0]), lat: String(commune.center[1]), channel: '1022', contactName: 'Nguyễn Văn A', contactPhone: '0912345678' },
        [{ data: png, type: 'image/png', name: 'rac.png' }, { data: jpeg, type: 'image/jpeg', name: 'rac.jpg' }],
      );
      expect(res.status).toBe(201);
      const r = await json<FeedbackRecord>(res);
      expect(r.code).toMatch(/^PA-\d{4}-[346789ABCDEFGHJKMNPQRTWXY]{4}$/);
      expect(r).toMatchObject({ category: 'environment', department: 'phong-tnmt', state: 'received', regionId: commune.id, channel: '1022', overdue: false, withinDeadline: null, contact: { name: 'Nguyễn Văn A', phone: '0912345678' } });
      expect(Date.parse(r.dueAt) - Date.parse(r.receivedAt)).toBe(72 * HOUR);
      expect(r.photos.map((p) => [p.contentType, p.bytes, p.sha256])).toEqual([
        ['image/png', png.byteLength, sha(png)],
        ['image/jpeg', jpeg.byteLength, sha(jpeg)],
      ]);

      // The bytes come back as they went in.
      for (const [i, original] of [png, jpeg].entries()) {
        const got = await fetch(url(`/api/v1/feedback/${r.id}/photos/${r.photos[i]!.id}`));
        expect(got.status).toBe(200);
        expect(got.headers.get('content-type')).toBe(r.photos[i]!.contentType);
        expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(original))).toBe(true);
      }

      const d = await waitFor('feedback delta', () => deltas.find((x) => x.topic === 'feedback' && x.data.report.id === r.id));
      expect(d.data.event).toMatchObject({ kind: 'received', actor: 'citizen' });
      expect(d.data.report.contact).toBeNull(); // the topic reaches screens without identity
      expect(d.seq).toBe(snap.seq + 1);
      const again = ((await socket.emitWithAck('subscribe', { topics: ['feedback'] })) as SubscribeAck)[0] as TopicSnapshot<FeedbackSnapshot>;
      expect(again.snapshot.open.map((x) => x.id)).toContain(r.id);
      await waitFor("today's figures", async () => (((await socket.emitWithAck('subscribe', { topics: ['feedback'] })) as SubscribeAck)[0] as TopicSnapshot<FeedbackSnapshot>).snapshot.today.received === 1);
    });

    it('refuses oversize, too many, wrong-type photos and bad fields, naming the field', async (ctx) => {
      if (!env) return ctx.skip();
      const fields = { category: 'traffic', text: 'Ổ gà lớn giữa đường' };
      const big = Buffer.concat([pngImage(16, 16, 1), randomBytes(MAX_BYTES + 10)]);
      const oversize = await form(fields, [{ data: big, type: 'image/png' }]);
      expect(oversize.status).toBe(413);
      expect(oversize.headers.get('content-type')).toContain('application/problem+json');
      expect((await json<Problem>(oversize)).errors![0]!.field).toBe('photos');

      const tooMany = await form(fields, [1, 2, 3, 4].map((n) => ({ data: pngImage(8, 8, n), type: 'image/png' })));
      expect(tooMany.status).toBe(413);
      expect((await json<Problem>(tooMany)).errors![0]!.field).toBe('photos');

      const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
      const wrong = await form(fields, [{ data: pngImage(8, 8, 1), type: 'image/png' }, { data: gif, type: 'image/png' }]);
      expect(wrong.status).toBe(415);
      expect((await json<Problem>(wrong)).errors![0]).toMatchObject({ field: 'photos[1]' });

      const mislabelled = await form(fields, [{ data: jpegImage(), type: 'image/png' }]);
      expect(mislabelled.status).toBe(415);
      expect((await json<Problem>(mislabelled)).errors![0]!.field).toBe('photos[0]');

      // JSON with base64 photos: the same checks, after decoding.
      const jsonBig = await send('POST', '/api/v1/feedback', { ...fields, photos: [{ contentType: 'image/png', data: big.toString('base64') }] });
      expect(jsonBig.status).toBe(413);
      expect((await json<Problem>(jsonBig)).errors![0]!.field).toBe('photos[0]');

      const noCategory = await form({ text: 'Thiếu lĩnh vực phản ánh' });
      expect(noCategory.status).toBe(422);
      expect((await json<Problem>(noCategory)).errors!.map((e) => e.field)).toContain('category');
      const unknown = await form({ category: 'weather', text: 'Lĩnh vực không có' });
      expect(unknown.status).toBe(422);
      expect((await json<Problem>(unknown)).errors![0]!.field).toBe('category');
      const badLon = await form({ ...fields, lon: 'east', lat: '11.5' });
      expect(badLon.status).toBe(422);
      expect((await json<Problem>(badLon)).errors![0]!.field).toBe('lon');
      const stray = await form(fields, [{ data: pngImage(8, 8, 1), type: 'image/png', field: 'picture' }]);
      expect(stray.status).toBe(422);
      expect((await json<Problem>(stray)).errors![0]!.field).toBe('picture');
    });

    it('moves received → processing → done with a result the reporter reads by code, without the contact', async (ctx) => {
      if (!env) return ctx.skip();
      const r = await submit('urban-order', { contactPhone: '0987654321', contactEmail: 'a@example.vn' });
      expect(r.department).toBe('qltt-do-thi');
      const noResult = await send('POST', `/api/v1/feedback/${r.id}/transitions`, { to: 'done', actor: 'cán bộ' });
      expect(noResult.status).toBe(422);
      expect((await json<Problem>(noResult)).errors![0]!.field).toBe('result');
      const processing = await json<FeedbackRecord>(send('POST', `/api/v1/feedback/${r.id}/transitions`, { to: 'processing', actor: 'cán bộ phường' }));
      expect(processing).toMatchObject({ state: 'processing' });
      expect(processing.processedAt).not.toBeNull();
      clock.advance(2 * HOUR);
      const done = await json<FeedbackRecord>(send('POST', `/api/v1/feedback/${r.id}/transitions`, { to: 'done', actor: 'cán bộ phường', result: 'Đã yêu cầu các hộ dọn dẹp, trả lại vỉa hè.' }));
      expect(done).toMatchObject({ state: 'done', withinDeadline: true, overdue: false });
      const back = await send('POST', `/api/v1/feedback/${r.id}/transitions`, { to: 'processing', actor: 'x' });
      expect(back.status).toBe(409);

      const tracked = await fetch(url(`/api/v1/feedback/track/${r.code.toLowerCase()}`));
      expect(tracked.status).toBe(200);
      const pub = await json<FeedbackPublic & Record<string, unknown>>(tracked);
      expect(pub).toMatchObject({ code: r.code, state: 'done', result: 'Đã yêu cầu các hộ dọn dẹp, trả lại vỉa hè.', withinDeadline: true });
      expect(JSON.stringify(pub)).not.toContain('0987654321');
      expect(pub).not.toHaveProperty('contact');
      expect(pub).not.toHaveProperty('text');
      expect((await fetch(url('/api/v1/feedback/track/PA-0000-AAAA'))).status).toBe(404);

      const history = await json<{ items: Array<{ kind: string; actor: string }> }>(fetch(url(`/api/v1/feedback/${r.id}/history`)));
      expect(history.items.map((e) => e.kind)).toEqual(['received', 'processing', 'done']);
      expect(history.items[2]!.actor).toBe('cán bộ phường');
    });

    it('re-routes to another department, and refuses an unknown one', async (ctx) => {
      if (!env) return ctx.skip();
      const r = await submit('other');
      expect(r.department).toBe('van-phong-ubnd');
      const moved = await json<FeedbackRecord>(send('POST', `/api/v1/feedback/${r.id}/assignment`, { department: 'phong-qldt', actor: 'điều phối viên' }));
      expect(moved.department).toBe('phong-qldt');
      const bad = await send('POST', `/api/v1/feedback/${r.id}/assignment`, { department: 'nowhere', actor: 'x' });
      expect(bad.status).toBe(422);
      expect((await json<Problem>(bad)).errors![0]!.field).toBe('department');
    });

    it('turns overdue when the clock passes the deadline, and the statistics add up', async (ctx) => {
      if (!env) return ctx.skip();
      const late = await submit('security');
      expect(late.overdue).toBe(false);
      clock.advance(25 * HOUR);
      const now = await json<FeedbackRecord>(fetch(url(`/api/v1/feedback/${late.id}`)));
      expect(now).toMatchObject({ overdue: true, withinDeadline: null, state: 'received' });
      const overdueList = await json<{ items: FeedbackRecord[] }>(fetch(url('/api/v1/feedback?overdue=true')));
      expect(overdueList.items.map((x) => x.id)).toContain(late.id);
      // Done after the deadline: processed, not in time, still counted overdue.
      const doneLate = await json<FeedbackRecord>(send('POST', `/api/v1/feedback/${late.id}/transitions`, { to: 'done', actor: 'công an phường', result: 'Đã xác minh, nhắc nhở.' }));
      expect(doneLate).toMatchObject({ withinDeadline: false, overdue: true });
      await submit('traffic'); // the next local day (the clock moved 25 h)

      const all = await json<{ items: FeedbackRecord[] }>(fetch(url('/api/v1/feedback?limit=1000')));
      const expected = {
        received: all.items.length,
        processed: all.items.filter((x) => x.state === 'done').length,
        inTime: all.items.filter((x) => x.withinDeadline === true).length,
        overdue: all.items.filter((x) => x.overdue).length,
      };
      expect(expected).toMatchObject({ processed: 2, inTime: 1 });
      for (const by of ['ward', 'day', 'department']) {
        const s = await json<Stats>(fetch(url(`/api/v1/feedback/stats?by=${by}`)));
        expect(s.total).toEqual(expected);
        const sum = s.rows.reduce((a, r) => ({ received: a.received + r.received, processed: a.processed + r.processed, inTime: a.inTime + r.inTime, overdue: a.overdue + r.overdue }), { received: 0, processed: 0, inTime: 0, overdue: 0 });
        expect(sum).toEqual(expected);
      }
      const byDay = await json<Stats>(fetch(url('/api/v1/feedback/stats?by=day')));
      expect(byDay.rows.length).toBe(2);
      const byDept = await json<Stats>(fetch(url('/api/v1/feedback/stats?by=department')));
      expect(byDept.rows.find((r) => r.key === 'cong-an-phuong')).toMatchObject({ received: 1, processed: 1, inTime: 0, overdue: 1 });
      const byWard = await json<Stats>(fetch(url('/api/v1/feedback/stats?by=ward')));
      expect(byWard.rows.find((r) => r.key === commune.id)?.received).toBe(expected.received);
      const bad = await fetch(url('/api/v1/feedback/stats?by=week'));
      expect(bad.status).toBe(422);
      expect((await json<Problem>(bad)).errors![0]!.field).toBe('by');
    });

    it('becomes an incident linked both ways', async (ctx) => {
      if (!env) return ctx.skip();
      const r = await submit('environment');
      const res = await send('POST', `/api/v1/feedback/${r.id}/incident`, { actor: 'trực ban IOC' });
      expect(res.status).toBe(201);
      const out = await json<{ report: FeedbackRecord; incidentId: string; incidentCode: string }>(res);
      expect(out.report.incidentId).toBe(out.incidentId);
      const incident = await json<{ origin: string; type: string; regionId: string; links: Array<{ kind: string; refId: string }> }>(fetch(url(`/api/v1/incidents/${out.incidentId}`)));
      expect(incident).toMatchObject({ origin: 'feedback', type: 'field-report', regionId: commune.id });
      expect(incident.links).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'feedback', refId: r.id })]));
      const timeline = await json<{ items: Array<{ kind: string }> }>(fetch(url(`/api/v1/incidents/${out.incidentId}/timeline`)));
      expect(timeline.items.map((e) => e.kind)).toContain('from-feedback');
      const twice = await send('POST', `/api/v1/feedback/${r.id}/incident`, { actor: 'x' });
      expect(twice.status).toBe(409);
      // A category that suggests a type: security → public disorder.
      const s = await submit('security');
      const sec = await json<{ incidentId: string }>(send('POST', `/api/v1/feedback/${s.id}/incident`, { actor: 'trực ban IOC' }));
      expect((await json<{ type: string }>(fetch(url(`/api/v1/incidents/${sec.incidentId}`)))).type).toBe('public-disorder');
      // Every change went out on the topic, one delta each, in order.
      await waitFor('incident delta', () => deltas.some((d) => d.data.report.id === r.id && d.data.event.kind === 'incident'));
      const seqs = deltas.filter((d) => d.topic === 'feedback').map((d) => d.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
    });

    it("takes the simulator's citizens: multipart reports with PNG photos, answered by its officials", async (ctx) => {
      if (!env) return ctx.skip();
      const before = new Set((await json<{ items: FeedbackRecord[] }>(fetch(url('/api/v1/feedback?limit=1000')))).items.map((x) => x.id));
      const sim = startFeedbackSubmitter({ apiUrl: stack.httpUrl, seed: 3, regions: loadRegionCollection().features, perHour: 36_000, photoShare: 1, handledShare: 1, handleAfterMs: [20, 60] });
      await waitFor('simulated reports answered', () => sim.stats.done >= 5, 20_000);
      const stats = await sim.stop();
      expect(stats).toMatchObject({ refused: 0, errors: 0 });
      expect(stats.photos).toBeGreaterThanOrEqual(stats.accepted);
      const items = (await json<{ items: FeedbackRecord[] }>(fetch(url('/api/v1/feedback?limit=1000')))).items;
      const simulated = items.filter((x) => !before.has(x.id));
      expect(simulated.length).toBe(stats.accepted);
      expect(simulated.filter((x) => x.state === 'done' && x.result).length).toBeGreaterThanOrEqual(5);
      expect(simulated.every((x) => x.regionId !== null && x.photos.length >= 1 && x.photos.every((p) => p.contentType === 'image/png'))).toBe(true);
    });
  });
}
