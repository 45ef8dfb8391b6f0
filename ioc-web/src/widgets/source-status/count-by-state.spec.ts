import { describe, expect, it } from 'vitest';
import { countByState } from './count-by-state';

describe('countByState', () => {
  const sources = [
    { sector: 'traffic', state: 'online' as const },
    { sector: 'traffic', state: 'offline' as const },
    { sector: 'environment', state: 'online' as const },
    { sector: 'environment', state: 'stale' as const },
    { sector: 'tourism', state: 'online' as const },
  ];

  it('counts per sector in the requested order and totals only those sectors', () => {
    const { rows, total } = countByState(sources, ['environment', 'traffic']);
    expect(rows.map((r) => r.sector)).toEqual(['environment', 'traffic']);
    expect(rows[0]!.counts).toEqual({ online: 1, stale: 1, offline: 0, unknown: 0, total: 2 });
    expect(rows[1]!.counts).toEqual({ online: 1, stale: 0, offline: 1, unknown: 0, total: 2 });
    expect(total).toEqual({ online: 2, stale: 1, offline: 1, unknown: 0, total: 4 });
  });

  it('lists a sector without sources with zeros', () => {
    expect(countByState([], ['health']).rows[0]!.counts.total).toBe(0);
  });
});
