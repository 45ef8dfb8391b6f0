import { describe, expect, it } from 'vitest';
import { gaugeScale, niceCeil } from './gauge-scale';

describe('gaugeScale', () => {
  it('rounds the dial past the value and the target', () => {
    expect(niceCeil(87)).toBe(100);
    expect(niceCeil(12)).toBe(20);
    expect(niceCeil(230)).toBe(250);
    expect(gaugeScale(45.6, 25, 'lower')).toMatchObject({ min: 0, max: 100 });
    expect(gaugeScale(12, 15_500, 'higher').max).toBe(20_000);
  });

  it('keeps a percentage under 100 on a 0–100 dial', () => {
    expect(gaugeScale(93, 90, 'higher', { percent: true }).max).toBe(100);
    expect(gaugeScale(130, 90, 'higher', { percent: true }).max).toBe(200);
  });

  it('puts green on the side the KPI wants', () => {
    const higher = gaugeScale(93, 90, 'higher', { percent: true });
    expect(higher.bands.at(-1)).toEqual([1, '#2dd4bf']);
    expect(higher.bands[1]![0]).toBeCloseTo(0.9);
    const lower = gaugeScale(45, 25, 'lower', { max: 100 });
    expect(lower.bands[0]).toEqual([0.25, '#2dd4bf']);
    expect(gaugeScale(5, null, 'higher').bands).toHaveLength(1);
  });
});
