import type { ModelledSource } from '../model/sources/modelled-source.js';
import { hashSeed, seededRandom } from '../random/seeded-random.js';
import { placeActivity, trafficIntensity } from '../telemetry/daily-rhythms.js';
import { localTime } from '../telemetry/local-time.js';
import { textWidth } from './bitmap-font.js';
import { Raster, type Rgb } from './raster.js';

/** An analytics event the camera raised, as the overlay shows it for a few seconds. */
export interface SeenEvent {
  type: string;
  atMs: number;
  fields: Record<string, unknown>;
}

export interface FrameInput {
  camera: ModelledSource;
  atMs: number;
  width: number;
  height: number;
  /** Events of this camera; those of the last `EVENT_SHOWN_MS` are drawn as detections. */
  events: readonly SeenEvent[];
}

/** How long a detection box stays on the picture after its event. */
export const EVENT_SHOWN_MS = 10_000;

const WHITE: Rgb = [245, 245, 245];
const RED: Rgb = [239, 68, 68];
const YELLOW: Rgb = [250, 204, 21];
const GREEN: Rgb = [34, 197, 94];
const CYAN: Rgb = [34, 211, 238];
const VEHICLE_COLORS: Rgb[] = [[220, 38, 38], [241, 245, 249], [30, 64, 175], [234, 179, 8], [71, 85, 105], [15, 23, 42], [22, 163, 74], [194, 65, 12]];
const CLOTHES: Rgb[] = [[220, 38, 38], [37, 99, 235], [250, 250, 250], [234, 179, 8], [22, 163, 74], [147, 51, 234], [30, 41, 59], [236, 72, 153]];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** "03/12/2026 19:52:10" in Asia/Ho_Chi_Minh (a fixed UTC+7). */
export function overlayTimestamp(atMs: number): string {
  const d = new Date(atMs + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Daylight 0 (night) … 1 (noon), from the local hour. */
function daylight(hour: number): number {
  if (hour < 5 || hour >= 19.5) return 0;
  if (hour < 7) return (hour - 5) / 2;
  if (hour > 17.5) return (19.5 - hour) / 2;
  return 1;
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];

/** One picture of a simulated camera at `atMs`: its scene, what moves in it, detections and the on-screen display. */
export function renderFrame(input: FrameInput): Raster {
  const { camera, atMs, width, height } = input;
  const raster = new Raster(width, height);
  const local = localTime(atMs);
  const light = daylight(local.hour);
  const seed = hashSeed('camera-picture', camera.definition.id);
  const recent = input.events.filter((e) => atMs - e.atMs >= 0 && atMs - e.atMs < EVENT_SHOWN_MS);
  let targets: Box[];
  if (camera.profile.behaviour === 'traffic-camera') {
    targets = drawRoad(raster, atMs, seed, light, trafficIntensity(local), camera.profile.purpose, camera.profile.speedLimitKmh);
  } else {
    const place = camera.profile.behaviour === 'security-camera' ? camera.profile.place : 'square';
    targets = drawPlaza(raster, atMs, seed, light, camera.profile.behaviour === 'security-camera' ? placeActivity(place, local) : 0.3, place);
  }
  if (light < 1) raster.fillRect(0, 0, width, height, [8, 12, 40], 0.45 * (1 - light));
  drawDetections(raster, recent, targets, atMs);
  drawDisplay(raster, camera, atMs);
  return raster;
}

/** A two-way road across the picture with vehicles moving in four lanes; returns the vehicles' boxes. */
function drawRoad(r: Raster, atMs: number, seed: number, light: number, intensity: number, purpose: string, speedLimitKmh: number): Box[] {
  const { width: W, height: H } = r;
  const horizon = Math.round(H * 0.3);
  r.gradient(0, horizon, mix([20, 30, 60], [110, 170, 225], light), mix([40, 50, 80], [190, 215, 235], light));
  r.fillRect(0, horizon, W, H - horizon, mix([20, 40, 25], [74, 124, 60], light));
  // Trees along the far verge.
  const trees = seededRandom(seed ^ 0x51);
  for (let i = 0; i < 9; i++) {
    const x = trees.int(0, W - 30);
    const s = trees.int(18, 34);
    r.fillRect(x + s / 2 - 2, horizon - 4, 4, 10, [70, 50, 30]);
    r.fillRect(x, horizon - s, s, s - 2, mix([15, 50, 25], [40, 110, 50], light));
  }
  const roadTop = Math.round(H * 0.42);
  const roadH = Math.round(H * 0.44);
  const laneH = roadH / 4;
  r.fillRect(0, roadTop - 4, W, roadH + 8, [150, 150, 150]);
  r.fillRect(0, roadTop, W, roadH, mix([30, 32, 36], [78, 80, 86], light));
  r.fillRect(0, roadTop + roadH / 2 - 2, W, 4, [230, 200, 60]);
  for (const lane of [1, 3]) {
    for (let x = 0; x < W; x += 40) r.fillRect(x, roadTop + lane * laneH - 1, 22, 2, [220, 220, 220]);
  }
  if (purpose === 'red-light') {
    // A stop line and a light cycling 20 s green, 4 s amber, 16 s red.
    r.fillRect(W * 0.62, roadTop, 4, roadH / 2, WHITE);
    const phase = (atMs / 1000) % 40;
    const lamp: Rgb = phase < 20 ? GREEN : phase < 24 ? YELLOW : RED;
    r.fillRect(W * 0.62 + 10, roadTop - 62, 4, 58, [60, 60, 60]);
    r.fillRect(W * 0.62 + 4, roadTop - 72, 16, 30, [20, 20, 20]);
    r.fillRect(W * 0.62 + 7, roadTop - (phase < 20 ? 52 : phase < 24 ? 62 : 69), 10, 8, lamp);
  } else if (purpose === 'speed') {
    const x = Math.round(W * 0.08);
    r.fillRect(x + 12, roadTop - 50, 3, 46, [90, 90, 90]);
    r.fillRect(x, roadTop - 76, 28, 28, [240, 240, 240]);
    r.strokeRect(x, roadTop - 76, 28, 28, RED, 3);
    const text = String(speedLimitKmh);
    r.text(text, x + 14 - textWidth(text) / 2, roadTop - 66, [0, 0, 0]);
  }
  // Vehicles: more of them at busy hours; each keeps its lane, speed and size.
  const count = Math.max(2, Math.round(3 + 9 * intensity));
  const boxes: Box[] = [];
  const t = atMs / 1000;
  for (let i = 0; i < count; i++) {
    const v = seededRandom(hashSeed(seed, 'vehicle', i));
    const lane = i % 4;
    const truck = v.next() < 0.2;
    const bike = !truck && v.next() < 0.35;
    const length = truck ? v.int(64, 84) : bike ? 16 : v.int(34, 44);
    const height = truck ? laneH * 0.8 : bike ? laneH * 0.35 : laneH * 0.62;
    const speed = v.float(35, 80) * (bike ? 0.8 : 1);
    const span = W + 120;
    const travelled = (v.next() * span + speed * t) % span;
    const forward = lane >= 2;
    const x = forward ? travelled - 100 : W - travelled + 20 - length;
    const y = roadTop + lane * laneH + (laneH - height) / 2;
    const color = bike ? [30, 30, 30] as Rgb : VEHICLE_COLORS[v.int(0, VEHICLE_COLORS.length - 1)]!;
    r.fillRect(x, y, length, height, mix([10, 10, 10], color, 0.35 + 0.65 * light));
    if (!bike) {
      // Windscreen towards the direction of travel, lights at night.
      const front = forward ? x + length - 10 : x + 2;
      r.fillRect(front, y + 2, 8, height - 4, mix([20, 30, 40], [140, 180, 210], light));
      if (light < 0.6) r.fillRect(forward ? x + length : x - 3, y + 2, 3, height - 4, [255, 240, 170]);
    } else {
      r.fillRect(x + 5, y - 6, 6, 7, CLOTHES[v.int(0, CLOTHES.length - 1)]!);
    }
    boxes.push({ x, y, w: length, h: height });
  }
  return boxes.filter((b) => b.x > 10 && b.x + b.w < W - 10);
}

/** A paved square with a gate or building at the back and people walking; returns the people's boxes. */
function drawPlaza(r: Raster, atMs: number, seed: number, light: number, activity: number, place: string): Box[] {
  const { width: W, height: H } = r;
  const back = Math.round(H * 0.36);
  r.gradient(0, back, mix([20, 30, 60], [120, 175, 225], light), mix([40, 50, 80], [200, 220, 235], light));
  // The building or gate the camera watches.
  const wall = mix([40, 38, 36], [196, 180, 150], light);
  r.fillRect(W * 0.1, back - 70, W * 0.8, 70, wall);
  r.fillRect(W * 0.1, back - 78, W * 0.8, 10, mix([60, 20, 20], [170, 60, 50], light));
  for (let i = 0; i < 7; i++) r.fillRect(W * 0.14 + i * W * 0.1, back - 56, W * 0.05, 22, light > 0.3 ? [70, 90, 110] : [250, 220, 130]);
  const gateX = W * 0.44;
  r.fillRect(gateX, back - 30, W * 0.12, 30, [30, 30, 34]);
  if (place === 'gateway' || place === 'school-gate' || place === 'public-building') {
    for (let x = gateX; x < gateX + W * 0.12; x += 6) r.fillRect(x, back - 30, 2, 30, [150, 150, 150]);
  }
  // Paving in a checker of two greys.
  const tile = 24;
  for (let y = back; y < H; y += tile) {
    for (let x = 0; x < W; x += tile) {
      const odd = ((x / tile) ^ ((y - back) / tile)) & 1;
      r.fillRect(x, y, tile, tile, mix(odd ? [40, 40, 44] : [34, 34, 38], odd ? [170, 168, 160] : [150, 148, 142], light));
    }
  }
  const trees = seededRandom(seed ^ 0x77);
  for (let i = 0; i < 4; i++) {
    const x = i < 2 ? trees.int(4, 60) + i * 20 : W - trees.int(40, 90) - (i - 2) * 20;
    r.fillRect(x + 12, back + 10, 5, 30, [80, 55, 30]);
    r.fillRect(x, back - 20, 30, 34, mix([15, 50, 25], [45, 120, 55], light));
  }
  // People: as many as the place's hour asks for, walking slow loops.
  const count = Math.max(1, Math.round(2 + 22 * activity));
  const t = atMs / 1000;
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) {
    const p = seededRandom(hashSeed(seed, 'person', i));
    const cx = p.float(0.08, 0.92) * W;
    const cy = p.float(back + 24, H - 30);
    const radius = p.float(15, 60);
    const speed = p.float(0.05, 0.25) * (p.next() < 0.5 ? -1 : 1);
    const angle = p.next() * Math.PI * 2 + speed * t;
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * 0.4 * Math.sin(angle);
    const scale = 0.6 + (0.6 * (y - back)) / (H - back);
    const w = 7 * scale;
    const h = 20 * scale;
    r.fillRect(x, y - h, w, h * 0.68, CLOTHES[p.int(0, CLOTHES.length - 1)]!);
    r.fillRect(x, y - h * 0.32, w * 0.45, h * 0.32, [40, 40, 60]);
    r.fillRect(x + w * 0.55, y - h * 0.32, w * 0.45, h * 0.32, [40, 40, 60]);
    r.fillRect(x + w * 0.15, y - h - 5 * scale, w * 0.7, 5 * scale, [230, 190, 150]);
    boxes.push({ x, y: y - h - 5 * scale, w, h: h + 5 * scale });
  }
  return boxes.filter((b) => b.x > 10 && b.x + b.w < W - 10);
}

/** Boxes and labels for the recent analytics events, on the vehicle or person nearest the picture's centre. */
function drawDetections(r: Raster, events: readonly SeenEvent[], targets: readonly Box[], atMs: number): void {
  const centre = { x: r.width / 2, y: r.height * 0.6 };
  const byDistance = [...targets].sort((a, b) => Math.hypot(a.x + a.w / 2 - centre.x, a.y - centre.y) - Math.hypot(b.x + b.w / 2 - centre.x, b.y - centre.y));
  let labelY = 40;
  events.forEach((event, k) => {
    const blink = Math.floor((atMs - event.atMs) / 500) % 2 === 0;
    const f = event.fields;
    const confidence = typeof f.confidence === 'number' ? ` ${Math.round(f.confidence * 100)}%` : '';
    let box: Box | undefined;
    let color = RED;
    let text = event.type.toUpperCase();
    if (event.type === 'speeding') {
      box = byDistance[k];
      text = `QUA TOC DO ${f.plate ?? ''} ${f.speedKmh ?? ''}/${f.speedLimitKmh ?? ''} KM/H`;
    } else if (event.type === 'red-light-violation') {
      box = byDistance[k];
      text = `VUOT DEN DO ${f.plate ?? ''}`;
    } else if (event.type === 'crowd') {
      color = YELLOW;
      const group = byDistance.slice(0, 6);
      if (group.length > 0) {
        const x0 = Math.min(...group.map((b) => b.x));
        const y0 = Math.min(...group.map((b) => b.y));
        box = { x: x0 - 6, y: y0 - 6, w: Math.max(...group.map((b) => b.x + b.w)) - x0 + 12, h: Math.max(...group.map((b) => b.y + b.h)) - y0 + 12 };
      }
      text = `TU TAP DONG NGUOI${typeof f.peopleCount === 'number' ? ` ${f.peopleCount}` : ''}`;
    } else if (event.type === 'intrusion') {
      box = byDistance[k] ?? { x: r.width * 0.44, y: r.height * 0.25, w: 30, h: 40 };
      text = 'XAM NHAP KHU VUC CAM';
    } else if (event.type === 'fire-smoke') {
      box = { x: r.width * 0.15, y: r.height * 0.1, w: 90, h: 70 };
      for (let i = 0; i < 6; i++) r.fillRect(box.x + 10 + i * 11, box.y + 40 - ((i * 7 + atMs / 100) % 30), 18, 18, [120, 120, 120], 0.6);
      r.fillRect(box.x + 30, box.y + 50, 30, 16, [249, 115, 22]);
      text = 'KHOI / LUA';
    } else if (event.type === 'flooding') {
      color = CYAN;
      box = { x: 0, y: r.height * 0.62, w: r.width, h: r.height * 0.38 - 2 };
      r.fillRect(box.x, box.y, box.w, box.h, [40, 90, 140], 0.55);
      text = `NGAP NUOC${typeof f.rainMm === 'number' ? ` MUA ${f.rainMm} MM` : ''}`;
    }
    if (box) {
      r.strokeRect(box.x - 3, box.y - 3, box.w + 6, box.h + 6, color, 2);
      if (blink) r.fillRect(box.x - 3, box.y - 6, 6, 3, color);
    }
    const label = `${text}${confidence}`.replace(/\s+/g, ' ').trim();
    const x = box ? Math.max(2, Math.min(r.width - textWidth(label) - 8, box.x - 3)) : 6;
    const y = box ? Math.max(28, box.y - 17) : labelY;
    r.label(label, x, y, color);
    labelY += 14;
  });
}

/** The on-screen display: camera name and id at the top, the local time at the bottom, a blinking REC. */
function drawDisplay(r: Raster, camera: ModelledSource, atMs: number): void {
  const { width: W, height: H } = r;
  const name = camera.definition.name.replace(/^Camera\s+/i, '');
  let shown = name;
  if (textWidth(shown) > W - 16) {
    while (shown.length > 4 && textWidth(`${shown}..`) > W - 16) shown = shown.slice(0, -1);
    shown = `${shown.trimEnd()}..`;
  }
  r.fillRect(0, 0, W, 26, [0, 0, 0], 0.55);
  r.text(shown, 6, 4, WHITE);
  r.text(camera.definition.id, 6, 15, [200, 200, 200]);
  if (Math.floor(atMs / 1000) % 2 === 0) r.fillRect(W - 40, 15, 7, 7, RED);
  r.text('REC', W - 28, 15, [200, 200, 200]);
  const stamp = overlayTimestamp(atMs);
  const sw = textWidth(stamp, 2);
  r.fillRect(W - sw - 12, H - 22, sw + 12, 22, [0, 0, 0], 0.55);
  r.text(stamp, W - sw - 6, H - 18, WHITE, 2);
  r.label('GMT+7', 4, H - 17, [200, 200, 200]);
}
