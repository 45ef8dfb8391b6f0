import { describe, expect, it } from 'vitest';
import { buildProvinceModel } from '../model/province-model.js';
import { metricSchemas, SECTOR_MANIFESTS, sourceKindSchema } from '../model/sector-manifests.js';
import type { ModelledSource } from '../model/sources/modelled-source.js';
import type { HospitalProfile, TreasuryProfile } from '../model/source-profile.js';
import { seededRandom } from '../random/seeded-random.js';
import { poisoningCluster } from './behaviours/hospital.js';
import { treasuryDaily } from './behaviours/treasury.js';
import { localTime, vietnamTime } from './local-time.js';
import { sourceEvents } from './source-events.js';
import { rawMetrics, telemetryMetrics } from './telemetry-generator.js';

const model = buildProvinceModel();
const sources: ModelledSource[] = model.sources.map((definition) => ({ definition, profile: model.profiles[definition.id] as ModelledSource['profile'] }));
const ofBehaviour = (behaviour: string) => sources.filter((s) => s.profile.behaviour === behaviour);
const random = seededRandom(7);
const MINUTE = 60_000;
/** Monday 23 November 2026, a working and school day; Saturday the 28th. */
const monday = (hour: number, minute = 0) => vietnamTime(2026, 11, 23, hour, minute).getTime();
const saturday = (hour: number) => vietnamTime(2026, 11, 28, hour).getTime();
const day = (startMs: number, stepMin: number) => Array.from({ length: (24 * 60) / stepMin }, (_, k) => startMs + (k + 1) * stepMin * MINUTE - 1);

/** Every behaviour id the modules' profiles name. */
const PROFILE_BEHAVIOURS = [...new Set(SECTOR_MANIFESTS.flatMap((m) => Object.values(m.simulator?.sources ?? {}).map((k) => k.behaviour)))];
const NEW_BEHAVIOURS = ['treasury', 'registration-office', 'attraction-gate', 'accommodation', 'feedback-inbox', 'one-stop-desk', 'document-system'];

describe('module feeds', () => {
  it('implement every behaviour the profiles name, and feed every declared source kind with that behaviour', () => {
    expect(PROFILE_BEHAVIOURS.sort()).toEqual(expect.arrayContaining(NEW_BEHAVIOURS));
    for (const m of SECTOR_MANIFESTS) {
      for (const [kind, sim] of Object.entries(m.simulator?.sources ?? {})) {
        // Moving units are driven by the unit fleet (dispatch/unit-fleet.ts), not by a telemetry behaviour.
        if (m.sourceKinds[kind]?.position) continue;
        const of = sources.filter((s) => s.definition.sector === m.id && s.definition.kind === kind);
        expect(of.length, `${m.id}/${kind}`).toBeGreaterThan(0);
        for (const s of of) expect(s.profile.behaviour, s.definition.id).toBe(sim.behaviour);
      }
      for (const kind of Object.keys(m.sourceKinds)) expect(m.simulator?.sources?.[kind], `${m.id}/${kind} has a profile`).toBeDefined();
    }
  });

  it('keep the new behaviours inside the manifest ranges on a weekday and at the weekend, and publish every metric', () => {
    const problems: string[] = [];
    for (const behaviour of NEW_BEHAVIOURS) {
      for (const s of ofBehaviour(behaviour)) {
        const schemas = metricSchemas(s.definition.sector, s.definition.kind);
        for (const at of [...day(monday(0), 30), ...day(saturday(0), 60)]) {
          const raw = rawMetrics(s, at, random);
          expect(Object.keys(raw).sort()).toEqual(Object.keys(schemas).sort());
          for (const [name, value] of Object.entries(raw)) {
            const schema = schemas[name];
            if (!schema || !Number.isFinite(value) || value < schema.min || value > schema.max) problems.push(`${s.definition.id} ${name}=${value}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('count the day up from local midnight: counters never fall within a day and restart the next', () => {
    const counters = (s: ModelledSource) => Object.keys(metricSchemas(s.definition.sector, s.definition.kind)).filter((m) => m.endsWith('_today') || m.endsWith('_today_musd') || m.endsWith('_today_mvnd') || m === 'rain_today_mm');
    const kinds = ['hospital', 'water-level', ...NEW_BEHAVIOURS];
    for (const behaviour of kinds) {
      const s = ofBehaviour(behaviour)[0] as ModelledSource;
      const readings = day(monday(0), 10).map((at) => telemetryMetrics(s, at, random));
      for (const metric of counters(s)) {
        for (let k = 1; k < readings.length; k++) expect(readings[k]?.[metric], `${s.definition.id} ${metric}`).toBeGreaterThanOrEqual(readings[k - 1]?.[metric] as number);
      }
      const justAfterMidnight = telemetryMetrics(s, monday(24, 1), random);
      for (const metric of counters(s)) expect(justAfterMidnight[metric], `${s.definition.id} ${metric} after midnight`).toBeLessThanOrEqual((readings.at(-1)?.[metric] as number) || 0);
    }
  });

  it('work office hours: treasury, one-stop desks and document systems book nothing at the weekend or before 07:30', () => {
    for (const behaviour of ['treasury', 'one-stop-desk']) {
      for (const s of ofBehaviour(behaviour)) {
        const counters = Object.entries(telemetryMetrics(s, saturday(16), random)).filter(([m]) => m.includes('today'));
        expect(counters.every(([, v]) => v === 0), s.definition.id).toBe(true);
        expect(Object.entries(telemetryMetrics(s, monday(7), random)).filter(([m]) => m.includes('today')).every(([, v]) => v === 0)).toBe(true);
        expect(Object.entries(telemetryMetrics(s, monday(16, 30), random)).some(([m, v]) => m.includes('today') && v > 0), s.definition.id).toBe(true);
      }
    }
    const docs = ofBehaviour('document-system')[0] as ModelledSource;
    expect(telemetryMetrics(docs, monday(17, 30), random).documents_out_today).toBeGreaterThan(20 * (telemetryMetrics(docs, saturday(17), random).documents_out_today as number));
  });

  it('books a year of treasury postings close to the profile’s yearly totals', () => {
    const kb = ofBehaviour('treasury')[0] as ModelledSource;
    const p = kb.profile as TreasuryProfile & { noiseSeed: number };
    const first = localTime(vietnamTime(2026, 1, 1, 12)).dayIndex;
    let revenue = 0;
    let december = 0;
    let june = 0;
    for (let d = first; d < first + 365; d++) {
      revenue += treasuryDaily(p, 'revenue', d);
      const month = localTime(d * 86_400_000).month;
      if (month === 12) december += treasuryDaily(p, 'expenditure', d);
      if (month === 6) june += treasuryDaily(p, 'expenditure', d);
    }
    expect(revenue / p.revenueBnPerYear).toBeGreaterThan(0.9);
    expect(revenue / p.revenueBnPerYear).toBeLessThan(1.1);
    expect(december).toBeGreaterThan(1.5 * june);
  });

  it('fill attractions at weekends and empty them after closing time', () => {
    for (const gate of ofBehaviour('attraction-gate')) {
      expect(telemetryMetrics(gate, saturday(19), random).visitors_today).toBeGreaterThan(2 * (telemetryMetrics(gate, monday(19), random).visitors_today as number));
      expect(telemetryMetrics(gate, monday(20), random).visitors_on_site).toBe(0);
      expect(telemetryMetrics(gate, monday(10), random).visitors_on_site).toBeGreaterThan(0);
    }
    const baRa = sources.find((s) => s.definition.id === 'gate-nui-ba-ra') as ModelledSource;
    const other = sources.find((s) => s.definition.id === 'gate-can-cu-ta-thiet') as ModelledSource;
    expect(telemetryMetrics(baRa, monday(19), random).visitors_today).toBeGreaterThan(4 * (telemetryMetrics(other, monday(19), random).visitors_today as number));
  });

  it('brings about the profile’s food-poisoning clusters a year, province-wide', () => {
    const hospitals = ofBehaviour('hospital');
    let clusters = 0;
    const first = localTime(vietnamTime(2026, 1, 1, 12)).dayIndex;
    for (let d = first; d < first + 3 * 365; d++) for (const h of hospitals) if (poisoningCluster(h.profile as HospitalProfile & { noiseSeed: number }, d)) clusters++;
    // 3 a year expected: 9 in three years, give or take chance.
    expect(clusters).toBeGreaterThanOrEqual(3);
    expect(clusters).toBeLessThanOrEqual(18);
  });
});

describe('module events', () => {
  /** Events of a source over a day, published every 5 minutes. */
  const eventsOfDay = (s: ModelledSource, startMs: number, scale = 1) => day(startMs, 5).flatMap((at) => sourceEvents(s, at, 300, random, scale).map((e) => ({ ...e, at })));

  it('use only declared event types with their declared fields, for every source kind with events', () => {
    const problems: string[] = [];
    for (const s of sources) {
      const schema = sourceKindSchema(s.definition.sector, s.definition.kind);
      for (const event of eventsOfDay(s, monday(0), 50)) {
        const declared = schema.events?.[event.type];
        if (!declared) problems.push(`${s.definition.id}: undeclared ${event.type}`);
        for (const [field, type] of Object.entries(declared?.fields ?? {})) {
          if (typeof event.fields[field] !== type) problems.push(`${s.definition.id} ${event.type}.${field}: ${typeof event.fields[field]}`);
        }
        if (event.atMs !== undefined && (event.atMs > event.at || event.atMs <= event.at - 300_000)) problems.push(`${s.definition.id} ${event.type} at ${event.atMs} outside its window`);
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('raise one citizen-report event per counted report: received, closed and overdue events match the inbox counters', () => {
    let received = 0;
    let closed = 0;
    let overdue = 0;
    for (const inbox of ofBehaviour('feedback-inbox').slice(0, 40)) {
      const events = eventsOfDay(inbox, monday(0));
      const end = telemetryMetrics(inbox, monday(0) + 86_400_000 - 1, random);
      expect(events.filter((e) => e.type === 'report_received').length, inbox.definition.id).toBe(end.received_today);
      expect(events.filter((e) => e.type === 'report_closed').length, inbox.definition.id).toBe(end.closed_today);
      expect(events.filter((e) => e.type === 'report_closed' && e.fields.within_deadline === true).length).toBe(end.closed_in_time_today);
      for (const e of events) expect(e.fields.ward).toBe(inbox.definition.regionId);
      received += end.received_today as number;
      closed += end.closed_today as number;
      overdue += events.filter((e) => e.type === 'report_overdue').length;
    }
    // 40 communes of ~9,400 people at 1 report per 10,000 a day.
    expect(received).toBeGreaterThan(15);
    expect(received).toBeLessThan(90);
    expect(closed).toBeGreaterThan(0);
    expect(overdue).toBeGreaterThan(0);
  });

  it('raise project-registered events for exactly the projects the registration counters count, FDI capital included', () => {
    let projects = 0;
    for (const desk of ofBehaviour('registration-office')) {
      for (let d = 0; d < 10; d++) {
        const start = monday(0) + d * 86_400_000;
        const events = eventsOfDay(desk, start);
        const end = telemetryMetrics(desk, start + 86_400_000 - 1, random);
        expect(events.length).toBe(end.projects_registered_today);
        const fdi = events.filter((e) => e.fields.foreign === true).reduce((s, e) => s + (e.fields.capitalMusd as number), 0);
        expect(fdi).toBeCloseTo(end.fdi_registered_today_musd as number, 1);
        projects += events.length;
      }
    }
    // 140 projects a year over ~248 working days: a handful in ten days.
    expect(projects).toBeGreaterThan(0);
    expect(projects).toBeLessThan(40);
  });

  it('report school-safety incidents only in class hours, and none at scale 0', () => {
    const schools = ofBehaviour('school');
    const atNight = schools.flatMap((s) => sourceEvents(s, monday(21), 3600, random, 1000));
    expect(atNight).toEqual([]);
    const inClass = schools.flatMap((s) => sourceEvents(s, monday(9), 3600, random, 1000));
    expect(inClass.length).toBeGreaterThan(0);
    for (const e of inClass) expect(['violence', 'accident', 'disaster']).toContain(e.fields.category);
    expect(schools.flatMap((s) => sourceEvents(s, monday(9), 3600, random, 0))).toEqual([]);
  });
});
