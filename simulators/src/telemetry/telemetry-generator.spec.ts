import { describe, expect, it } from 'vitest';
import { buildProvinceModel } from '../model/province-model.js';
import { metricSchemas, sourceKindSchema } from '../model/sector-manifests.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import { seededRandom } from '../random/seeded-random.js';
import { cameraEvents } from './camera-events.js';
import { localTime, vietnamTime } from './local-time.js';
import { rawMetrics, telemetryMetrics } from './telemetry-generator.js';

const model = buildProvinceModel();
const sources: ModelledSource[] = model.sources.map((definition) => ({ definition, profile: model.profiles[definition.id] as ModelledSource['profile'] }));
const source = (id: string) => sources.find((s) => s.definition.id === id) as ModelledSource;
const firstOf = (behaviour: string) => sources.find((s) => s.profile.behaviour === behaviour) as ModelledSource;
const random = seededRandom(3);
const MINUTE = 60_000;
/** 2026-11-23 is a Monday in the school year. */
const monday = (hour: number, minute = 0) => vietnamTime(2026, 11, 23, hour, minute).getTime();
const day = (startMs: number, stepMin: number) => Array.from({ length: (24 * 60) / stepMin }, (_, k) => startMs + k * stepMin * MINUTE);

describe('telemetry generators', () => {
  /** Readings outside their manifest range (or not in the manifest at all), as readable strings. */
  const outOfRange = (list: ModelledSource[], instants: number[]): string[] => {
    const problems: string[] = [];
    for (const s of list) {
      const schemas = metricSchemas(s.definition.sector, s.definition.kind);
      for (const at of instants) {
        for (const [name, value] of Object.entries(rawMetrics(s, at, random))) {
          const schema = schemas[name];
          if (!schema || !Number.isFinite(value) || value < schema.min || value > schema.max) {
            problems.push(`${s.definition.id} ${name}=${value} at ${new Date(at).toISOString()}`);
          }
        }
      }
    }
    return problems;
  };

  it('keep every source inside its manifest ranges over a simulated day, before any clamping', () => {
    expect(outOfRange(sources, day(monday(0), 10))).toEqual([]);
  }, 60_000);

  it('stay in range through the seasons (wet and dry, weekdays and weekends)', () => {
    const instants = Array.from({ length: 12 }, (_, m) => day(vietnamTime(2027, m + 1, 14).getTime(), 180)).flat();
    expect(outOfRange(sources, instants)).toEqual([]);
  }, 60_000);

  it('publish every metric of the kind on a school-day morning', () => {
    for (const s of sources) {
      const metrics = telemetryMetrics(s, monday(9), random);
      const names = Object.keys(metricSchemas(s.definition.sector, s.definition.kind));
      expect(Object.keys(metrics).sort()).toEqual(names.sort());
    }
  });

  it('peak traffic at 06–08 h and 16–18 h local time, quiet before dawn', () => {
    const counter = firstOf('traffic-counter');
    const flow = (hour: number) => telemetryMetrics(counter, monday(hour), random).vehicles_per_min as number;
    expect(flow(7)).toBeGreaterThan(3 * flow(3));
    expect(flow(17)).toBeGreaterThan(3 * flow(3));
    expect(flow(7)).toBeGreaterThan(flow(12));
  });

  it('warm the air towards 14 h and dry it at the same time', () => {
    const station = firstOf('air-station');
    const readings = day(monday(0), 30).map((at) => {
      const metrics = telemetryMetrics(station, at, random);
      return { hour: localTime(at).hour, temperature: metrics.temperature ?? NaN, humidity: metrics.humidity ?? NaN };
    });
    const warmest = readings.reduce((a, b) => (b.temperature > a.temperature ? b : a));
    const coolest = readings.reduce((a, b) => (b.temperature < a.temperature ? b : a));
    expect(warmest.hour).toBeGreaterThanOrEqual(12);
    expect(warmest.hour).toBeLessThanOrEqual(16);
    expect(coolest.hour).toBeLessThanOrEqual(8);
    expect(warmest.humidity).toBeLessThan(coolest.humidity);
  });

  it('report attendance only during class sessions on school days', () => {
    const school = firstOf('school');
    expect(telemetryMetrics(school, monday(9), random).attendance_pct).toBeGreaterThan(85);
    expect(telemetryMetrics(school, monday(20), random)).not.toHaveProperty('attendance_pct');
    expect(telemetryMetrics(school, vietnamTime(2026, 11, 22, 9).getTime(), random)).not.toHaveProperty('students_present');
    expect(telemetryMetrics(school, vietnamTime(2027, 7, 14, 9).getTime(), random)).not.toHaveProperty('students_present');
  });

  it('count hospital visits up through the day and restart at midnight; beds drift slowly', () => {
    const hospital = source('hosp-bvdk-tinh');
    const readings = day(monday(0), 5).map((at) => telemetryMetrics(hospital, at, random));
    for (let k = 1; k < readings.length; k++) {
      expect(readings[k]?.visits_today).toBeGreaterThanOrEqual(readings[k - 1]?.visits_today as number);
      expect(readings[k]?.emergency_today).toBeGreaterThanOrEqual(readings[k - 1]?.emergency_today as number);
      expect(Math.abs((readings[k]?.beds_occupied as number) - (readings[k - 1]?.beds_occupied as number))).toBeLessThanOrEqual(18);
    }
    expect(readings.at(-1)?.visits_today).toBeGreaterThan(1000);
    expect(telemetryMetrics(hospital, monday(24, 1), random).visits_today).toBeLessThan(10);
  });

  it('move water levels slowly, higher in the rainy season than in the dry season', () => {
    for (const gauge of sources.filter((s) => s.profile.behaviour === 'water-level')) {
      const levels = day(monday(0), 5).map((at) => telemetryMetrics(gauge, at, random).level_m as number);
      for (let k = 1; k < levels.length; k++) expect(Math.abs((levels[k] as number) - (levels[k - 1] as number))).toBeLessThan(0.15);
      const september = telemetryMetrics(gauge, vietnamTime(2027, 9, 30, 12).getTime(), random).level_m as number;
      const march = telemetryMetrics(gauge, vietnamTime(2027, 3, 30, 12).getTime(), random).level_m as number;
      expect(september, gauge.definition.id).toBeGreaterThan(march);
    }
  });
});

describe('camera analytics events', () => {
  it('use only event types the manifest declares, with their required fields', () => {
    for (const camera of sources.filter((s) => s.definition.kind === 'camera')) {
      const schema = sourceKindSchema(camera.definition.sector, camera.definition.kind);
      for (const at of day(monday(0), 60)) {
        for (const event of cameraEvents(camera, at, 3600, random, 50)) {
          const eventSchema = schema.events?.[event.type];
          expect(eventSchema, `${camera.definition.id} ${event.type}`).toBeDefined();
          for (const [field, type] of Object.entries(eventSchema?.fields ?? {})) expect(typeof event.fields[field]).toBe(type);
        }
      }
    }
  });

  it('are rare at the default rate: a few per camera per day', () => {
    const camera = sources.find((s) => s.profile.behaviour === 'traffic-camera') as ModelledSource;
    const perDay = day(monday(0), 1 / 12).reduce((n, at) => n + cameraEvents(camera, at, 5, random).length, 0);
    expect(perDay).toBeGreaterThan(0);
    expect(perDay).toBeLessThan(200);
    expect(cameraEvents(camera, monday(8), 5, random, 0)).toEqual([]);
  }, 30_000);
});
