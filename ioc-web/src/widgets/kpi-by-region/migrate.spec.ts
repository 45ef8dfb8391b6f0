import { describe, expect, it } from 'vitest';
import { tileOptions } from '../../walls/wall-layout';
import { kpiByRegionWidget, migrateKpiByRegion } from './index';

describe('kpi-by-region options, version 2', () => {
  it('lifts version 1 `display` to `chart`', () => {
    expect(migrateKpiByRegion({ kpi: 'a.b', display: 'bars' })).toEqual({ kpi: 'a.b', chart: 'bar' });
    expect(migrateKpiByRegion({ display: 'table' })).toEqual({ chart: 'table' });
  });

  it('leaves current options alone (module layouts carry no version)', () => {
    const current = { kpi: 'a.b', chart: 'pie' };
    expect(migrateKpiByRegion(current)).toBe(current);
    expect(tileOptions({ options: { kpi: 'a.b', level: 'commune' } }, kpiByRegionWidget)).toMatchObject({ chart: 'bar', level: 'commune' });
    expect(tileOptions({ options: { kpi: 'a.b', display: 'table' }, optionsVersion: 1 }, kpiByRegionWidget)).not.toHaveProperty('display');
  });
});
