import { describe, expect, it } from 'vitest';
import { fitTable } from './table-fit';

describe('fitTable', () => {
  it('shows everything in a roomy tile, up to the limit', () => {
    expect(fitTable(780, 400, 3, 5)).toEqual({ rows: 5, metricColumns: 3, showTime: true });
  });

  it('shows fewer rows in a low tile, but always one', () => {
    expect(fitTable(780, 150, 3, 8).rows).toBe(2);
    expect(fitTable(780, 40, 3, 8).rows).toBe(1);
  });

  it('drops the time column first, then metric columns from the right', () => {
    expect(fitTable(420, 300, 3, 8)).toMatchObject({ metricColumns: 3, showTime: false });
    expect(fitTable(300, 300, 3, 8)).toMatchObject({ metricColumns: 1, showTime: false });
    expect(fitTable(100, 300, 3, 8)).toMatchObject({ metricColumns: 1, showTime: false });
  });
});
