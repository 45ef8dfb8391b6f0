import { describe, expect, it } from 'vitest';
import { KPI_STATE_ORDER } from '../kpi/kpi-format';
import { ageParts, formatTimeDate, kpisBySector, loadStored, regionFromSearch, saveStored, searchWithRegion } from './tablet-data';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

describe('tablet data helpers', () => {
  it('reads and writes the region of the URL, keeping ?lang', () => {
    expect(regionFromSearch('?region=bp-dong-xoai&lang=en')).toBe('bp-dong-xoai');
    expect(regionFromSearch('?region=%3Cx%3E')).toBeNull();
    expect(regionFromSearch('')).toBeNull();
    expect(searchWithRegion('?lang=en', 'bp-x')).toBe('?lang=en&region=bp-x');
    expect(searchWithRegion('?region=bp-x', null)).toBe('');
  });

  it('formats the offline time as HH:mm dd/MM/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatTimeDate(Date.parse('2026-12-03T07:05:00Z'), 'vi-VN')).toBe('14:05 03/12/2026');
    expect(formatTimeDate(Date.parse('2026-12-31T17:30:00Z'), 'vi-VN')).toBe('00:30 01/01/2027');
  });

  it('gives coarse ages', () => {
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(ageParts('2026-12-03T11:59:30Z', now)).toEqual({ unit: 'now', n: 0 });
    expect(ageParts('2026-12-03T11:15:00Z', now)).toEqual({ unit: 'minutes', n: 45 });
    expect(ageParts('2026-12-02T12:00:00Z', now)).toEqual({ unit: 'hours', n: 24 });
    expect(ageParts('2026-11-30T12:00:00Z', now)).toEqual({ unit: 'days', n: 3 });
  });

  it('keeps the last summaries per region and prunes the oldest', () => {
    const s = new MemoryStorage();
    const summary = { region: { id: 'a', name: 'A', level: 'province' } } as never;
    for (let i = 0; i < 45; i++) saveStored(s, `r${i}`, { summary, fetchedAt: i });
    expect(s.length).toBe(40);
    expect(loadStored(s, 'r44')?.fetchedAt).toBe(44);
    expect(loadStored(s, 'r0')).toBeNull();
    s.setItem('ioc.tablet.summary:bad', '{');
    expect(loadStored(s, 'bad')).toBeNull();
  });
});

describe('KPI groups', () => {
  it('puts the sector needing most attention first, worst KPI first within it, sectors without values last', () => {
    const k = (id: string, sector: string, state: string) => ({ id, sector, state }) as never;
    const summary = {
      sectors: [{ id: 'a', name: { vi: 'A' } }, { id: 'b', name: { vi: 'B' } }, { id: 'c', name: { vi: 'C' } }, { id: 'd', name: { vi: 'D' } }],
      kpis: [k('a1', 'a', 'no-data'), k('b1', 'b', 'met'), k('b2', 'b', 'at-risk'), k('c1', 'c', 'met'), k('a2', 'a', 'no-data')],
    } as never;
    const groups = kpisBySector(summary, KPI_STATE_ORDER);
    expect(groups.map((g) => g.sector.id)).toEqual(['b', 'c', 'a']);
    expect(groups[0]!.kpis.map((x) => x.id)).toEqual(['b2', 'b1']);
  });
});
