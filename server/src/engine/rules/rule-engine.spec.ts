import { describe, expect, it } from 'vitest';
import type { AlertRule, RuleCondition } from '@ioc/sdk';
import type { AlertSignal } from '../alerts/alert.service.js';
import { Logger } from '../logging/logger.js';
import { ManualClock } from '../time/clock.js';
import { compileRule, RuleCompileError, RuleEngine, type RuleSource } from './rule-engine.js';

const T0 = Date.parse('2026-12-03T08:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function rule(when: RuleCondition, extra: Partial<AlertRule> = {}): AlertRule {
  return { id: 'environment.r', sector: 'environment', name: { vi: 'Luật', en: 'Rule' }, severity: 'major', when, incidentType: null, policyId: 'default', enabled: true, autoResolve: true, origin: 'api', version: 1, updatedAt: at(0), updatedBy: 't', ...extra };
}

function setup(r: AlertRule) {
  const clock = new ManualClock(new Date(T0));
  const sources: RuleSource[] = [
    { id: 'g1', sector: 'environment', kind: 'water-level', name: 'Trạm 1', regionId: 'c1', lon: 106.9, lat: 11.5 },
    { id: 'g2', sector: 'environment', kind: 'water-level', name: 'Trạm 2', regionId: 'c2', lon: 106.8, lat: 11.6 },
  ];
  const log: string[] = [];
  const raised: AlertSignal[] = [];
  const engine = new RuleEngine({
    sources: { get: (id) => sources.find((s) => s.id === id), list: () => sources },
    sink: {
      raise: async (s) => {
        raised.push(s);
        log.push(`raise ${s.key} ${s.value ?? ''}`.trim());
      },
      clear: async (key) => void log.push(`clear ${key}`),
    },
    log: new Logger('error'),
    clock,
  });
  engine.setRules([r]);
  const reading = (src: string, s: number, metrics: Record<string, number>) => engine.telemetry([{ sector: 'environment', sourceId: src, ts: at(s), metrics: Object.entries(metrics) }]);
  return { engine, clock, log, raised, reading };
}

describe('rule engine', () => {
  it('threshold for a duration: raises once the readings stay above for N seconds, per source, and clears when they drop', async () => {
    const { engine, log, reading } = setup(rule({ type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>', value: 4, forS: 600 }));
    reading('g1', 0, { level_m: 4.2 });
    reading('g2', 0, { level_m: 4.5 });
    reading('g1', 300, { level_m: 4.6 });
    reading('g1', 599, { level_m: 4.4 });
    await engine.settled();
    expect(log).toEqual([]);
    reading('g1', 600, { level_m: 4.3 });
    reading('g1', 660, { level_m: 4.8 }); // still above: no second raise
    reading('g2', 400, { level_m: 3.9 }); // g2 dropped before its 10 minutes
    reading('g2', 500, { level_m: 4.1 });
    reading('g1', 720, { level_m: 3.5 });
    await engine.settled();
    expect(log).toEqual(['raise rule:environment.r:g1 4.3', 'clear rule:environment.r:g1']);
  });

  it('rate of change: a rise of at least delta within the window', async () => {
    const { engine, log, reading } = setup(rule({ type: 'rate-of-change', sourceKind: 'water-level', metric: 'level_m', delta: 0.5, withinS: 3600 }));
    reading('g1', 0, { level_m: 2.0 });
    reading('g1', 1800, { level_m: 2.3 });
    reading('g1', 4000, { level_m: 2.7 }); // 0.7 above 2.0, but 2.0 is outside the hour; 0.4 above 2.3
    await engine.settled();
    expect(log).toEqual([]);
    reading('g1', 4500, { level_m: 2.85 }); // 0.55 above 2.3 (at 1800 s, within the hour)
    await engine.settled();
    expect(log).toEqual(['raise rule:environment.r:g1 2.85']);
  });

  it('composite all/any over the same source', async () => {
    const { engine, log, reading } = setup(
      rule({
        type: 'all',
        conditions: [
          { type: 'threshold', sourceKind: 'water-level', metric: 'level_m', op: '>=', value: 3 },
          { type: 'any', conditions: [{ type: 'threshold', sourceKind: 'water-level', metric: 'rain_mm', op: '>', value: 50 }, { type: 'threshold', sourceKind: 'water-level', metric: 'rain_today_mm', op: '>', value: 150 }] },
        ],
      }),
    );
    reading('g1', 0, { level_m: 3.1, rain_mm: 20, rain_today_mm: 80 });
    await engine.settled();
    expect(log).toEqual([]);
    reading('g1', 60, { level_m: 3.2, rain_mm: 30, rain_today_mm: 160 });
    await engine.settled();
    expect(log).toEqual(['raise rule:environment.r:g1 3.2']);
  });

  it('no-data: raised on the sweep once a source is silent longer than afterS, cleared by its next message', async () => {
    const { engine, clock, log, reading } = setup(rule({ type: 'no-data', sourceKind: 'water-level', afterS: 900 }));
    reading('g1', 0, { level_m: 1 });
    reading('g2', 0, { level_m: 1 });
    clock.set(new Date(T0 + 600_000));
    reading('g2', 600, { level_m: 1 });
    clock.set(new Date(T0 + 901_000));
    engine.sweep();
    await engine.settled();
    expect(log).toEqual(['raise rule:environment.r:g1']);
    reading('g1', 950, { level_m: 1 });
    await engine.settled();
    expect(log).toEqual(['raise rule:environment.r:g1', 'clear rule:environment.r:g1']);
  });

  it('events raise every time (repeats are counted by the alert), and KPI rules are per region', async () => {
    const ev = setup(rule({ type: 'event', sourceKind: 'water-level', event: 'flooding' }, { autoResolve: false }));
    ev.engine.events([{ sector: 'environment', sourceId: 'g1', ts: at(0), type: 'flooding' }]);
    ev.engine.events([{ sector: 'environment', sourceId: 'g1', ts: at(5), type: 'flooding' }]);
    ev.engine.events([{ sector: 'environment', sourceId: 'g1', ts: at(6), type: 'other' }]);
    await ev.engine.settled();
    expect(ev.log).toEqual(['raise rule:environment.r:g1', 'raise rule:environment.r:g1']);

    const k = setup(rule({ type: 'kpi', kpi: 'health.bed_occupancy', op: '>', value: 95 }));
    k.engine.kpis([{ kpiId: 'health.bed_occupancy', regionId: 'd1', period: 'realtime', value: 90 }]);
    k.engine.kpis([{ kpiId: 'health.bed_occupancy', regionId: 'd1', period: 'realtime', value: 97 }, { kpiId: 'health.bed_occupancy', regionId: 'd2', period: 'realtime', value: 80 }]);
    k.engine.kpis([{ kpiId: 'health.bed_occupancy', regionId: 'd1', period: 'realtime', value: 93 }]);
    await k.engine.settled();
    expect(k.log).toEqual(['raise rule:environment.r:d1 97', 'clear rule:environment.r:d1']);
    expect(k.raised[0]).toMatchObject({ regionId: 'd1', kpiId: 'health.bed_occupancy' });
  });

  it('refuses a rule that mixes source kinds', () => {
    expect(() => compileRule(rule({ type: 'all', conditions: [{ type: 'no-data', sourceKind: 'water-level', afterS: 100 }, { type: 'no-data', sourceKind: 'air-station', afterS: 100 }] }))).toThrow(RuleCompileError);
  });
});
