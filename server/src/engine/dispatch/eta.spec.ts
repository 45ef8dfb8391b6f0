import { describe, expect, it } from 'vitest';
import { DETOUR_FACTOR, estimate } from './eta.js';

describe('dispatch ETA', () => {
  it('is the road estimate over the cruise speed', () => {
    // 10 km straight → 13.5 km of road at 40 km/h = 20.25 min.
    expect(estimate(10_000, 40)).toEqual({ routeM: 10_000 * DETOUR_FACTOR, etaS: 1215 });
  });

  it('uses the reported speed while moving, never less than half the cruise speed', () => {
    expect(estimate(10_000, 40, 60).etaS).toBe(810);
    expect(estimate(10_000, 40, 10).etaS).toBe(estimate(10_000, 40, 20).etaS);
  });

  it('ignores a standstill (a red light is not the rest of the trip)', () => {
    expect(estimate(10_000, 40, 0)).toEqual(estimate(10_000, 40));
  });
});
