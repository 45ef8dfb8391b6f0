import type { MetricSchema, ReportTemplate, SectorManifest, SimulatedSourceKind, SimulatedSubmissions, SourceKindSchema } from '@ioc/sdk';
import { manifest as administration } from '@ioc/module-administration';
import { manifest as citizen } from '@ioc/module-citizen';
import { manifest as dispatch } from '@ioc/module-dispatch';
import { manifest as education } from '@ioc/module-education';
import { manifest as environment } from '@ioc/module-environment';
import { manifest as finance } from '@ioc/module-finance';
import { manifest as health } from '@ioc/module-health';
import { manifest as planning } from '@ioc/module-planning';
import { manifest as security } from '@ioc/module-security';
import { manifest as tourism } from '@ioc/module-tourism';
import { manifest as traffic } from '@ioc/module-traffic';

/**
 * The sector manifests the simulator feeds: every installed module. Metric ranges, event types,
 * report templates and the simulator profiles (behaviours, counts, params, submission shares)
 * come from here.
 */
export const SECTOR_MANIFESTS: readonly SectorManifest[] = [environment, traffic, security, health, education, finance, planning, tourism, citizen, administration, dispatch];

export function sectorManifest(sector: string): SectorManifest {
  const manifest = SECTOR_MANIFESTS.find((m) => m.id === sector);
  if (!manifest) throw new Error(`no manifest for sector ${sector}`);
  return manifest;
}

export function sourceKindSchema(sector: string, kind: string): SourceKindSchema {
  const schema = SECTOR_MANIFESTS.find((m) => m.id === sector)?.sourceKinds[kind];
  if (!schema) throw new Error(`no manifest declares source kind ${sector}/${kind}`);
  return schema;
}

export function metricSchemas(sector: string, kind: string): Record<string, MetricSchema> {
  return sourceKindSchema(sector, kind).metrics;
}

/** The simulator profile of a source kind (behaviour id, count, params); undefined if the module gives none. */
export function simulatedKind(sector: string, kind: string): SimulatedSourceKind | undefined {
  return SECTOR_MANIFESTS.find((m) => m.id === sector)?.simulator?.sources?.[kind];
}

/** A source kind's count from its profile, or `fallback` when the profile names none. */
export function profileCount(sector: string, kind: string, fallback: number): number {
  return simulatedKind(sector, kind)?.count ?? fallback;
}

/** Reads behaviour params of a source kind with typed defaults: `params('finance', 'treasury', { revenueBnPerYear: 12000 })`. */
export function profileParams<T extends Record<string, number | string | boolean>>(sector: string, kind: string, defaults: T): T {
  const given = simulatedKind(sector, kind)?.params ?? {};
  const out: Record<string, number | string | boolean> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = given[key];
    if (value !== undefined && typeof value === typeof fallback) out[key] = value;
  }
  return out as T;
}

/** A report template with its ids and the module's submission profile. */
export interface SimulatedTemplate {
  /** `{sector}.{key}`, as the server names it. */
  id: string;
  sector: string;
  key: string;
  template: ReportTemplate;
  submissions: SimulatedSubmissions;
  /** Fields some KPI reads as a stock (`accumulate: 'last'`): they hardly change between periods. */
  stockFields: ReadonlySet<string>;
}

/** Every report template whose module says how its units submit, in manifest order. */
export function simulatedTemplates(manifests: readonly SectorManifest[] = SECTOR_MANIFESTS): SimulatedTemplate[] {
  const out: SimulatedTemplate[] = [];
  for (const m of manifests) {
    for (const [key, template] of Object.entries(m.reports ?? {})) {
      const submissions = m.simulator?.submissions?.[key];
      if (!submissions) continue;
      const stockFields = new Set<string>();
      for (const kpi of Object.values(m.kpis ?? {})) {
        if (kpi.kind === 'submitted' && kpi.report === key && kpi.accumulate === 'last') stockFields.add(kpi.field);
      }
      out.push({ id: `${m.id}.${key}`, sector: m.id, key, template, submissions, stockFields });
    }
  }
  return out;
}
