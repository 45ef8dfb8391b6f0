import { describe, expect, it } from 'vitest';
import { checkCell, missingFields, parseNumberText, validateValues } from './validate.js';
import { healthFixture } from './test-kit.js';

const epi = healthFixture.reports!.epi_monthly!;

describe('report values against the template fields', () => {
  it('accepts good values and drops empties', () => {
    const r = validateValues(epi, { target_children: 40, fully_immunised: 38, coverage_pct: 95, aefi_serious: null, note: '  ' });
    expect(r.problems).toEqual([]);
    expect(r.values).toEqual({ target_children: 40, fully_immunised: 38, coverage_pct: 95 });
  });

  it('names every bad field: type, whole number, bounds, unknown, required', () => {
    const r = validateValues(epi, { target_children: 40.5, fully_immunised: '38', coverage_pct: 101, aefi_serious: -1, note: 7, vitamin_a: 3 });
    const byField = Object.fromEntries(r.problems.map((p) => [p.field, p.problem]));
    expect(byField).toEqual({
      target_children: 'must be a whole number (got 40.5)',
      fully_immunised: 'must be a whole number',
      coverage_pct: 'must be at most 100 (got 101)',
      aefi_serious: 'must be at least 0 (got -1)',
      note: 'must be text',
      vitamin_a: expect.stringContaining('is not a field of this report'),
    });
  });

  it('reports a missing required field once', () => {
    expect(validateValues(epi, { fully_immunised: 3 }).problems).toEqual([{ field: 'target_children', problem: 'is required' }]);
    expect(validateValues(epi, { target_children: 'x', fully_immunised: 3 }).problems).toEqual([{ field: 'target_children', problem: 'must be a whole number' }]);
  });

  it('lists the empty non-required fields of a submission (incomplete)', () => {
    expect(missingFields(epi, { target_children: 1, fully_immunised: 1, note: 'ok' })).toEqual(['coverage_pct', 'aefi_serious']);
    expect(missingFields(epi, { target_children: 1, fully_immunised: 1, coverage_pct: 100, aefi_serious: 0, note: 'x' })).toEqual([]);
  });

  it('reads numbers typed in cells: decimal point or comma, no guessed thousands', () => {
    expect(parseNumberText(' 1234 ')).toBe(1234);
    expect(parseNumberText('12,5')).toBe(12.5);
    expect(parseNumberText('-3.25')).toBe(-3.25);
    expect(parseNumberText('1.234.567')).toBeUndefined();
    expect(parseNumberText('abc')).toBeUndefined();
    expect(checkCell(epi.fields.target_children!, '1.234')).toEqual({ problem: 'must be a whole number (got 1.234)' });
    expect(checkCell(epi.fields.target_children!, 'mười')).toEqual({ problem: '"mười" is not a whole number' });
    expect(checkCell(epi.fields.coverage_pct!, '97,5')).toEqual({ value: 97.5 });
    expect(checkCell(epi.fields.note!, 42)).toEqual({ value: '42' });
    expect(checkCell(epi.fields.target_children!, null)).toEqual({});
  });
});
