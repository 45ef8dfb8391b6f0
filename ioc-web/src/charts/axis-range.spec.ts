import { describe, expect, it } from 'vitest';
import { intervalFractionDigits, niceStep, tickCount, valueRange } from './axis-range';

describe('valueRange', () => {
  it('holds the values and the target with some air', () => {
    const range = valueRange([87.2, 88, 90]);
    expect(range.min).toBeLessThanOrEqual(87.2);
    expect(range.max).toBeGreaterThanOrEqual(90);
  });

  it('does not go below zero for counts and copes with one value or none', () => {
    expect(valueRange([0.2, 5]).min).toBe(0);
    expect(valueRange([2002])).toEqual({ min: 1800, max: 2400, interval: 200, scale: true });
    expect(valueRange([])).toEqual({ scale: true });
  });

  it('ticks counts by whole units', () => {
    expect(valueRange([1], 3, { integer: true })).toEqual({ min: 0, max: 2, interval: 1, scale: true });
  });

  it('uses fewer, wider intervals in a low chart', () => {
    const range = valueRange([85, 100], 1);
    expect(((range.max! - range.min!) / range.interval!)).toBeLessThanOrEqual(2);
  });
});

describe('ticks', () => {
  it('labels as many intervals as the height allows, one to four', () => {
    expect([tickCount(20), tickCount(70), tickCount(400)]).toEqual([1, 2, 4]);
    expect(tickCount(110)).toBe(3);
  });

  it('rounds a tick up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([niceStep(133), niceStep(0.7), niceStep(2), niceStep(2.2), niceStep(41)]).toEqual([200, 1, 2, 2.5, 50]);
  });

  it('gives labels the decimals their interval needs', () => {
    expect([intervalFractionDigits(200), intervalFractionDigits(2.5), intervalFractionDigits(0.5), intervalFractionDigits(0.25), intervalFractionDigits(0.002)]).toEqual([0, 1, 1, 2, 3]);
  });
});
