import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateFormula, parseFormula } from '../kpi/formula.js';
import { ModuleRegistry } from './module-registry.js';

const SECTORS = ['administration', 'citizen', 'education', 'environment', 'finance', 'health', 'planning', 'security', 'tourism', 'traffic'];
/** Modules that serve every sector and declare no indicators of their own. */
const SERVICE_MODULES = ['dispatch'];

describe('installed sector modules', () => {
  let registry: ModuleRegistry;
  beforeAll(async () => {
    registry = await ModuleRegistry.load('all');
  });

  it('all ten sectors and the dispatch module load through the registry, manifests and cross-module references valid', () => {
    expect(registry.sectors().map((m) => m.id).sort()).toEqual([...SECTORS, ...SERVICE_MODULES].sort());
  });

  it('dispatch declares response units whose telemetry carries their position', () => {
    const unit = registry.sourceKind('dispatch', 'unit')!;
    expect(unit.position).toEqual({ lon: 'lon', lat: 'lat', speedKmh: 'speed_kmh', headingDeg: 'heading_deg' });
    expect(Object.keys(unit.events ?? {})).toEqual(['assignment.ack', 'assignment.arrived', 'duty.change']);
    // Every incident type asks for unit types dispatch knows.
    const types = registry.sectors().flatMap((m) => Object.values(m.incidentTypes ?? {}).flatMap((t) => t.unitTypes ?? []));
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((t) => !['police', 'fire', 'medical', 'rescue', 'environment'].includes(t))).toEqual([]);
  });

  it.each(SECTORS)('%s has 6–15 KPIs of all three kinds, reports, an OC dashboard, rules and a complete simulator profile', (sector) => {
    const m = registry.sector(sector)!;
    const kpis = Object.values(m.kpis ?? {});
    expect(kpis.length).toBeGreaterThanOrEqual(6);
    expect(kpis.length).toBeLessThanOrEqual(15);
    expect(new Set(kpis.map((k) => k.kind))).toEqual(new Set(['stream', 'submitted', 'derived']));
    expect(Object.keys(m.reports ?? {}).length).toBeGreaterThan(0);
    expect(m.dashboards?.oc?.widgets.length).toBeGreaterThan(0);
    expect(Object.keys(m.rules ?? {}).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(m.simulator?.sources ?? {}).sort()).toEqual(Object.keys(m.sourceKinds).sort());
    expect(Object.keys(m.simulator?.submissions ?? {}).sort()).toEqual(Object.keys(m.reports ?? {}).sort());
  });

  it('simulated submissions are typically inside each field’s bounds', () => {
    const outside: string[] = [];
    for (const m of registry.sectors()) {
      for (const [templateId, sub] of Object.entries(m.simulator?.submissions ?? {})) {
        for (const [fieldId, { value }] of Object.entries(sub.typical)) {
          const f = m.reports![templateId].fields[fieldId];
          if (value < (f.min ?? -Infinity) || value > (f.max ?? Infinity)) outside.push(`${m.id}.${templateId}.${fieldId}`);
        }
      }
    }
    expect(outside).toEqual([]);
  });

  it('lists KPIs, report templates and rules under unique full ids', () => {
    const ids = registry.kpis().map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[a-z]+\.[a-z0-9_]+$/.test(id))).toBe(true);
    expect(registry.kpi('environment.pm25_avg')).toMatchObject({
      id: 'environment.pm25_avg',
      sector: 'environment',
      key: 'pm25_avg',
      kind: 'stream',
      sourceKind: 'air-station',
      metric: 'pm25',
      aggregate: 'avg',
      periods: ['realtime', 'day', 'month', 'quarter', 'year'],
      rollup: { fn: 'recompute' },
      direction: 'lower',
      unit: 'µg/m³',
    });
    expect(registry.kpi('environment.pm25_avg')?.targets).toContainEqual({ period: 'year', value: 25 });
    expect(registry.kpi('nope.pm25_avg')).toBeUndefined();
    const reportIds = registry.reportTemplates().map((r) => r.id);
    expect(new Set(reportIds).size).toBe(reportIds.length);
    const ruleIds = registry.rules().map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(registry.rules().find((r) => r.id === 'environment.pm25_high')?.rule.severity).toBe('major');
    expect(registry.dashboards('health').oc?.title.en).toBe('Health operations centre');
    expect(registry.dashboards('nope')).toEqual({});
  });

  it('health immunisation: the commune EPI report feeds coverage against a 95 % target', () => {
    const epi = registry.reportTemplate('health.epi_monthly');
    expect(epi?.template).toMatchObject({ level: 'commune', period: 'month', dueDays: 5 });
    expect(epi?.template.fields.target_children).toMatchObject({ type: 'integer', required: true });
    expect(epi?.template.fields.fully_immunised).toMatchObject({ type: 'integer', required: true });
    expect(registry.kpi('health.children_fully_immunised')).toMatchObject({ kind: 'submitted', report: 'epi_monthly', field: 'fully_immunised', accumulate: 'sum' });
    expect(registry.kpi('health.immunisation_target_children')).toMatchObject({ kind: 'submitted', report: 'epi_monthly', field: 'target_children' });
    expect(registry.kpi('health.immunisation_coverage')).toMatchObject({
      kind: 'derived',
      formula: '100 * children_fully_immunised / immunisation_target_children',
      rollup: { fn: 'formula' },
      periods: ['month', 'quarter', 'year'],
      direction: 'higher',
    });
    expect(registry.kpi('health.immunisation_coverage')?.targets).toContainEqual({ period: 'year', value: 95 });
  });

  it('health bed occupancy divides two hospital stream KPIs', () => {
    const occupancy = registry.kpi('health.bed_occupancy');
    expect(occupancy).toMatchObject({ kind: 'derived', unit: '%', rollup: { fn: 'formula' } });
    for (const input of ['health.beds_occupied', 'health.beds_total']) {
      expect(registry.kpi(input)).toMatchObject({ kind: 'stream', sourceKind: 'hospital' });
      expect(registry.kpi(input)?.periods).toEqual(expect.arrayContaining(occupancy!.periods));
    }
  });

  it('planning reports FDI, ODA and active projects monthly per district', () => {
    const t = registry.reportTemplate('planning.investment_monthly')?.template;
    expect(t).toMatchObject({ level: 'district', period: 'month', dueDays: 10 });
    expect(t?.fields.fdi_implemented_musd.type).toBe('number');
    expect(t?.fields.oda_disbursed_bn.type).toBe('number');
    expect(t?.fields.projects_active.type).toBe('integer');
    const sub = registry.sector('planning')?.simulator?.submissions?.investment_monthly;
    expect(sub?.late).toBeGreaterThan(0);
    expect(sub?.wrong).toBeGreaterThan(0);
  });

  it('health risk level climbs one step each for incidence, low coverage and crowded beds', () => {
    const kpi = registry.kpi('health.risk_level');
    const ast = parseFormula(kpi!.kind === 'derived' ? kpi!.formula : '');
    const level = (v: Record<string, number | null>) => evaluateFormula(ast, (name) => v[name] ?? null);
    const quiet = { dengue_cases: 0, hfmd_cases: 1, measles_cases: 0, 'administration.population': 10000, immunisation_coverage: 97, bed_occupancy: null };
    expect(level(quiet)).toBe(1);
    expect(level({ ...quiet, dengue_cases: 3 })).toBe(2); // 40 per 100,000
    expect(level({ ...quiet, dengue_cases: 12, immunisation_coverage: 80 })).toBe(4); // 130 per 100,000 and coverage below 90 %
    expect(level({ ...quiet, dengue_cases: 12, immunisation_coverage: 80, bed_occupancy: 110 })).toBe(4);
    expect(level({ ...quiet, 'administration.population': null })).toBeNull();
  });
});
