import type { PeriodRange } from '@ioc/sdk';
import type { SimulatedTemplate } from '../model/sector-manifests.js';
import type { ReportValues } from './report-values.js';
import { planUnitPeriod, type PlanStep, type UnitPeriodPlan } from './submission-plan.js';

/** One thing the simulator does to the report API, at a planned instant. */
export type ReportAction =
  | { kind: 'submit'; at: Date; regionId: string; values: ReportValues; role: Extract<PlanStep, { kind: 'submit' }>['role']; accepted: boolean }
  | { kind: 'return'; at: Date; regionId: string; reason: string }
  /** A district office uploads its communes' figures as one CSV (`expectRejected`: a row breaks a bound, so the whole file is refused). */
  | { kind: 'import'; at: Date; districtId: string; rows: Array<{ regionId: string; values: ReportValues }>; expectRejected: boolean };

/** The actions for one unit × period, or for one district's CSV batch × period, in time order. */
export interface ReportJob {
  template: SimulatedTemplate;
  period: PeriodRange;
  /** Units whose standing submission the job decides. */
  regionIds: string[];
  actions: ReportAction[];
  /** The unit plans behind it (one, or one per commune of the batch). */
  plans: UnitPeriodPlan[];
}

export type StandingState = { status: 'none' } | { status: 'submitted' | 'returned'; values: ReportValues };

const HOUR_MS = 3_600_000;

function unitActions(plan: UnitPeriodPlan): ReportAction[] {
  return plan.steps.map((step): ReportAction =>
    step.kind === 'return'
      ? { kind: 'return', at: step.at, regionId: plan.regionId, reason: step.reason }
      : { kind: 'submit', at: step.at, regionId: plan.regionId, values: step.values, role: step.role, accepted: step.accepted },
  );
}

/** A unit's job: its plan's steps as actions. */
export function unitJob(template: SimulatedTemplate, regionId: string, period: PeriodRange, seed: number): ReportJob {
  const plan = planUnitPeriod(template, regionId, period, seed);
  return { template, period, regionIds: [regionId], actions: unitActions(plan), plans: [plan] };
}

/**
 * A district office collects its communes' forms and uploads them as one CSV once the last one
 * is in. A refused figure in any row rejects the whole file; the office then uploads it again
 * with the figures corrected (or without the rows nobody corrected). Wrong figures that pass the
 * bounds go through, and a reviewer returns them later; those units resubmit by the form.
 */
export function importBatchJob(template: SimulatedTemplate, districtId: string, communeIds: readonly string[], period: PeriodRange, seed: number): ReportJob {
  const plans = communeIds.map((id) => planUnitPeriod(template, id, period, seed));
  const submitting = plans.filter((p) => p.steps.length > 0);
  const actions: ReportAction[] = [];
  if (submitting.length > 0) {
    const firstSubmit = (p: UnitPeriodPlan) => p.steps.find((s): s is Extract<PlanStep, { kind: 'submit' }> => s.kind === 'submit');
    const batchAt = new Date(Math.max(...submitting.map((p) => firstSubmit(p)?.at.getTime() ?? 0)));
    const refused = submitting.filter((p) => firstSubmit(p)?.accepted === false);
    const firstRows = submitting.map((p) => ({ regionId: p.regionId, values: firstSubmit(p)?.values ?? {} }));
    let acceptedAt = batchAt;
    if (refused.length > 0) {
      actions.push({ kind: 'import', at: batchAt, districtId, rows: firstRows, expectRejected: true });
      const corrections = refused.filter((p) => p.corrected).map((p) => p.steps[p.steps.length - 1]?.at.getTime() ?? 0);
      acceptedAt = new Date(Math.max(batchAt.getTime() + HOUR_MS, ...corrections));
      const rows = submitting
        .filter((p) => firstSubmit(p)?.accepted !== false || p.corrected)
        .map((p) => {
          const last = p.steps[p.steps.length - 1];
          return { regionId: p.regionId, values: firstSubmit(p)?.accepted === false && last?.kind === 'submit' ? last.values : firstSubmit(p)?.values ?? {} };
        });
      if (rows.length > 0) actions.push({ kind: 'import', at: acceptedAt, districtId, rows, expectRejected: false });
    } else {
      actions.push({ kind: 'import', at: batchAt, districtId, rows: firstRows, expectRejected: false });
    }
    // Reviewers return the wrong-but-accepted rows after the upload; the units resubmit by the form.
    for (const p of submitting) {
      if (firstSubmit(p)?.accepted === false) continue;
      const followUps = unitActions(p).slice(1);
      let after = acceptedAt.getTime();
      for (const action of followUps) {
        after = Math.max(action.at.getTime(), after + HOUR_MS);
        actions.push({ ...action, at: new Date(after) });
      }
    }
  }
  actions.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { template, period, regionIds: [...communeIds], actions, plans };
}

/** What the server should show for each unit of a job once its actions up to `now` are done. */
export function expectedStates(job: ReportJob, now: Date): Map<string, StandingState> {
  const states = new Map<string, StandingState>(job.regionIds.map((id) => [id, { status: 'none' }]));
  for (const action of job.actions) {
    if (action.at > now) break;
    if (action.kind === 'submit') {
      if (action.accepted) states.set(action.regionId, { status: 'submitted', values: action.values });
    } else if (action.kind === 'return') {
      const s = states.get(action.regionId);
      if (s && s.status !== 'none') states.set(action.regionId, { status: 'returned', values: s.values });
    } else if (!action.expectRejected) {
      for (const row of action.rows) states.set(row.regionId, { status: 'submitted', values: row.values });
    }
  }
  return states;
}

/** Same values, key by key (the server drops empty values, as the plans never send them). */
export function sameValues(a: ReportValues, b: ReportValues): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

/** RFC 4180 CSV of a batch: `ma_don_vi,ky,<field keys…>`, one row per unit. */
export function batchCsv(template: SimulatedTemplate, period: PeriodRange, rows: ReadonlyArray<{ regionId: string; values: ReportValues }>): string {
  const keys = Object.keys(template.template.fields);
  const cell = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    const s = String(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [['ma_don_vi', 'ky', ...keys].join(',')];
  for (const row of rows) lines.push([row.regionId, period.key, ...keys.map((k) => cell(row.values[k]))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
