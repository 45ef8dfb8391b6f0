import { describe, expect, it } from 'vitest';
import type { SectorManifest } from '@ioc/sdk';
import { manifest as administration } from '@ioc/module-administration';
import { manifest as environment } from '@ioc/module-environment';
import { manifest as health } from '@ioc/module-health';
import { manifest as security } from '@ioc/module-security';
import { validateManifest, validateModuleSet } from './manifest-validation.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const fieldError = (moduleName: string, field: string) => new RegExp(`^module ${escape(moduleName)}: ${escape(field)} `);
const name = { vi: 'Tên', en: 'Name' };

type Break = (m: any) => unknown;

function expectBroken(base: SectorManifest, breakIt: Break, field: string): void {
  const m = clone(base);
  breakIt(m);
  const moduleName = `@ioc/module-${base.id}`;
  expect(() => validateManifest(moduleName, m)).toThrow(fieldError(moduleName, field));
}

describe('validateManifest', () => {
  it('accepts a map tile listing layers (province-map options version 2)', () => {
    const m = clone(environment) as any;
    m.dashboards.oc.widgets[6].options = { layers: ['choropleth', 'sources', 'units'], choroplethKpi: 'environment.pm25_avg' };
    expect(() => validateManifest('@ioc/module-environment', m)).not.toThrow();
  });

  it('accepts the shipped manifests, with units as symbols or { vi, en } words', () => {
    expect(validateManifest('@ioc/module-environment', environment).id).toBe('environment');
    expect(validateManifest('@ioc/module-health', health).id).toBe('health');
  });

  it.each<[string, Break, string]>([
    ['a missing English name', (m) => (m.sourceKinds['air-station'].metrics.pm25.name = { vi: 'Bụi' }), 'sourceKinds.air-station.metrics.pm25.name'],
    ['a unit word without English', (m) => (m.sourceKinds['air-station'].metrics.pm25.unit = { vi: 'hạt' }), 'sourceKinds.air-station.metrics.pm25.unit'],
    ['min above max', (m) => (m.sourceKinds['water-level'].metrics.level_m.min = 500), 'sourceKinds.water-level.metrics.level_m.min/max'],
    ['a non-positive interval', (m) => (m.sourceKinds['air-station'].expectedIntervalS = 0), 'sourceKinds.air-station.expectedIntervalS'],
    ['an id that cannot be a topic segment', (m) => (m.id = 'Môi trường'), 'id'],
    ['an event field of no JSON type', (m) => (m.sourceKinds['air-station'].events = { dust: { name, fields: { at: 'date' } } }), 'sourceKinds.air-station.events.dust.fields.at'],
  ])('stops the boot on a source kind with %s, naming module and field', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['an unknown class', (m) => (m.incidentTypes.flood.class = 'urgent'), 'incidentTypes.flood.class'],
    ['an SLA for a state that does not exist', (m) => (m.incidentTypes.flood.slaMinutes = { waiting: 5 }), 'incidentTypes.flood.slaMinutes.waiting'],
    ['a non-positive SLA', (m) => (m.incidentTypes.flood.slaMinutes = { received: 0 }), 'incidentTypes.flood.slaMinutes.received'],
    ['an empty playbook', (m) => (m.incidentTypes.flood.playbook = []), 'incidentTypes.flood.playbook'],
    ['a repeated step id', (m) => (m.incidentTypes.flood.playbook[1].id = m.incidentTypes.flood.playbook[0].id), 'incidentTypes.flood.playbook[1].id'],
    ['a step without a role', (m) => delete m.incidentTypes.flood.playbook[0].role, 'incidentTypes.flood.playbook[0].role'],
    ['an unknown CAP category', (m) => (m.incidentTypes.flood.capCategory = 'Water'), 'incidentTypes.flood.capCategory'],
    ['camera that is not a boolean', (m) => (m.sourceKinds['water-level'].camera = 'yes'), 'sourceKinds.water-level.camera'],
    ['a rule policy that is not an identifier', (m) => (m.rules.heavy_rain.policy = 'Khẩn'), 'rules.heavy_rain.policy'],
  ])('stops the boot on an incident type or rule with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['a key that is not snake_case', (m) => (m.kpis.PM25 = m.kpis.pm25_avg), 'kpis.PM25'],
    ['a key the engine reserves for data quality', (m) => (m.kpis.data_freshness = m.kpis.pm25_avg), 'kpis.data_freshness'],
    ['an unknown period', (m) => (m.kpis.pm25_avg.periods = ['week']), 'kpis.pm25_avg.periods[0]'],
    ['no name in English', (m) => (m.kpis.pm25_avg.name = { vi: 'Bụi mịn' }), 'kpis.pm25_avg.name'],
    ['an unknown direction', (m) => (m.kpis.pm25_avg.direction = 'down'), 'kpis.pm25_avg.direction'],
    ['a target for a period it is not computed for', (m) => (m.kpis.aqi_max.targets = [{ period: 'year', value: 100 }]), 'kpis.aqi_max.targets[0].period'],
    ['a target without a direction', (m) => (m.kpis.temperature_max.targets = [{ period: 'day', value: 35 }]), 'kpis.temperature_max.targets'],
    ['a non-numeric target', (m) => (m.kpis.pm25_avg.targets[0].value = '25'), 'kpis.pm25_avg.targets[0].value'],
    ['an unknown kind', (m) => (m.kpis.pm25_avg.kind = 'sensor'), 'kpis.pm25_avg.kind'],
  ])('stops the boot on a KPI with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['an unknown source kind', (m) => (m.kpis.pm25_avg.sourceKind = 'air'), 'kpis.pm25_avg.sourceKind'],
    ['an unknown metric', (m) => (m.kpis.pm25_avg.metric = 'pm1'), 'kpis.pm25_avg.metric'],
    ['both a metric and an event', (m) => (m.kpis.pm25_avg.event = 'crowd'), 'kpis.pm25_avg.metric/event'],
    ['an unknown aggregate', (m) => (m.kpis.pm25_avg.aggregate = 'median'), 'kpis.pm25_avg.aggregate'],
    ['perSource last beyond realtime', (m) => (m.kpis.pm25_avg.perSource = 'last'), 'kpis.pm25_avg.perSource'],
    ['a percentile over months', (m) => (m.kpis.pm25_avg.aggregate = 'p95'), 'kpis.pm25_avg.aggregate'],
    [
      'a percentile of per-source values',
      (m) => {
        m.kpis.aqi_max.aggregate = 'p90';
        m.kpis.aqi_max.perSource = 'avg';
      },
      'kpis.aqi_max.perSource',
    ],
    [
      'a rate per zero seconds',
      (m) => {
        m.kpis.pm25_avg.aggregate = 'rate';
        m.kpis.pm25_avg.ratePerS = 0;
      },
      'kpis.pm25_avg.ratePerS',
    ],
    ['a rate unit on another aggregate', (m) => (m.kpis.pm25_avg.ratePerS = 3600), 'kpis.pm25_avg.ratePerS'],
    ['a window but no realtime period', (m) => (m.kpis.good_aqi_share.windowS = 600), 'kpis.good_aqi_share.windowS'],
    ['recompute rollup on a submitted KPI', (m) => (m.kpis.waste_generated.rollup = { fn: 'recompute' }), 'kpis.waste_generated.rollup.fn'],
    ['formula rollup on a stream KPI', (m) => (m.kpis.pm25_avg.rollup = { fn: 'formula' }), 'kpis.pm25_avg.rollup.fn'],
    ['averages added up across regions', (m) => (m.kpis.pm25_avg.rollup = { fn: 'sum' }), 'kpis.pm25_avg.rollup.fn'],
    ['a weighted average by an unknown KPI', (m) => (m.kpis.pm25_avg.rollup = { fn: 'weighted-avg', weight: 'stations' }), 'kpis.pm25_avg.rollup.weight'],
  ])('stops the boot on a stream KPI with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['an aggregate other than count or rate', (m) => (m.kpis.crowd_events.aggregate = 'avg'), 'kpis.crowd_events.aggregate'],
    ['an unknown event type', (m) => (m.kpis.crowd_events.event = 'riot'), 'kpis.crowd_events.event'],
    ['a per-source reduction', (m) => (m.kpis.crowd_events.perSource = 'max'), 'kpis.crowd_events.perSource'],
  ])('stops the boot on an event KPI with %s', (_what, breakIt, field) => expectBroken(security, breakIt, field));

  it.each<[string, Break, string]>([
    ['an unknown report', (m) => (m.kpis.waste_generated.report = 'waste_yearly'), 'kpis.waste_generated.report'],
    ['an unknown field', (m) => (m.kpis.waste_generated.field = 'dumped_t'), 'kpis.waste_generated.field'],
    [
      'a text field',
      (m) => {
        m.reports.waste_monthly.fields.note = { name, type: 'text' };
        m.kpis.waste_generated.field = 'note';
      },
      'kpis.waste_generated.field',
    ],
    ['a day period from a monthly report', (m) => (m.kpis.waste_generated.periods = ['day', 'month']), 'kpis.waste_generated.periods'],
    ['an unknown accumulation', (m) => (m.kpis.waste_generated.accumulate = 'median'), 'kpis.waste_generated.accumulate'],
  ])('stops the boot on a submitted KPI with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['a formula that does not parse', (m) => (m.kpis.waste_collection_rate.formula = '100 * (waste_collected'), 'kpis.waste_collection_rate.formula'],
    ['an unknown input', (m) => (m.kpis.waste_collection_rate.formula = '100 * waste_dumped / waste_generated'), 'kpis.waste_collection_rate.formula'],
    ['a reference to itself', (m) => (m.kpis.waste_collection_rate.formula = 'waste_collection_rate + 1'), 'kpis.waste_collection_rate.formula'],
    [
      'a period its inputs lack',
      (m) => {
        m.kpis.waste_collection_rate.periods = ['day', 'month'];
        m.kpis.waste_collection_rate.targets = [];
      },
      'kpis.waste_collection_rate.periods',
    ],
    [
      'a cycle through another derived KPI',
      (m) => (m.kpis.waste_generated = { kind: 'derived', formula: 'waste_collected * 100 / waste_collection_rate', name, unit: 't', direction: 'none', periods: ['month', 'quarter', 'year'], rollup: { fn: 'formula' } }),
      'kpis.waste_generated.formula',
    ],
  ])('stops the boot on a derived KPI with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['a key that is not snake_case', (m) => (m.reports['Waste-Monthly'] = m.reports.waste_monthly), 'reports.Waste-Monthly'],
    ['an unknown period', (m) => (m.reports.waste_monthly.period = 'fortnight'), 'reports.waste_monthly.period'],
    ['an unknown level', (m) => (m.reports.waste_monthly.level = 'ward'), 'reports.waste_monthly.level'],
    ['negative due days', (m) => (m.reports.waste_monthly.dueDays = -1), 'reports.waste_monthly.dueDays'],
    ['no fields', (m) => (m.reports.waste_monthly.fields = {}), 'reports.waste_monthly.fields'],
    ['a field of unknown type', (m) => (m.reports.waste_monthly.fields.generated_t.type = 'date'), 'reports.waste_monthly.fields.generated_t.type'],
    ['a field with min above max', (m) => (m.reports.waste_monthly.fields.generated_t.min = 1e9), 'reports.waste_monthly.fields.generated_t.min/max'],
    ['a weighted consolidation by an unknown field', (m) => (m.reports.waste_monthly.fields.generated_t.consolidate = { fn: 'weighted-avg', weight: 'households' }), 'reports.waste_monthly.fields.generated_t.consolidate.weight'],
  ])('stops the boot on a report template with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['an unknown severity', (m) => (m.rules.pm25_high.severity = 'urgent'), 'rules.pm25_high.severity'],
    ['a threshold on an unknown metric', (m) => (m.rules.pm25_high.when.metric = 'pm1'), 'rules.pm25_high.when.metric'],
    ['a threshold outside the metric range', (m) => (m.rules.pm25_high.when.value = 5000), 'rules.pm25_high.when.value'],
    ['a no-data delay shorter than the interval', (m) => (m.rules.air_station_no_data.when.afterS = 30), 'rules.air_station_no_data.when.afterS'],
    ['a zero rate of change', (m) => (m.rules.water_rising_fast.when.delta = 0), 'rules.water_rising_fast.when.delta'],
    ['an event the kind does not publish', (m) => (m.rules.fire = { name, severity: 'critical', when: { type: 'event', sourceKind: 'air-station', event: 'fire' } }), 'rules.fire.when.event'],
    ['a KPI that is not a full id', (m) => (m.rules.pm25_high.when = { type: 'kpi', kpi: 'pm25_avg', op: '>', value: 50 }), 'rules.pm25_high.when.kpi'],
    ['an unknown KPI of the module', (m) => (m.rules.pm25_high.when = { type: 'kpi', kpi: 'environment.pm1_avg', op: '>', value: 50 }), 'rules.pm25_high.when.kpi'],
    [
      'a broken nested condition',
      (m) => (m.rules.pm25_high.when = { type: 'all', conditions: [m.rules.pm25_high.when, { type: 'no-data', sourceKind: 'air', afterS: 900 }] }),
      'rules.pm25_high.when.conditions[1].sourceKind',
    ],
    ['an unknown condition type', (m) => (m.rules.pm25_high.when.type = 'spike'), 'rules.pm25_high.when.type'],
  ])('stops the boot on a rule with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['a widget outside the 12 columns', (m) => (m.dashboards.oc.widgets[0].x = 12), 'dashboards.oc.widgets[0]'],
    ['a widget below the last row', (m) => (m.dashboards.oc.rows = 2), 'dashboards.oc.widgets[6]'],
    ['a 0-based position', (m) => (m.dashboards.oc.widgets[0].x = 0), 'dashboards.oc.widgets[0].x'],
    ['overlapping widgets', (m) => (m.dashboards.oc.widgets[1].x = 2), 'dashboards.oc.widgets[1]'],
    ['an unknown widget', (m) => (m.dashboards.oc.widgets[0].widget = 'gauge'), 'dashboards.oc.widgets[0].widget'],
    ['a unit list of an unknown unit type', (m) => (m.dashboards.oc.widgets[0] = { ...m.dashboards.oc.widgets[0], widget: 'unit-list', options: { unitType: 'army' } }), 'dashboards.oc.widgets[0].options.unitType'],
    ['a tile without a KPI', (m) => (m.dashboards.oc.widgets[0].options = {}), 'dashboards.oc.widgets[0].options.kpi'],
    ['a trend over a period the KPI lacks', (m) => (m.dashboards.oc.widgets[9].options = { kpi: 'environment.aqi_max', period: 'month' }), 'dashboards.oc.widgets[9].options.period'],
    ['an unknown report', (m) => (m.dashboards.oc.widgets[11].options.report = 'environment.air_monthly'), 'dashboards.oc.widgets[11].options.report'],
    ['a metric trend of an unknown metric', (m) => (m.dashboards.oc.widgets[7].options.metric = 'pm1'), 'dashboards.oc.widgets[7].options.metric'],
    ['a map layer that does not exist', (m) => (m.dashboards.oc.widgets[6].options = { layers: ['choropleth', 'roads'] }), 'dashboards.oc.widgets[6].options.layers[1]'],
    ['a map without layers', (m) => (m.dashboards.oc.widgets[6].options = {}), 'dashboards.oc.widgets[6].options.layer'],
    ['regions below the level a report is submitted at', (m) => (m.dashboards.oc.widgets[10].options = { kpi: 'environment.waste_generated', period: 'month', level: 'commune' }), 'dashboards.oc.widgets[10].options.level'],
  ])('stops the boot on a dashboard with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));

  it.each<[string, Break, string]>([
    ['an unknown source kind', (m) => (m.simulator.sources.air = { behaviour: 'air-station' }), 'simulator.sources.air'],
    ['no behaviour', (m) => delete m.simulator.sources['air-station'].behaviour, 'simulator.sources.air-station.behaviour'],
    ['a zero count', (m) => (m.simulator.sources['air-station'].count = 0), 'simulator.sources.air-station.count'],
    ['an unknown report template', (m) => (m.simulator.submissions.air_monthly = m.simulator.submissions.waste_monthly), 'simulator.submissions.air_monthly'],
    ['shares that do not sum to 1', (m) => (m.simulator.submissions.waste_monthly.late = 0.5), 'simulator.submissions.waste_monthly.onTime/late/wrong/missing'],
    ['a negative share', (m) => (m.simulator.submissions.waste_monthly.wrong = -0.1), 'simulator.submissions.waste_monthly.wrong'],
    ['a typical value of an unknown field', (m) => (m.simulator.submissions.waste_monthly.typical.dumped_t = { value: 1 }), 'simulator.submissions.waste_monthly.typical.dumped_t'],
    ['no typical value for a required field', (m) => delete m.simulator.submissions.waste_monthly.typical.collected_t, 'simulator.submissions.waste_monthly.typical'],
  ])('stops the boot on a simulator profile with %s', (_what, breakIt, field) => expectBroken(environment, breakIt, field));
});

describe('validateModuleSet', () => {
  const set = (...ms: SectorManifest[]) => ms.map((manifest) => ({ moduleName: `@ioc/module-${manifest.id}`, manifest }));
  const check = (ms: SectorManifest[], moduleName: string, field: string, problem: RegExp) => {
    let error: unknown;
    try {
      validateModuleSet(set(...ms));
    } catch (e) {
      error = e;
    }
    expect(String((error as Error | undefined)?.message)).toMatch(fieldError(moduleName, field));
    expect(String((error as Error).message)).toMatch(problem);
  };

  it('accepts modules whose cross-module references resolve', () => {
    expect(() => validateModuleSet(set(health, administration, environment, security))).not.toThrow();
  });

  it('stops the boot on a formula naming a module that is not loaded', () => {
    check([health], '@ioc/module-health', 'kpis.risk_level.formula', /module administration is not loaded/);
  });

  it('stops the boot on a formula naming a KPI the other module lacks', () => {
    const admin = clone(administration);
    delete admin.kpis!.population;
    check([health, admin], '@ioc/module-health', 'kpis.risk_level.formula', /administration\.population, which module administration does not declare/);
  });

  it('stops the boot on a formula whose other-module input is not computed for its periods', () => {
    const admin = clone(administration);
    admin.kpis!.population.periods = ['year'];
    check([health, admin], '@ioc/module-health', 'kpis.risk_level.periods', /month, for which input administration\.population/);
  });

  it('stops the boot on derived KPIs that depend on each other across modules', () => {
    const admin = clone(administration);
    admin.kpis!.population = { kind: 'derived', formula: '1000 * health.risk_level', name, unit: 'người', direction: 'none', periods: ['month'], rollup: { fn: 'formula' } };
    check([health, admin], '@ioc/module-health', 'kpis.risk_level.formula', /circular: health\.risk_level → administration\.population → health\.risk_level/);
  });

  it('stops the boot on a rule suggesting an incident type no loaded module declares', () => {
    const env = clone(environment);
    env.rules!.heavy_rain.incidentType = 'landslide';
    check([env, health, administration], '@ioc/module-environment', 'rules.heavy_rain.incidentType', /landslide, which no loaded module declares/);
  });

  it('stops the boot on a rule or widget naming another module’s missing KPI or report', () => {
    const env = clone(environment);
    env.rules!.epidemic = { name, severity: 'major', when: { type: 'kpi', kpi: 'health.cholera_cases', op: '>', value: 0 } };
    check([env, health, administration], '@ioc/module-environment', 'rules.epidemic.when.kpi', /health\.cholera_cases, which module health does not declare/);
    const env2 = clone(environment);
    env2.dashboards!.oc.widgets[9].options = { kpi: 'health.risk_level', period: 'day' };
    check([env2, health, administration], '@ioc/module-environment', 'dashboards.oc.widgets[9].options.period', /not a period of health\.risk_level/);
    const env3 = clone(environment);
    env3.dashboards!.oc.widgets[11].options = { report: 'health.epi_yearly' };
    check([env3, health, administration], '@ioc/module-environment', 'dashboards.oc.widgets[11].options.report', /health\.epi_yearly, which module health does not declare/);
  });
});
