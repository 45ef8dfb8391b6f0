import { describe, expect, it } from 'vitest';
import { choroplethScale, CHOROPLETH_RAMP } from './choropleth';

const item = (regionId: string, value: number | null) => ({ regionId, name: regionId, value: value === null ? null : ({ value } as never) });

describe('choropleth scale', () => {
  it('colours equal intervals from good to bad in the KPI direction', () => {
    const s = choroplethScale({ items: [item('a', 0), item('b', 50), item('c', 100), item('d', null)] }, 'lower');
    expect(s.breaks).toEqual([0, 20, 40, 60, 80, 100]);
    expect(s.fill.get('a')).toEqual(CHOROPLETH_RAMP[0]);
    expect(s.fill.get('b')).toEqual(CHOROPLETH_RAMP[2]);
    expect(s.fill.get('c')).toEqual(CHOROPLETH_RAMP[4]);
    expect(s.fill.has('d')).toBe(false);
    const higher = choroplethScale({ items: [item('a', 0), item('c', 100)] }, 'higher');
    expect(higher.fill.get('a')).toEqual(CHOROPLETH_RAMP[4]);
    expect(higher.fill.get('c')).toEqual(CHOROPLETH_RAMP[0]);
  });
  it('gives one value the middle colour', () => {
    expect(choroplethScale({ items: [item('a', 7), item('b', 7)] }, 'lower').fill.get('a')).toEqual(CHOROPLETH_RAMP[2]);
  });
});
