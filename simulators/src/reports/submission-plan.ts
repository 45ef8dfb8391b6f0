import { periodOf, type PeriodRange, type ReportField } from '@ioc/sdk';
import type { SimulatedTemplate } from '../model/sector-manifests.js';
import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';
import { correctValues, dueAt, isStock, yearToDate, type ReportValues } from './report-values.js';

/** How a unit handles one period's report, drawn with the profile's shares. */
export type Outcome = 'onTime' | 'late' | 'wrong' | 'missing';

/**
 * The deliberate mistakes: a unit slip (thousands instead of units, VND instead of billions), a
 * cumulative year-to-date figure instead of the period's, a negative number, a figure beyond
 * the field's bounds. The server refuses what breaks the template's bounds (422); a slip that
 * stays in bounds, or a cumulative figure, is accepted and left for a reviewer to catch.
 */
export type WrongKind = 'unit-slip' | 'cumulative' | 'negative' | 'out-of-range';

export type PlanStep =
  | {
      kind: 'submit';
      at: Date;
      values: ReportValues;
      /** What this attempt is: the unit's only one, a wrong first attempt, or the corrected one. */
      role: 'on-time' | 'late' | 'wrong' | 'corrected';
      /** Whether the server should take it (false: it breaks a field's bounds, expect 422). */
      accepted: boolean;
    }
  | { kind: 'return'; at: Date; reason: string };

export interface UnitPeriodPlan {
  templateId: string;
  regionId: string;
  period: PeriodRange;
  dueAt: Date;
  outcome: Outcome;
  wrong?: { kind: WrongKind; field: string; value: number; correct: number; accepted: boolean };
  /** The wrong figure is put right in the end (resubmitted after a refusal, or after a reviewer returns it). */
  corrected: boolean;
  /** In time order. */
  steps: PlanStep[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * Share of wrong submissions that get put right: most accepted-but-wrong figures are caught by a
 * reviewer and returned; a refused one is corrected by the unit in most cases, not all.
 */
const RETURNED_SHARE = 0.8;
const RESUBMITTED_SHARE = 0.6;

/** Draws the outcome with the profile's shares (normalised, so shares that do not quite sum to 1 still work). */
export function drawOutcome(shares: Pick<SimulatedTemplate['submissions'], 'onTime' | 'late' | 'wrong' | 'missing'>, u: number): Outcome {
  const order: Outcome[] = ['onTime', 'late', 'wrong', 'missing'];
  const total = order.reduce((s, o) => s + Math.max(0, shares[o]), 0);
  if (total <= 0) return 'onTime';
  let x = u * total;
  for (const o of order) {
    const share = Math.max(0, shares[o]);
    if (x < share) return o;
    x -= share;
  }
  return 'missing';
}

/** When a unit that submits on time does so: after the period ends, mostly close to the deadline. */
function onTimeInstant(period: PeriodRange, due: Date, random: Random): Date {
  const earliest = period.end.getTime() + HOUR_MS;
  const latest = due.getTime() - HOUR_MS;
  if (latest <= earliest) return new Date(earliest);
  return new Date(earliest + (latest - earliest) * random.next() ** 0.6);
}

/** Late: from a few hours to a few weeks past the deadline (exponential, at most 45 days). */
function lateInstant(due: Date, random: Random): Date {
  return new Date(due.getTime() + (0.2 + Math.min(45, -5 * Math.log(1 - random.next()))) * DAY_MS);
}

const later = (from: Date, random: Random, minDays: number, maxDays: number): Date => new Date(from.getTime() + random.float(minDays, maxDays) * DAY_MS);

function breaksBounds(field: ReportField, value: number): boolean {
  return (field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max) || (field.type === 'integer' && !Number.isInteger(value));
}

/**
 * The mistake a wrong submission makes, on one of the template's required numeric fields: a unit
 * slip only where units can slip (measured quantities — money, tonnes — not head counts), a
 * cumulative figure only for flows after the first period of the year, else a negative or an
 * out-of-bounds figure.
 */
function drawMistake(t: SimulatedTemplate, regionId: string, period: PeriodRange, values: ReportValues, seed: number, random: Random): NonNullable<UnitPeriodPlan['wrong']> | undefined {
  const numeric = Object.entries(t.template.fields).filter(([key, f]) => (f.type === 'integer' || f.type === 'number') && typeof values[key] === 'number');
  const required = numeric.filter(([, f]) => f.required);
  const candidates = required.length ? required : numeric;
  if (candidates.length === 0) return undefined;
  const [field, spec] = random.pick(candidates);
  const correct = values[field] as number;
  const firstOfYear = period.kind === 'year' || periodOf(period.kind, periodOf('year', period.start).start).key === period.key;
  const cumulative = !firstOfYear && !isStock(t, field) && (spec.max ?? Infinity) > 1 ? yearToDate(t, regionId, period, field, seed) : correct;
  const kinds: Array<[WrongKind, number]> = [
    ['unit-slip', spec.type === 'number' && correct > 0 ? 0.35 : 0],
    ['cumulative', cumulative !== correct ? 0.3 : 0],
    ['negative', 0.2],
    ['out-of-range', spec.max !== undefined ? 0.15 : 0],
  ];
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  let x = random.next() * total;
  let kind: WrongKind = 'negative';
  for (const [k, w] of kinds) {
    if (x < w) {
      kind = k;
      break;
    }
    x -= w;
  }
  let value: number;
  switch (kind) {
    case 'unit-slip':
      value = correct * 1000;
      break;
    case 'cumulative':
      value = cumulative;
      break;
    case 'negative':
      value = -(correct === 0 ? 1 : correct);
      break;
    case 'out-of-range':
      value = Math.round((spec.max ?? 0) * random.float(1.5, 10)) + 1;
      break;
  }
  value = spec.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100;
  return { kind, field, value, correct, accepted: !breaksBounds(spec, value) };
}

/** Why a reviewer sends an accepted but wrong report back (Vietnamese, as the department writes it). */
export function returnReason(t: SimulatedTemplate, wrong: NonNullable<UnitPeriodPlan['wrong']>): string {
  const name = t.template.fields[wrong.field]?.name.vi ?? wrong.field;
  return wrong.kind === 'cumulative'
    ? `Chỉ tiêu "${name}" là số lũy kế từ đầu năm (${wrong.value}), đề nghị báo cáo số phát sinh trong kỳ.`
    : `Chỉ tiêu "${name}" bất thường (${wrong.value}, gấp khoảng 1.000 lần kỳ trước); đề nghị kiểm tra lại đơn vị tính và báo cáo lại.`;
}

/**
 * What a unit does about one period's report, deterministically from (seed, template, unit,
 * period): on time, late, wrong on purpose (then perhaps corrected), or never. Every instant is
 * derived from the period and its due date, so the plan is the same whenever it is computed.
 */
export function planUnitPeriod(t: SimulatedTemplate, regionId: string, period: PeriodRange, seed: number): UnitPeriodPlan {
  const random = seededRandom(hashSeed(seed, 'submission', t.id, regionId, period.key));
  const due = dueAt(t.template, period);
  const outcome = drawOutcome(t.submissions, random.next());
  const base = { templateId: t.id, regionId, period, dueAt: due, outcome, corrected: false };
  if (outcome === 'missing') return { ...base, steps: [] };
  const values = correctValues(t, regionId, period, seed);
  if (outcome === 'onTime') return { ...base, steps: [{ kind: 'submit', at: onTimeInstant(period, due, random), values, role: 'on-time', accepted: true }] };
  if (outcome === 'late') return { ...base, steps: [{ kind: 'submit', at: lateInstant(due, random), values, role: 'late', accepted: true }] };

  const wrong = drawMistake(t, regionId, period, values, seed, random);
  const first = onTimeInstant(period, due, random);
  if (!wrong) return { ...base, outcome: 'onTime', steps: [{ kind: 'submit', at: first, values, role: 'on-time', accepted: true }] };
  const corrected = random.next() < (wrong.accepted ? RETURNED_SHARE : RESUBMITTED_SHARE);
  const steps: PlanStep[] = [{ kind: 'submit', at: first, values: { ...values, [wrong.field]: wrong.value }, role: 'wrong', accepted: wrong.accepted }];
  if (corrected && wrong.accepted) {
    // A reviewer at the department spots it and returns it; the unit resubmits the right figure.
    const returnedAt = later(first, random, 0.5, 3);
    steps.push({ kind: 'return', at: returnedAt, reason: returnReason(t, wrong) }, { kind: 'submit', at: later(returnedAt, random, 0.3, 5), values, role: 'corrected', accepted: true });
  } else if (corrected) {
    // Refused at once (422): the unit fixes the figure and submits again a few days later.
    steps.push({ kind: 'submit', at: later(first, random, 0.2, 6), values, role: 'corrected', accepted: true });
  }
  return { ...base, wrong, corrected, steps };
}

/** The standing state the server should show for a plan once every step up to `now` is done. */
export function expectedState(plan: UnitPeriodPlan, now: Date): { status: 'none' } | { status: 'submitted' | 'returned'; values: ReportValues } {
  let state: { status: 'none' } | { status: 'submitted' | 'returned'; values: ReportValues } = { status: 'none' };
  for (const step of plan.steps) {
    if (step.at > now) break;
    if (step.kind === 'return') {
      if (state.status !== 'none') state = { status: 'returned', values: state.values };
    } else if (step.accepted) state = { status: 'submitted', values: step.values };
  }
  return state;
}
