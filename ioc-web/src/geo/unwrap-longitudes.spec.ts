import { describe, expect, it } from 'vitest';
import { roundRing, unwrapRing } from './unwrap-longitudes';

describe('unwrapRing', () => {
  it('leaves a ring that does not cross the antimeridian unchanged (Vietnam-like)', () => {
    const ring: Array<[number, number]> = [[106.4, 11.3], [107.4, 11.3], [107.4, 12.3], [106.4, 11.3]];
    expect(unwrapRing(ring)).toEqual(ring);
  });

  it('shifts vertices after an eastward crossing so the ring stays continuous (Fiji-like)', () => {
    const ring: Array<[number, number]> = [[179, -17], [-179.5, -17], [-179.5, -16], [179, -16], [179, -17]];
    const unwrapped = unwrapRing(ring);
    expect(unwrapped.map(([lon]) => lon)).toEqual([179, 180.5, 180.5, 179, 179]);
    for (let i = 1; i < unwrapped.length; i += 1) {
      expect(Math.abs(unwrapped[i]![0] - unwrapped[i - 1]![0])).toBeLessThan(180);
    }
  });

  it('handles a westward crossing', () => {
    expect(unwrapRing([[-179, 60], [179, 60]]).map(([lon]) => lon)).toEqual([-179, -181]);
  });
});

describe('roundRing', () => {
  it('rounds to the requested decimals', () => {
    expect(roundRing([[106.123456, 11.987654]], 3)).toEqual([[106.123, 11.988]]);
  });
});
