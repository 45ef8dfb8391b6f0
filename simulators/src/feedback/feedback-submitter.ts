import type { RegionFeature } from '../geo/region-feature.js';
import { pointInPolygon, type Position } from '../geo/polygon.js';
import type { Log } from '../publish/mqtt-connection.js';
import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';
import { pngImage } from './png.js';
import { CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, FEEDBACK_TEXTS, PLACES } from './report-texts.js';

export interface FeedbackSubmitterOptions {
  apiUrl: string;
  token?: string;
  seed: number;
  /** The seed geography: reports fall inside its communes. */
  regions: readonly RegionFeature[];
  /** Mean reports per hour (Poisson arrivals). */
  perHour: number;
  /** Share of reports with photos (1–3 PNGs each; default 0.6). */
  photoShare?: number;
  /**
   * Officials on the other side: this share of reports (default 0.8) is taken into processing
   * after `handleAfterMs` and answered (done, with a result) after as long again, so the panel
   * shows processed and in-time figures. 0 leaves every report received.
   */
  handledShare?: number;
  handleAfterMs?: [number, number];
  log?: Log;
  signal?: AbortSignal;
}

export interface FeedbackStats {
  submitted: number;
  accepted: number;
  photos: number;
  refused: number;
  processed: number;
  done: number;
  errors: number;
}

export interface FeedbackSubmitter {
  readonly stats: FeedbackStats;
  stop(): Promise<FeedbackStats>;
}

const RESULTS = [
  'Đã kiểm tra hiện trường, yêu cầu khắc phục; đơn vị liên quan đã xử lý xong.',
  'Đã phối hợp lực lượng chức năng xử lý, lập biên bản vi phạm.',
  'Đã chuyển đơn vị quản lý sửa chữa, hoàn thành trong ngày.',
  'Đã giải thích, hướng dẫn người dân; hồ sơ đã được trả kết quả.',
];

function weighted(r: Random, weights: Record<string, number>): string {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let x = r.next() * total;
  for (const [k, w] of Object.entries(weights)) if ((x -= w) < 0) return k;
  return Object.keys(weights)[0]!;
}

/** A point inside the commune: jitter around its centre, kept when inside the boundary. */
function pointIn(r: Random, commune: RegionFeature): Position {
  const [lon, lat] = commune.properties.center;
  for (let i = 0; i < 20; i++) {
    const p: Position = [lon + r.float(-0.01, 0.01), lat + r.float(-0.01, 0.01)];
    if (pointInPolygon(p, commune.geometry.coordinates)) return p;
  }
  return [lon, lat];
}

/**
 * Citizens' field reports over HTTP: POST /api/v1/feedback as multipart forms with real PNG
 * photos, at a Poisson rate, in the category and channel mix of the District 7 panel; optionally
 * officials move them to processing and done with a result.
 */
export function startFeedbackSubmitter(o: FeedbackSubmitterOptions): FeedbackSubmitter {
  const r = seededRandom(hashSeed(o.seed, 'feedback'));
  const communes = o.regions.filter((f) => f.properties.level === 'commune');
  const stats: FeedbackStats = { submitted: 0, accepted: 0, photos: 0, refused: 0, processed: 0, done: 0, errors: 0 };
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  const timers = new Set<NodeJS.Timeout>();
  const inflight = new Set<Promise<unknown>>();
  let stopped = false;
  const [minHandle, maxHandle] = o.handleAfterMs ?? [20_000, 180_000];

  const later = (ms: number, fn: () => Promise<void>) => {
    const t = setTimeout(() => {
      timers.delete(t);
      track(fn());
    }, ms);
    timers.add(t);
  };
  const track = (p: Promise<unknown>) => {
    const q = p.catch((err: Error) => {
      stats.errors++;
      o.log?.(`ioc-sim: field report request failed: ${err.message}`);
    });
    inflight.add(q);
    void q.finally(() => inflight.delete(q));
  };

  const move = async (id: string, body: Record<string, string>) => {
    const res = await fetch(`${o.apiUrl}/api/v1/feedback/${id}/transitions`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: o.signal ?? null });
    if (!res.ok) throw new Error(`transition to ${body.to}: HTTP ${res.status}`);
  };

  const submitOne = async () => {
    if (!communes.length) return;
    const commune = r.pick(communes);
    const category = weighted(r, CATEGORY_WEIGHTS);
    const [lon, lat] = pointIn(r, commune);
    const form = new FormData();
    form.set('category', category);
    form.set('text', `${r.pick(FEEDBACK_TEXTS[category] ?? FEEDBACK_TEXTS.other!)}, ${r.pick(PLACES)}, ${commune.properties.name}.`);
    form.set('lon', lon.toFixed(6));
    form.set('lat', lat.toFixed(6));
    form.set('channel', weighted(r, CHANNEL_WEIGHTS));
    if (r.next() < 0.5) form.set('contactPhone', `09${r.int(10_000_000, 99_999_999)}`);
    const photos = r.next() < (o.photoShare ?? 0.6) ? r.int(1, 3) : 0;
    for (let i = 0; i < photos; i++) {
      const png = pngImage(r.int(64, 320), r.int(48, 240), r.int(1, 1_000_000));
      form.append('photos', new Blob([new Uint8Array(png)], { type: 'image/png' }), `anh-${i + 1}.png`);
    }
    stats.submitted++;
    const res = await fetch(`${o.apiUrl}/api/v1/feedback`, { method: 'POST', headers, body: form, signal: o.signal ?? null });
    if (res.status >= 400 && res.status < 500) {
      stats.refused++;
      o.log?.(`ioc-sim: field report refused (${res.status}): ${await res.text()}`);
      return;
    }
    if (!res.ok) throw new Error(`submit: HTTP ${res.status}`);
    const report = (await res.json()) as { id: string; code: string };
    stats.accepted++;
    stats.photos += photos;
    if (r.next() < (o.handledShare ?? 0.8)) {
      const wait = r.int(minHandle, maxHandle);
      later(wait, async () => {
        await move(report.id, { to: 'processing', actor: 'can-bo-xu-ly' });
        stats.processed++;
        later(r.int(minHandle, maxHandle), async () => {
          await move(report.id, { to: 'done', actor: 'can-bo-xu-ly', result: r.pick(RESULTS) });
          stats.done++;
        });
      });
    }
  };

  const meanMs = 3_600_000 / Math.max(o.perHour, 1e-9);
  const next = () => {
    if (stopped || o.perHour <= 0) return;
    // Exponential gaps: arrivals of independent citizens.
    later(Math.min(-Math.log(1 - r.next()) * meanMs, 6 * meanMs), async () => {
      next();
      await submitOne();
    });
  };
  next();
  o.log?.(`ioc-sim: field reports at about ${o.perHour}/h to ${o.apiUrl}/api/v1/feedback`);

  return {
    stats,
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all([...inflight]);
      return stats;
    },
  };
}
