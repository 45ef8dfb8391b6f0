import type { ReportField, ReportTemplate } from '@ioc/sdk';
import type { ReportValues } from '../../api/reports.dto.js';
import { isNumeric } from './catalog.js';

/** How a field consolidates: the manifest's choice; numbers add up by default, text does not consolidate. */
export function consolidation(field: ReportField): NonNullable<ReportField['consolidate']> {
  return field.consolidate ?? (isNumeric(field) ? { fn: 'sum' } : { fn: 'none' });
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Consolidates the accepted submissions of the units under one parent (district, province)
 * field by field. Always from the units themselves, never from subtotals, so averages stay
 * right. Empty values are left out; a field no unit filled is null.
 */
export function consolidate(template: ReportTemplate, units: ReportValues[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [key, field] of Object.entries(template.fields)) {
    const c = consolidation(field);
    const nums = units.map((u) => u[key]).filter((v): v is number => typeof v === 'number');
    if (c.fn === 'none' || !isNumeric(field) || nums.length === 0) {
      out[key] = null;
      continue;
    }
    switch (c.fn) {
      case 'sum':
        out[key] = round(nums.reduce((a, b) => a + b, 0));
        break;
      case 'avg':
        out[key] = round(nums.reduce((a, b) => a + b, 0) / nums.length);
        break;
      case 'weighted-avg': {
        let sw = 0;
        let swx = 0;
        for (const u of units) {
          const x = u[key];
          const w = u[c.weight];
          if (typeof x !== 'number' || typeof w !== 'number') continue;
          sw += w;
          swx += w * x;
        }
        out[key] = sw > 0 ? round(swx / sw) : null;
        break;
      }
    }
  }
  return out;
}
