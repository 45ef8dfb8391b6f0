import { periodOf, type PeriodRange } from '@ioc/sdk';
import { describe, expect, it } from 'vitest';
import { loadRegionCollection } from '../model/region-index.js';
import { simulatedTemplates, type SimulatedTemplate } from '../model/sector-manifests.js';
import { vietnamTime } from '../telemetry/local-time.js';
import { batchCsv, expectedStates, importBatchJob } from './report-jobs.js';
import { correctValues, dueAt, periodsBetween } from './report-values.js';
import { drawOutcome, expectedState, planUnitPeriod, type UnitPeriodPlan } from './submission-plan.js';

const templates = simulatedTemplates();
const template = (id: string) => templates.find((t) => t.id === id) as SimulatedTemplate;
const regions = loadRegionCollection().features;
const unitsOf = (t: SimulatedTemplate) => regions.filter((r) => r.properties.level === t.template.level).map((r) => r.properties.id);
const months2026 = periodsBetween('month', vietnamTime(2026, 1, 1), vietnamTime(2026, 10, 15));

/** Plans of every unit for every period given. */
const plansOf = (t: SimulatedTemplate, periods: PeriodRange[], seed = 1): UnitPeriodPlan[] => periods.flatMap((p) => unitsOf(t).map((id) => planUnitPeriod(t, id, p, seed)));

describe('report templates', () => {
  it('come from every module that reports, with a submission profile each', () => {
    expect(new Set(templates.map((t) => t.sector)).size).toBe(10);
    expect(templates.map((t) => t.id)).toEqual(expect.arrayContaining(['health.epi_monthly', 'health.communicable_weekly', 'finance.budget_monthly', 'planning.investment_monthly', 'tourism.tourism_monthly', 'education.universalisation_yearly']));
  });
});

describe('submission planning', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const t = template('planning.investment_monthly');
    expect(plansOf(t, months2026)).toEqual(plansOf(t, months2026));
    expect(plansOf(t, months2026, 2).map((p) => p.outcome)).not.toEqual(plansOf(t, months2026).map((p) => p.outcome));
  });

  it('follows the profile’s shares of on time, late, wrong and missing', () => {
    for (const t of [template('health.epi_monthly'), template('administration.population_monthly'), template('health.communicable_weekly')]) {
      const periods = t.template.period === 'week' ? periodsBetween('week', vietnamTime(2026, 1, 5), vietnamTime(2026, 10, 15)) : months2026;
      const plans = plansOf(t, periods);
      const share = (o: string) => plans.filter((p) => p.outcome === o).length / plans.length;
      const s = t.submissions;
      // Over 1,000+ unit-periods a share lands within a few points of the profile.
      expect(share('onTime'), t.id).toBeCloseTo(s.onTime, 1);
      expect(Math.abs(share('late') - s.late), t.id).toBeLessThan(0.03);
      expect(Math.abs(share('wrong') - s.wrong), t.id).toBeLessThan(0.02);
      expect(Math.abs(share('missing') - s.missing), t.id).toBeLessThan(0.02);
    }
    expect(drawOutcome({ onTime: 0.5, late: 0.3, wrong: 0.1, missing: 0.1 }, 0.49)).toBe('onTime');
    expect(drawOutcome({ onTime: 0.5, late: 0.3, wrong: 0.1, missing: 0.1 }, 0.79)).toBe('late');
    expect(drawOutcome({ onTime: 0.5, late: 0.3, wrong: 0.1, missing: 0.1 }, 0.85)).toBe('wrong');
    expect(drawOutcome({ onTime: 0.5, late: 0.3, wrong: 0.1, missing: 0.1 }, 0.95)).toBe('missing');
  });

  it('submits on time before the due date, late after it, and never for missing units', () => {
    for (const t of templates) {
      const periods = periodsBetween(t.template.period, vietnamTime(2026, 1, 5), vietnamTime(2026, 6, 1)).slice(0, 6);
      for (const plan of plansOf(t, periods)) {
        const first = plan.steps[0];
        expect(plan.dueAt).toEqual(dueAt(t.template, plan.period));
        if (plan.outcome === 'missing') expect(plan.steps).toEqual([]);
        if (!first) continue;
        expect(first.at.getTime(), `${plan.templateId} ${plan.regionId} ${plan.period.key}`).toBeGreaterThan(plan.period.end.getTime());
        if (plan.outcome === 'onTime' || plan.outcome === 'wrong') expect(first.at.getTime()).toBeLessThan(plan.dueAt.getTime());
        if (plan.outcome === 'late') expect(first.at.getTime()).toBeGreaterThan(plan.dueAt.getTime());
        for (let k = 1; k < plan.steps.length; k++) expect((plan.steps[k]?.at.getTime() as number) >= (plan.steps[k - 1]?.at.getTime() as number)).toBe(true);
      }
    }
  });

  it('keeps correct figures inside the fields’ bounds, whole where the field is an integer, with the required fields filled', () => {
    for (const t of templates) {
      for (const id of unitsOf(t).slice(0, 20)) {
        const values = correctValues(t, id, periodOf(t.template.period, vietnamTime(2026, 7, 10)), 1);
        for (const [key, field] of Object.entries(t.template.fields)) {
          const v = values[key];
          if (field.required) expect(v, `${t.id}.${key}`).toBeDefined();
          if (typeof v !== 'number') continue;
          expect(v, `${t.id}.${key}`).toBeGreaterThanOrEqual(field.min ?? -Infinity);
          expect(v, `${t.id}.${key}`).toBeLessThanOrEqual(field.max ?? Infinity);
          if (field.type === 'integer') expect(Number.isInteger(v), `${t.id}.${key}=${v}`).toBe(true);
        }
      }
    }
  });

  it('adds up to the province’s scale: revenue, births and dengue in the rainy season', () => {
    const sum = (t: SimulatedTemplate, field: string, periods: PeriodRange[]) => periods.reduce((s, p) => s + unitsOf(t).reduce((n, id) => n + ((correctValues(t, id, p, 1)[field] as number) ?? 0), 0), 0);
    const revenue = sum(template('finance.budget_monthly'), 'revenue_total_bn', periodsBetween('month', vietnamTime(2026, 1, 1), vietnamTime(2026, 12, 1)));
    expect(revenue).toBeGreaterThan(9000);
    expect(revenue).toBeLessThan(16000);
    const population = sum(template('administration.population_monthly'), 'population', [periodOf('month', vietnamTime(2026, 6, 1))]);
    expect(population).toBeGreaterThan(900_000);
    expect(population).toBeLessThan(1_200_000);
    const weekly = template('health.communicable_weekly');
    const dengue = (month: number) => sum(weekly, 'dengue_cases', periodsBetween('week', vietnamTime(2026, month, 1), vietnamTime(2026, month, 28)));
    expect(dengue(8)).toBeGreaterThan(3 * dengue(2));
  });

  it('makes wrong figures on purpose: bound-breaking ones are refused and some resubmitted, plausible ones returned and corrected', () => {
    const plans = [template('planning.investment_monthly'), template('finance.budget_monthly'), template('health.epi_monthly'), template('environment.waste_monthly')].flatMap((t) => plansOf(t, months2026));
    const wrong = plans.filter((p) => p.outcome === 'wrong');
    expect(wrong.length).toBeGreaterThan(40);
    const kinds = new Set(wrong.map((p) => p.wrong?.kind));
    for (const kind of ['unit-slip', 'cumulative', 'negative', 'out-of-range']) expect(kinds, kind).toContain(kind);
    for (const p of wrong) {
      const w = p.wrong as NonNullable<UnitPeriodPlan['wrong']>;
      const field = templates.find((t) => t.id === p.templateId)?.template.fields[w.field];
      const breaks = w.value < (field?.min ?? -Infinity) || w.value > (field?.max ?? Infinity);
      expect(w.accepted, `${p.templateId} ${w.kind} ${w.field}=${w.value}`).toBe(!breaks);
      expect(w.value).not.toBe(w.correct);
      const first = p.steps[0];
      expect(first?.kind === 'submit' && first.values[w.field]).toBe(w.value);
      if (w.kind === 'negative') expect(w.accepted).toBe(false);
      if (w.kind === 'unit-slip') expect(field?.type).toBe('number');
      if (p.corrected) {
        const last = p.steps.at(-1);
        expect(last?.kind === 'submit' && last.role === 'corrected' && last.values[w.field]).toBe(w.correct);
        if (w.accepted) expect(p.steps.map((s) => s.kind)).toEqual(['submit', 'return', 'submit']);
        else expect(p.steps.map((s) => s.kind)).toEqual(['submit', 'submit']);
      } else expect(p.steps).toHaveLength(1);
    }
    expect(wrong.some((p) => p.wrong?.accepted && p.corrected)).toBe(true);
    expect(wrong.some((p) => !p.wrong?.accepted && p.corrected)).toBe(true);
    expect(wrong.some((p) => !p.wrong?.accepted && !p.corrected)).toBe(true);
  });

  it('knows what the server should show at any instant of a plan', () => {
    const t = template('planning.investment_monthly');
    const returned = plansOf(t, months2026).find((p) => p.wrong?.accepted && p.corrected) as UnitPeriodPlan;
    const [first, ret, fix] = returned.steps as [UnitPeriodPlan['steps'][0], UnitPeriodPlan['steps'][0], UnitPeriodPlan['steps'][0]];
    expect(expectedState(returned, new Date(first.at.getTime() - 1))).toEqual({ status: 'none' });
    expect(expectedState(returned, first.at)).toMatchObject({ status: 'submitted' });
    expect(expectedState(returned, ret.at)).toMatchObject({ status: 'returned' });
    expect(expectedState(returned, fix.at)).toEqual({ status: 'submitted', values: correctValues(t, returned.regionId, returned.period, 1) });
  });
});

describe('a district’s CSV batch', () => {
  const t = template('health.epi_monthly');
  const district = 'bp-loc-ninh';
  const communes = regions.filter((r) => r.properties.parentId === district).map((r) => r.properties.id);

  it('uploads every submitting commune once the last is in, re-uploads corrected after a rejection, and leaves the missing out', () => {
    let sawRejection = false;
    for (const period of months2026) {
      const job = importBatchJob(t, district, communes, period, 1);
      const imports = job.actions.filter((a) => a.kind === 'import');
      const submitting = job.plans.filter((p) => p.steps.length > 0);
      if (submitting.length === 0) continue;
      expect(imports.length).toBeGreaterThanOrEqual(1);
      const final = imports.at(-1);
      expect(final?.kind === 'import' && final.expectRejected).toBe(false);
      if (imports.length > 1) {
        sawRejection = true;
        expect(imports[0]?.kind === 'import' && imports[0].expectRejected).toBe(true);
      }
      const missing = job.plans.filter((p) => p.outcome === 'missing').map((p) => p.regionId);
      for (const id of missing) expect(final?.kind === 'import' && final.rows.some((r) => r.regionId === id)).toBe(false);
      const states = expectedStates(job, new Date(8.64e15));
      for (const id of missing) expect(states.get(id)).toEqual({ status: 'none' });
    }
    expect(sawRejection).toBe(true);
  });

  it('writes a CSV the import reads: ma_don_vi, ky and the field keys', () => {
    const period = months2026[0] as PeriodRange;
    const csv = batchCsv(t, period, [{ regionId: communes[0] as string, values: correctValues(t, communes[0] as string, period, 1) }]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe(['ma_don_vi', 'ky', ...Object.keys(t.template.fields)].join(','));
    expect(row?.startsWith(`${communes[0]},2026-01,`)).toBe(true);
  });
});
