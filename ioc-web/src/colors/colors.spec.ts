import { describe, expect, it } from 'vitest';
import { toCss } from './color';
import { vnAqiBand } from './vn-aqi';

describe('vnAqiBand', () => {
  it.each([
    [0, 'aqi.good'],
    [50, 'aqi.good'],
    [50.4, 'aqi.good'],
    [50.6, 'aqi.moderate'],
    [100, 'aqi.moderate'],
    [101, 'aqi.poor'],
    [151, 'aqi.bad'],
    [201, 'aqi.veryBad'],
    [301, 'aqi.hazardous'],
    [9999, 'aqi.hazardous'],
  ] as const)('AQI %d is %s', (aqi, label) => {
    expect(vnAqiBand(aqi).label).toBe(label);
  });

  it('uses the official colours for the extreme bands', () => {
    expect(vnAqiBand(10).color).toEqual([0, 228, 0, 255]);
    expect(vnAqiBand(400).color).toEqual([126, 0, 35, 255]);
  });

  it('treats negative noise as good air rather than failing', () => {
    expect(vnAqiBand(-3).label).toBe('aqi.good');
  });
});

describe('toCss', () => {
  it('converts 0–255 alpha to a CSS fraction', () => {
    expect(toCss([255, 126, 0, 128])).toBe('rgba(255, 126, 0, 0.5)');
  });
});
