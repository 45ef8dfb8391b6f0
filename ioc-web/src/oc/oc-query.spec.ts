import { describe, expect, it } from 'vitest';
import { readOcQuery, writeOcQuery } from './oc-query';

describe('OC page address', () => {
  it('reads the region and a known period, ignoring anything else', () => {
    expect(readOcQuery('?region=bp-bu-dang&period=quarter&lang=en')).toEqual({ region: 'bp-bu-dang', period: 'quarter' });
    expect(readOcQuery('?period=fortnight')).toEqual({ region: null, period: null });
  });

  it('writes the view and keeps the language', () => {
    expect(writeOcQuery('?lang=en', { region: 'bp-bu-dang', period: 'month' })).toBe('?lang=en&region=bp-bu-dang&period=month');
    expect(writeOcQuery('?lang=en&region=bp-bu-dang&period=month', { region: null, period: null })).toBe('?lang=en');
    expect(writeOcQuery('', { region: null, period: null })).toBe('');
  });
});
