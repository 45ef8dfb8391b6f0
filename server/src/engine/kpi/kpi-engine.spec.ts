import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir, regionsSeedFile } from '@ioc/db';
import type { KpiRiskEvent, KpiValue, SectorManifest } from '@ioc/sdk';
import { EmbeddedDatabase } from '../db/embedded-database.js';
import { migrate } from '../db/migrator.js';
import { InProcessBus } from '../bus/in-process-bus.js';
import { Logger } from '../logging/logger.js';
import { ModuleRegistry } from '../registry/module-registry.js';
import { seedRegions } from '../registry/region-seed.js';
import { ManualClock } from '../time/clock.js';
import { KpiCatalog } from './catalog.js';
import { KPI_RISK, KPI_VALUES, KpiEngine, type KpiRiskMessage, type KpiValuesMessage } from './kpi-engine.js';
import { RegionTree } from '../registry/region-tree.js';
import { TargetBook } from './targets.js';

/**
 * KPI math on fixture data, checked against values computed by hand (see the comments). Now is
 * 2026-11-22 12:00 in Hồ Chí Minh City (05:00Z); the local day began at 2026-11-21T17:00Z.
 */
const NOW = '2026-11-22T05:00:00Z';
const TP = 'bp-dong-xoai-tan-phu';
const TB = 'bp-dong-xoai-tan-binh';
const LT = 'bp-phuoc-long-long-thuy';

const fixture: SectorManifest = {
  id: 'fx',
  name: { vi: 'Thử', en: 'Fixture' },
  sourceKinds: {
    station: { name: { vi: 'Trạm', en: 'Station' }, expectedIntervalS: 60, metrics: { x: { name: { vi: 'x', en: 'x' }, unit: '', min: 0, max: 1000 } }, events: { hit: { name: { vi: 'hit', en: 'hit' } } } },
  },
  reports: {
    monthly: {
      name: { vi: 'Báo cáo tháng', en: 'Monthly report' },
      period: 'month',
      level: 'commune',
      dueDays: 5,
      fields: { doses: { name: { vi: 'Liều', en: 'Doses' }, type: 'integer', required: true }, pop: { name: { vi: 'Dân số', en: 'Population' }, type: 'integer', required: true } },
    },
  },
  kpis: {
    x_avg: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'avg', periods: ['realtime', 'day', 'month'], rollup: { fn: 'recompute' }, direction: 'lower', unit: '', name: { vi: 'x tb', en: 'x avg' } },
    x_sum: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'sum', periods: ['day'], rollup: { fn: 'sum' }, direction: 'higher', unit: '', name: { vi: 'x tổng', en: 'x sum' } },
    x_max: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'max', periods: ['day'], rollup: { fn: 'recompute' }, direction: 'lower', unit: '', name: { vi: 'x max', en: 'x max' } },
    x_p50: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'p50', periods: ['day'], rollup: { fn: 'recompute' }, direction: 'lower', unit: '', name: { vi: 'x p50', en: 'x median' } },
    x_commune_avg: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'avg', periods: ['day'], rollup: { fn: 'avg' }, direction: 'lower', unit: '', name: { vi: 'x tb xã', en: 'x mean of communes' } },
    peak_sum: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'sum', perSource: 'max', periods: ['day', 'month'], rollup: { fn: 'recompute' }, direction: 'higher', unit: '', name: { vi: 'đỉnh', en: 'daily peaks' } },
    last_sum: { kind: 'stream', sourceKind: 'station', metric: 'x', aggregate: 'sum', perSource: 'last', periods: ['realtime'], rollup: { fn: 'recompute' }, direction: 'higher', unit: '', name: { vi: 'cuối', en: 'latest sum' } },
    hits: { kind: 'stream', sourceKind: 'station', event: 'hit', aggregate: 'count', periods: ['day'], rollup: { fn: 'sum' }, direction: 'lower', unit: '', name: { vi: 'hit', en: 'hits' } },
    hits_rate: { kind: 'stream', sourceKind: 'station', event: 'hit', aggregate: 'rate', ratePerS: 3600, periods: ['day'], rollup: { fn: 'recompute' }, direction: 'lower', unit: '/h', name: { vi: 'hit/giờ', en: 'hits/h' } },
    doses: { kind: 'submitted', report: 'monthly', field: 'doses', accumulate: 'sum', periods: ['month', 'quarter'], rollup: { fn: 'sum' }, direction: 'higher', unit: '', name: { vi: 'liều', en: 'doses' } },
    pop: { kind: 'submitted', report: 'monthly', field: 'pop', periods: ['month', 'quarter'], rollup: { fn: 'sum' }, direction: 'none', unit: '', name: { vi: 'dân số', en: 'population' } },
    coverage: { kind: 'derived', formula: '100 * doses / pop', periods: ['month', 'quarter'], rollup: { fn: 'formula' }, direction: 'higher', unit: '%', name: { vi: 'bao phủ', en: 'coverage' }, targets: [{ period: 'quarter', value: 95 }, { period: 'month', value: 95 }] },
    risk: { kind: 'derived', formula: '1 + (x_avg > 35) + (coalesce(coverage, 0) < 90)', periods: ['month'], rollup: { fn: 'max' }, direction: 'lower', unit: '', name: { vi: 'cấp độ', en: 'risk level' } },
  },
};

describe('KPI engine on fixture data (embedded TimescaleDB)', () => {
  let dir: string;
  let db: EmbeddedDatabase;
  let engine: KpiEngine;
  let targets: TargetBook;
  const bus = new InProcessBus();
  const published: KpiValue[] = [];
  const risks: KpiRiskEvent[] = [];
  let values: KpiValue[];
  /** The value of the current period instance (the engine also recomputes the previous one, final). */
  const current = (list: KpiValue[], kpi: string, region: string, period: string) =>
    list.filter((x) => x.kpiId === `fx.${kpi}` && x.regionId === region && x.period === period).sort((a, b) => b.periodStart.localeCompare(a.periodStart))[0];
  const v = (kpi: string, region: string, period: string) => current(values, kpi, region, period);
  const val = (kpi: string, region: string, period: string) => v(kpi, region, period)?.value;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ioc-kpi-'));
    db = await EmbeddedDatabase.open(dir);
    await migrate(db, migrationsDir);
    await seedRegions(db, regionsSeedFile);
    await db.query(
      `INSERT INTO source (id, sector, kind, name, region_id, lon, lat, created_at, last_seen) VALUES
        ('s1', 'fx', 'station', 's1', $1, 106.9, 11.5, '2026-11-01Z', '2026-11-22T04:59:30Z'),
        ('s2', 'fx', 'station', 's2', $2, 106.9, 11.5, '2026-11-01Z', '2026-11-22T04:50:00Z'),
        ('s3', 'fx', 'station', 's3', $3, 106.9, 11.5, '2026-11-01Z', NULL)`,
      [TP, TB, LT],
    );
    await db.query(`INSERT INTO reading (ts, source_id, metric, value) VALUES
      ('2026-11-21T18:00Z', 's1', 'x', 10), ('2026-11-22T01:00Z', 's1', 'x', 20), ('2026-11-22T04:55Z', 's1', 'x', 30),
      ('2026-11-22T02:00Z', 's2', 'x', 40), ('2026-11-22T04:50Z', 's2', 'x', 50),
      ('2026-11-22T03:00Z', 's3', 'x', 100),
      ('2026-11-21T10:00Z', 's1', 'x', 5), ('2026-11-05T00:00Z', 's3', 'x', 7)`);
    await db.query(`INSERT INTO event (ts, source_id, event_id, type, payload) VALUES
      ('2026-11-22T00:00Z', 's1', 'e1', 'hit', '{}'), ('2026-11-22T01:00Z', 's1', 'e2', 'hit', '{}'), ('2026-11-22T02:00Z', 's1', 'e3', 'hit', '{}'),
      ('2026-11-22T03:00Z', 's3', 'e4', 'hit', '{}'), ('2026-11-20T03:00Z', 's3', 'e5', 'hit', '{}')`);
    await db.query(`INSERT INTO dead_letter (received_at, topic, payload, payload_size, payload_sha256, reason_code, reason, source_id)
      VALUES ('2026-11-22T04:30Z', 'ioc/v1/fx/station/s1/telemetry', '\\x00', 1, 'x', 'not-json', 'test', 's1')`);
    const sub = (region: string, key: string, start: string, doses: number, pop: number, late = false) =>
      db.query(
        `INSERT INTO report_submission (template_id, region_id, period_kind, period_key, period_start, "values", status, submitted_at, submitted_by, late)
         VALUES ('fx.monthly', $1, 'month', $2, $3, $4, 'submitted', now(), 'test', $5)`,
        [region, key, start, JSON.stringify({ doses, pop }), late],
      );
    await sub(TP, '2026-10', '2026-09-30T17:00Z', 90, 100);
    await sub(TB, '2026-10', '2026-09-30T17:00Z', 40, 50, true);
    await sub(LT, '2026-10', '2026-09-30T17:00Z', 20, 40);
    await sub(TP, '2026-11', '2026-10-31T17:00Z', 95, 100);
    // Materialise the aggregates, as the policy runner would (the engine must read the same either way).
    for (const view of ['reading_1m', 'reading_1h', 'reading_1d']) await db.exec(`CALL refresh_continuous_aggregate('${view}', NULL, NULL)`);

    const modules = new ModuleRegistry([fixture]);
    const catalog = new KpiCatalog(modules.sectors());
    const tree = await RegionTree.load(db);
    targets = new TargetBook(db, catalog, tree);
    await targets.reload();
    bus.subscribe<KpiValuesMessage>(KPI_VALUES, (m) => published.push(...m.values));
    bus.subscribe<KpiRiskMessage>(KPI_RISK, (m) => risks.push(...m.events));
    engine = new KpiEngine(db, catalog, modules, tree, targets, bus, { intervalS: 60, slowIntervalS: 300, realtimeWindowS: 900, clock: new ManualClock(NOW) }, new Logger('error'));
    values = await engine.runAt(new Date(NOW));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('averages every reading of a region exactly (recompute), from the aggregates', () => {
    expect(val('x_avg', TP, 'day')).toBeCloseTo(20, 9); // 10, 20, 30
    expect(val('x_avg', TB, 'day')).toBeCloseTo(45, 9); // 40, 50
    expect(val('x_avg', 'bp-dong-xoai', 'day')).toBeCloseTo(30, 9); // 10..50
    expect(val('x_avg', 'bp-phuoc-long', 'day')).toBeCloseTo(100, 9);
    expect(val('x_avg', 'bp', 'day')).toBeCloseTo(250 / 6, 9);
    expect(val('x_avg', LT, 'month')).toBeCloseTo(53.5, 9); // 100 and 7 on 5 Nov
    expect(val('x_avg', TP, 'month')).toBeCloseTo(65 / 4, 9); // 5 on 21 Nov (local) too
  });

  it('sum, max, median, and the mean of communes as a different roll-up', () => {
    expect(val('x_sum', 'bp', 'day')).toBe(250);
    expect(val('x_sum', 'bp-dong-xoai', 'day')).toBe(150);
    expect(val('x_max', 'bp-dong-xoai', 'day')).toBe(50);
    expect(val('x_max', 'bp', 'day')).toBe(100);
    expect(val('x_p50', 'bp', 'day')).toBeCloseTo(35, 9); // median of 10 20 30 40 50 100
    expect(val('x_commune_avg', 'bp-dong-xoai', 'day')).toBeCloseTo(32.5, 9); // (20 + 45) / 2
    expect(val('x_commune_avg', 'bp', 'day')).toBeCloseTo((32.5 + 100) / 2, 9); // mean of the districts
  });

  it('realtime window: the last 15 minutes only', () => {
    expect(val('x_avg', 'bp', 'realtime')).toBeCloseTo(40, 9); // 30 at 04:55, 50 at 04:50
    expect(val('x_avg', 'bp-phuoc-long', 'realtime')).toBeUndefined();
    expect(val('last_sum', 'bp', 'realtime')).toBe(80);
  });

  it('per-source daily maxima, summed', () => {
    expect(val('peak_sum', 'bp', 'day')).toBe(180); // 30 + 50 + 100
    expect(val('peak_sum', 'bp', 'month')).toBe(192); // + 5 (21 Nov) + 7 (5 Nov)
  });

  it('counts events and their rate per hour of the elapsed day', () => {
    expect(val('hits', 'bp', 'day')).toBe(4);
    expect(val('hits', 'bp-dong-xoai', 'day')).toBe(3);
    expect(val('hits_rate', 'bp', 'day')).toBeCloseTo(4 / 12, 9); // 12 h since local midnight
  });

  it('submitted values accumulate over the quarter and roll up; the derived ratio is recomputed at each level', () => {
    expect(val('doses', TP, 'quarter')).toBe(185);
    expect(val('doses', 'bp-dong-xoai', 'quarter')).toBe(225);
    expect(val('doses', 'bp', 'quarter')).toBe(245);
    expect(val('coverage', TB, 'quarter')).toBeCloseTo(80, 9);
    expect(val('coverage', 'bp-dong-xoai', 'quarter')).toBeCloseTo(90, 9); // 225 / 250
    expect(val('coverage', 'bp', 'quarter')).toBeCloseTo((100 * 245) / 290, 9);
    expect(val('coverage', 'bp', 'month')).toBeCloseTo(95, 9); // November: only Tân Phú so far
  });

  it('a derived level with comparisons, rolled up by max from the communes', () => {
    expect(val('risk', TP, 'month')).toBe(1); // 16.25 ≤ 35, coverage 95
    expect(val('risk', TB, 'month')).toBe(3); // 45 > 35, no coverage yet
    expect(val('risk', 'bp-dong-xoai', 'month')).toBe(3);
    expect(val('risk', 'bp', 'month')).toBe(3);
  });

  it('targets, attainment, forecast and "may miss target"', () => {
    const q = v('coverage', 'bp', 'quarter')!;
    expect(q.target).toBe(95);
    expect(q.attainmentPct).toBeCloseTo((100 * ((100 * 245) / 290)) / 95, 6);
    expect(q.state).toBe('at-risk');
    expect(v('coverage', 'bp', 'month')!.state).toBe('on-track');
    // Pace forecast of an accumulating submitted value: 2 of the quarter's 3 months reported.
    expect(v('doses', 'bp', 'quarter')!.forecast).toBeCloseTo(245 * 1.5, 9);
    expect(risks.some((r) => r.kpiId === 'fx.coverage' && r.regionId === 'bp' && r.period === 'quarter' && r.state === 'at-risk')).toBe(true);
    // The finished previous quarter is final: met or missed.
    expect(values.find((x) => x.kpiId === 'fx.coverage' && x.period === 'quarter' && x.periodStart < '2026-09-30')).toBeUndefined();
    // Yesterday is final: its x_avg (5 at 17:00 on 21 Nov) is "met" or "missed" only with a target; without one, no-target.
    expect(values.find((x) => x.kpiId === 'fx.x_avg' && x.regionId === TP && x.period === 'day' && x.periodStart === '2026-11-20T17:00:00.000Z')?.value).toBe(5);
  });

  it('data truth: freshness, completeness, validity, report timeliness', () => {
    expect(val('data_freshness', 'bp', 'realtime')).toBeCloseTo(100 / 3, 6); // s1 only (30 s old)
    expect(val('data_freshness', 'bp-dong-xoai', 'realtime')).toBeCloseTo(50, 6);
    expect(val('data_completeness', 'bp', 'realtime')).toBeCloseTo((100 * 2) / 180, 6); // 2 of 3 × 60 expected in the hour
    expect(val('data_validity', 'bp', 'realtime')).toBeCloseTo((100 * 2) / 3, 6); // 2 readings, 1 dead letter
    expect(val('report_timeliness', 'bp-dong-xoai', 'quarter')).toBeCloseTo(100 / 8, 6); // October due: 1 of 8 communes on time
  });

  it('stores calendar values and publishes what changed; a run on unchanged facts publishes nothing', async () => {
    const stored = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM kpi_value WHERE kpi_id = 'fx.coverage' AND period = 'quarter' AND region_id = 'bp'`);
    expect(stored[0].n).toBe(1);
    expect(published.length).toBeGreaterThan(0);
    await engine.runAt(new Date(NOW)); // stored day values may refine trend forecasts once
    const before = published.length;
    await engine.runAt(new Date(NOW));
    expect(published.slice(before).map((x) => `${x.kpiId} ${x.regionId} ${x.period} ${x.forecast}`)).toEqual([]);
  });

  it('an operator target overrides the module default and changes the state', async () => {
    await targets.set([{ kpiId: 'fx.coverage', period: 'quarter', periodKey: '*', regionId: 'bp', level: '*', value: 80 }], 'test');
    const again = await engine.runAt(new Date(NOW));
    const q = current(again, 'coverage', 'bp', 'quarter');
    expect(q.target).toBe(80);
    expect(q.state).not.toBe('at-risk');
    expect(current(again, 'coverage', 'bp-phuoc-long', 'quarter').target).toBe(95);
    expect(risks.some((r) => r.kpiId === 'fx.coverage' && r.regionId === 'bp' && r.state === 'recovered')).toBe(true);
  });
});
