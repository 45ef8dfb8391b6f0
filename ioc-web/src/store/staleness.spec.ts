import type { SectorManifest } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { expectedIntervalS, isStale } from './staleness';

const now = Date.parse('2026-11-22T07:10:00Z');

describe('isStale', () => {
  it('keeps a value fresh up to two expected intervals', () => {
    expect(isStale('2026-11-22T07:08:00Z', 60, now)).toBe(false);
  });

  it('marks a value older than two expected intervals', () => {
    expect(isStale('2026-11-22T07:07:59Z', 60, now)).toBe(true);
  });

  it('measures against the kind interval: 5-minute hospital feeds stay fresh for 10 minutes', () => {
    expect(isStale('2026-11-22T07:01:00Z', 300, now)).toBe(false);
  });

  it('treats an unreadable timestamp as stale, and an unknown kind as not judgeable', () => {
    expect(isStale('yesterday', 60, now)).toBe(true);
    expect(isStale('2020-01-01T00:00:00Z', null, now)).toBe(false);
  });
});

describe('expectedIntervalS', () => {
  const sectors = new Map<string, SectorManifest>([
    ['health', { id: 'health', name: { vi: 'Y tế', en: 'Health' }, sourceKinds: { hospital: { name: { vi: 'BV', en: 'H' }, expectedIntervalS: 300, metrics: {} } } }],
  ]);
  it('reads the interval from the sector manifest', () => {
    expect(expectedIntervalS(sectors, 'health', 'hospital')).toBe(300);
    expect(expectedIntervalS(sectors, 'health', 'ambulance')).toBeNull();
  });
});
