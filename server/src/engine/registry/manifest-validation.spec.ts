import { describe, expect, it } from 'vitest';
import { manifest as environment } from '@ioc/module-environment';
import { validateManifest } from './manifest-validation.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('validateManifest', () => {
  it('accepts the shipped manifests, with units as symbols or { vi, en } words', () => {
    expect(validateManifest('@ioc/module-environment', environment).id).toBe('environment');
  });

  it.each([
    ['a missing English name', (m: any) => (m.sourceKinds['air-station'].metrics.pm25.name = { vi: 'Bụi' }), 'sourceKinds.air-station.metrics.pm25.name'],
    ['a unit word without English', (m: any) => (m.sourceKinds['air-station'].metrics.pm25.unit = { vi: 'hạt' }), 'sourceKinds.air-station.metrics.pm25.unit'],
    ['min above max', (m: any) => (m.sourceKinds['water-level'].metrics.level_m.min = 500), 'sourceKinds.water-level.metrics.level_m.min/max'],
    ['a non-positive interval', (m: any) => (m.sourceKinds['air-station'].expectedIntervalS = 0), 'sourceKinds.air-station.expectedIntervalS'],
    ['an id that cannot be a topic segment', (m: any) => (m.id = 'Môi trường'), 'id'],
  ])('stops the boot on %s, naming module and field', (_what, breakIt, field) => {
    const m = clone(environment);
    breakIt(m);
    expect(() => validateManifest('@ioc/module-environment', m)).toThrow(new RegExp(`^module @ioc/module-environment: ${field.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} `));
  });
});
