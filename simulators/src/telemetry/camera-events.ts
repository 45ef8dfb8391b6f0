import type { ModelledSource } from '../model/sources/modelled-source.js';
import type { Random } from '../random/seeded-random.js';
import { placeActivity, trafficIntensity } from './daily-rhythms.js';
import { localTime } from './local-time.js';
import { rainMm } from './weather.js';

/** An analytics event before it gets its ts and id: a manifest event type plus its fields. */
export interface CameraEventDraft {
  type: string;
  fields: Record<string, unknown>;
}

interface Rate {
  type: string;
  perHour: number;
  fields: () => Record<string, unknown>;
}

/**
 * Events a camera raises during the last `elapsedS` seconds (at most one per type): traffic
 * violations in proportion to traffic, crowds when a place is at its busiest, intrusions at
 * night, flooding during heavy rain, and the rare fire or smoke. `rateScale` multiplies every
 * rate (a livelier demo wall, or none at all).
 */
export function cameraEvents(source: ModelledSource, atMs: number, elapsedS: number, random: Random, rateScale = 1): CameraEventDraft[] {
  const { profile, definition } = source;
  const local = localTime(atMs);
  const rain = rainMm(atMs, definition.lon, definition.lat);
  const confidence = () => Math.round(random.float(0.8, 0.99) * 100) / 100;
  const rates: Rate[] = [
    { type: 'fire-smoke', perHour: 0.002, fields: () => ({ confidence: confidence() }) },
    { type: 'flooding', perHour: rain > 20 ? 1.5 : 0, fields: () => ({ confidence: confidence(), rainMm: Math.round(rain) }) },
  ];
  if (profile.behaviour === 'traffic-camera') {
    const violations = profile.violationsPerHour * trafficIntensity(local);
    const speeding = () => ({ speedKmh: profile.speedLimitKmh + random.int(8, 45), speedLimitKmh: profile.speedLimitKmh, plate: plate(random), confidence: confidence() });
    const redLight = () => ({ plate: plate(random), confidence: confidence() });
    if (profile.purpose === 'speed') rates.push({ type: 'speeding', perHour: violations, fields: speeding });
    if (profile.purpose === 'red-light') rates.push({ type: 'red-light-violation', perHour: violations, fields: redLight });
    if (profile.purpose === 'violation') {
      rates.push({ type: 'red-light-violation', perHour: 0.6 * violations, fields: redLight }, { type: 'speeding', perHour: 0.4 * violations, fields: speeding });
    }
    rates.push({ type: 'crowd', perHour: 0.01, fields: () => ({ confidence: confidence() }) });
  } else if (profile.behaviour === 'security-camera') {
    const busy = placeActivity(profile.place, local) > 0.85;
    const night = local.hour >= 22 || local.hour < 5;
    rates.push(
      { type: 'crowd', perHour: busy ? 0.6 : 0.01, fields: () => ({ peopleCount: Math.round(profile.peakPeople * random.float(1.1, 1.8)), confidence: confidence() }) },
      { type: 'intrusion', perHour: night ? 0.06 : 0.004, fields: () => ({ zone: 'restricted', confidence: confidence() }) },
    );
  } else {
    return [];
  }
  const events: CameraEventDraft[] = [];
  for (const rate of rates) {
    const expected = (rate.perHour * rateScale * elapsedS) / 3600;
    if (expected > 0 && random.next() < 1 - Math.exp(-expected)) events.push({ type: rate.type, fields: rate.fields() });
  }
  return events;
}

/** A Bình Phước (93) car plate, e.g. "93A-123.45". */
function plate(random: Random): string {
  return `93${random.pick(['A', 'B', 'C', 'H', 'LD'])}-${random.int(100, 999)}.${String(random.int(0, 99)).padStart(2, '0')}`;
}
