import type { MetricSchema, SectorManifest, SourceKindSchema } from '@ioc/sdk';
import { manifest as education } from '@ioc/module-education';
import { manifest as environment } from '@ioc/module-environment';
import { manifest as health } from '@ioc/module-health';
import { manifest as security } from '@ioc/module-security';
import { manifest as traffic } from '@ioc/module-traffic';

/** The sector manifests the simulator publishes for; metric ranges and event types come from here. */
export const SECTOR_MANIFESTS: readonly SectorManifest[] = [environment, traffic, security, health, education];

export function sourceKindSchema(sector: string, kind: string): SourceKindSchema {
  const schema = SECTOR_MANIFESTS.find((m) => m.id === sector)?.sourceKinds[kind];
  if (!schema) throw new Error(`no manifest declares source kind ${sector}/${kind}`);
  return schema;
}

export function metricSchemas(sector: string, kind: string): Record<string, MetricSchema> {
  return sourceKindSchema(sector, kind).metrics;
}
