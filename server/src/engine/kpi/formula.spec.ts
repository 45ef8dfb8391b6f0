import { describe, expect, it } from 'vitest';
import { evaluateFormula, formulaIdentifiers, FormulaError, parseFormula } from './formula.js';

const calc = (src: string, vars: Record<string, number | null> = {}) => evaluateFormula(parseFormula(src), (n) => vars[n]);

describe('derived KPI formulas', () => {
  it('follows arithmetic precedence', () => {
    expect(calc('1 + 2 * 3')).toBe(7);
    expect(calc('(1 + 2) * 3')).toBe(9);
    expect(calc('-2 ^ 2')).toBe(-4);
    expect(calc('2 ^ 3 ^ 2')).toBe(512);
    expect(calc('10 / 4 - 1')).toBe(1.5);
  });
  it('bed occupancy % = occupied / beds', () => {
    expect(calc('100 * beds_occupied / beds_total', { beds_occupied: 187, beds_total: 220 })).toBeCloseTo(85, 6);
  });
  it('risk level from cases, vaccination and capacity (comparisons give 1/0)', () => {
    const f = '1 + (cases_per_100k > 50) + (vaccination_pct < 70) + (icu_free_pct < 20)';
    expect(calc(f, { cases_per_100k: 80, vaccination_pct: 65, icu_free_pct: 30 })).toBe(3);
    expect(calc(f, { cases_per_100k: 10, vaccination_pct: 90, icu_free_pct: 50 })).toBe(1);
  });
  it('functions and logic', () => {
    expect(calc('clamp(x, 0, 100)', { x: 130 })).toBe(100);
    expect(calc('round(2.345, 2)')).toBe(2.35);
    expect(calc('if(a > 1 and not b, 10, 20)', { a: 2, b: 0 })).toBe(10);
    expect(calc('min(3, a, 1)', { a: 0 })).toBe(0);
    expect(calc('coalesce(missing, 7)', {})).toBe(7);
  });
  it('missing inputs and division by zero give no value', () => {
    expect(calc('a / b', { a: 1, b: 0 })).toBeNull();
    expect(calc('a + 1', {})).toBeNull();
    expect(calc('a + 1', { a: null })).toBeNull();
  });
  it('lists identifiers, including other sectors', () => {
    expect(formulaIdentifiers(parseFormula('100 * a / health.beds_total + a'))).toEqual(['a', 'health.beds_total']);
  });
  it('names the position of a syntax error', () => {
    expect(() => parseFormula('1 + * 2')).toThrow(FormulaError);
    expect(() => parseFormula('1 + * 2')).toThrow(/position 5/);
    expect(() => parseFormula('sqrt(2)')).toThrow(/unknown function "sqrt"/);
    expect(() => parseFormula('clamp(1, 2)')).toThrow(/takes 3 arguments/);
    expect(() => parseFormula('(1 + 2')).toThrow(/expected "\)"/);
    expect(() => parseFormula('')).toThrow(/empty/);
    expect(() => parseFormula('a $ b')).toThrow(/unexpected character/);
  });
});
