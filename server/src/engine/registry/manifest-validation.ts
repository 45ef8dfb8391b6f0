import { TOPIC_SEGMENT, type SectorManifest } from '@ioc/sdk';

export class ManifestError extends Error {
  constructor(
    readonly moduleName: string,
    readonly field: string,
    problem: string,
  ) {
    super(`module ${moduleName}: ${field} ${problem}`);
    this.name = 'ManifestError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireLocalized(moduleName: string, field: string, v: unknown): void {
  if (!isObject(v) || typeof v.vi !== 'string' || !v.vi || typeof v.en !== 'string' || !v.en) {
    throw new ManifestError(moduleName, field, 'must be { vi, en } with both texts non-empty');
  }
}

/** Checks a manifest's shape at boot; the first problem stops the boot naming module and field. */
export function validateManifest(moduleName: string, m: unknown): SectorManifest {
  if (!isObject(m)) throw new ManifestError(moduleName, 'manifest', 'must be an object exported as `manifest`');
  if (typeof m.id !== 'string' || !TOPIC_SEGMENT.test(m.id)) throw new ManifestError(moduleName, 'id', 'must be a lower-case identifier');
  requireLocalized(moduleName, 'name', m.name);
  if (!isObject(m.sourceKinds)) throw new ManifestError(moduleName, 'sourceKinds', 'must be an object');
  for (const [kindId, kind] of Object.entries(m.sourceKinds)) {
    const at = `sourceKinds.${kindId}`;
    if (!TOPIC_SEGMENT.test(kindId)) throw new ManifestError(moduleName, at, 'key must be a lower-case identifier');
    if (!isObject(kind)) throw new ManifestError(moduleName, at, 'must be an object');
    requireLocalized(moduleName, `${at}.name`, kind.name);
    if (typeof kind.expectedIntervalS !== 'number' || !(kind.expectedIntervalS > 0)) {
      throw new ManifestError(moduleName, `${at}.expectedIntervalS`, 'must be a positive number of seconds');
    }
    if (!isObject(kind.metrics)) throw new ManifestError(moduleName, `${at}.metrics`, 'must be an object');
    for (const [metricId, metric] of Object.entries(kind.metrics)) {
      const mat = `${at}.metrics.${metricId}`;
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(metricId)) throw new ManifestError(moduleName, mat, 'key must be a snake_case identifier');
      if (!isObject(metric)) throw new ManifestError(moduleName, mat, 'must be an object');
      requireLocalized(moduleName, `${mat}.name`, metric.name);
      if (typeof metric.unit !== 'string') requireLocalized(moduleName, `${mat}.unit`, metric.unit);
      if (typeof metric.min !== 'number' || typeof metric.max !== 'number' || !(metric.min < metric.max)) {
        throw new ManifestError(moduleName, `${mat}.min/max`, 'must be numbers with min < max');
      }
    }
    if (kind.events !== undefined) {
      if (!isObject(kind.events)) throw new ManifestError(moduleName, `${at}.events`, 'must be an object');
      for (const [eventId, ev] of Object.entries(kind.events)) {
        if (!TOPIC_SEGMENT.test(eventId)) throw new ManifestError(moduleName, `${at}.events.${eventId}`, 'key must be a lower-case identifier');
        if (!isObject(ev)) throw new ManifestError(moduleName, `${at}.events.${eventId}`, 'must be an object');
        requireLocalized(moduleName, `${at}.events.${eventId}.name`, ev.name);
      }
    }
  }
  return m as unknown as SectorManifest;
}
