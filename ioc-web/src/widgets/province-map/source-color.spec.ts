import type { SectorManifest } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import type { SourceWithState } from '../../api/types';
import { SOURCE_STATE_COLORS } from '../../colors/source-state';
import { sourceFillColor, type ColorBy } from './source-color';

const now = Date.parse('2026-11-22T07:10:00Z');
const sectors = new Map<string, SectorManifest>([
  [
    'environment',
    {
      id: 'environment',
      name: { vi: 'Môi trường', en: 'Environment' },
      sourceKinds: { 'air-station': { name: { vi: 'Trạm', en: 'Station' }, expectedIntervalS: 60, metrics: {} } },
    },
  ],
]);
const colorBy: ColorBy = { sector: 'environment', metric: 'aqi', scale: 'vn-aqi' };

function source(patch: Partial<SourceWithState>): SourceWithState {
  return { id: 'aq-1', sector: 'environment', kind: 'air-station', name: 'Trạm 1', regionId: 'd1', lon: 106.9, lat: 11.5, state: 'online', lastSeen: null, ...patch };
}

describe('sourceFillColor', () => {
  it('colours a fresh AQI value by its VN_AQI band', () => {
    expect(sourceFillColor(source({}), { ts: '2026-11-22T07:09:30Z', value: 120 }, colorBy, sectors, now)).toEqual([255, 126, 0, 255]);
  });

  it('falls back to the state colour when the value is stale', () => {
    expect(sourceFillColor(source({ state: 'stale' }), { ts: '2026-11-22T06:00:00Z', value: 20 }, colorBy, sectors, now)).toEqual(
      SOURCE_STATE_COLORS.stale,
    );
  });

  it('shows an offline station as offline even with a recent value', () => {
    expect(sourceFillColor(source({ state: 'offline' }), { ts: '2026-11-22T07:09:30Z', value: 20 }, colorBy, sectors, now)).toEqual(
      SOURCE_STATE_COLORS.offline,
    );
  });

  it('colours sources of other sectors by state', () => {
    expect(sourceFillColor(source({ sector: 'traffic', kind: 'counter' }), undefined, colorBy, sectors, now)).toEqual(SOURCE_STATE_COLORS.online);
  });
});
