import { describe, expect, it } from 'vitest';
import { attainment, kpiStatus, paceForecast, trendForecast } from './attainment.js';

describe('attainment, forecasts and status', () => {
  it('attainment is direction-aware', () => {
    expect(attainment(90, 95, 'higher')).toBeCloseTo(94.7368, 3);
    expect(attainment(30, 25, 'lower')).toBeCloseTo(83.3333, 3); // PM2.5 30 against a limit of 25
    expect(attainment(20, 25, 'lower')).toBe(125);
    expect(attainment(5, 10, 'none')).toBeNull();
    expect(attainment(null, 10, 'higher')).toBeNull();
  });
  it('pace: an accumulating value extrapolated by the elapsed share', () => {
    expect(paceForecast(6000, 0.5)).toBe(12000); // half the year gone, 6,000 bn collected
    expect(paceForecast(100, 0)).toBe(100);
  });
  it('trend: the rest of the period follows the line through finer values, within their range', () => {
    // Daily values 10, 12, 14 at 10 %, 20 %, 30 % of the month; 40 % gone, value so far 12.
    const pts = [{ x: 0.1, y: 10 }, { x: 0.2, y: 12 }, { x: 0.3, y: 14 }];
    // Line at the middle of the rest (0.7) = 22, clamped to the points' max 14: 0.4·12 + 0.6·14 = 13.2.
    expect(trendForecast(12, 0.4, pts)).toBeCloseTo(13.2, 9);
    const flat = [{ x: 0.1, y: 10 }, { x: 0.2, y: 9 }, { x: 0.3, y: 11 }];
    expect(trendForecast(10, 0.4, flat)).toBeCloseTo(0.4 * 10 + 0.6 * 11, 9);
    expect(trendForecast(10, 0.4, pts.slice(0, 2))).toBe(10);
  });
  it('status: met/missed once finished, on-track/at-risk by forecast while running', () => {
    expect(kpiStatus(96, 96, 95, 'higher', true).state).toBe('met');
    expect(kpiStatus(90, 90, 95, 'higher', true).state).toBe('missed');
    expect(kpiStatus(80, 97, 95, 'higher', false).state).toBe('on-track');
    expect(kpiStatus(96, 90, 95, 'higher', false).state).toBe('at-risk');
    expect(kpiStatus(30, 28, 25, 'lower', false).state).toBe('at-risk');
    expect(kpiStatus(null, null, 25, 'lower', false).state).toBe('no-data');
    expect(kpiStatus(3, 3, null, 'lower', false).state).toBe('no-target');
  });
});
