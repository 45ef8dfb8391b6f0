import { periodOf, type PeriodRange, type RegionLevel, type ReportField } from '@ioc/sdk';
import type { SimulatedTemplate } from '../model/sector-manifests.js';
import { populationOf, PROVINCE_POPULATION } from '../model/population.js';
import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';
import { poisson } from '../telemetry/arrivals.js';

/** A submitted value: a number for integer/number fields, text for text fields. */
export type ReportValue = number | string;
export type ReportValues = Record<string, ReportValue>;

const DAY_MS = 86_400_000;

/** When a period's report is due: `dueDays` days after the period ends (as the server computes it). */
export function dueAt(template: Pick<SimulatedTemplate['template'], 'dueDays'>, period: PeriodRange): Date {
  return new Date(period.end.getTime() + template.dueDays * DAY_MS);
}

/** Every period of the template's kind from the one containing `from` to the one containing `to`. */
export function periodsBetween(kind: PeriodRange['kind'], from: Date, to: Date): PeriodRange[] {
  const out: PeriodRange[] = [];
  for (let p = periodOf(kind, from); p.start <= to; p = periodOf(kind, p.end)) out.push(p);
  return out;
}

const isNumeric = (field: ReportField): boolean => field.type === 'integer' || field.type === 'number';

/** Monthly weights (January first), normalised to a mean of 1. */
function monthly(weights: number[]): number[] {
  const mean = weights.reduce((s, w) => s + w, 0) / weights.length;
  return weights.map((w) => w / mean);
}

/** Rainy-season wetness by month, as in the weather model. */
const WET = [0.05, 0.03, 0.08, 0.3, 0.75, 0.9, 0.95, 1, 1, 0.85, 0.45, 0.12];
const RAINY_DISEASE = monthly(WET.map((w) => 0.3 + 1.9 * w));
/** Spending and disbursement: slow in January–February, a rush at quarter ends and above all in December. */
const SPENDING = monthly([0.6, 0.7, 1.2, 0.9, 0.95, 1.25, 0.95, 1, 1.25, 1, 1.05, 2.2]);
/** Tourism: Tết (February), the 30/4–1/5 holidays, the summer; quiet in the autumn rains. */
const TOURISM = monthly([1, 1.6, 0.9, 1.3, 1.2, 1.15, 1.15, 1.15, 0.8, 0.8, 0.8, 0.9]);

/** Fields whose flow follows the season (by field key, whichever module declares them). */
const SEASONS: Record<string, number[]> = {
  dengue_cases: RAINY_DISEASE,
  hfmd_cases: RAINY_DISEASE,
  expenditure_total_bn: SPENDING,
  expenditure_investment_bn: SPENDING,
  disbursed_bn: SPENDING,
  arrivals_domestic: TOURISM,
  arrivals_international: TOURISM,
  overnight_guests: TOURISM,
  revenue_bn: TOURISM,
};

/** Fields that are stocks although no KPI says so (they hardly change between periods). */
const EXTRA_STOCKS = new Set(['staff', 'schools_national_standard', 'temporary_residents', 'accommodation_establishments', 'literacy_rate_15_60']);

/** Season factor of a field in a period: the mean over the period's months (1 for fields without a season). */
export function seasonFactor(fieldKey: string, period: PeriodRange): number {
  const curve = SEASONS[fieldKey];
  if (!curve || period.kind === 'year') return 1;
  const months: number[] = [];
  for (let p = periodOf('month', period.start); p.start < period.end; p = periodOf('month', p.end)) months.push(Number(p.key.slice(5, 7)));
  if (months.length === 0) months.push(Number(periodOf('month', period.start).key.slice(5, 7)));
  return months.reduce((s, m) => s + (curve[m - 1] ?? 1), 0) / months.length;
}

export function isStock(t: SimulatedTemplate, fieldKey: string): boolean {
  return t.stockFields.has(fieldKey) || EXTRA_STOCKS.has(fieldKey);
}

/** A lognormal factor with mean 1. */
const lognormal = (random: Random, sigma: number): number => Math.exp(random.normal(-(sigma * sigma) / 2, sigma));

/** Mean spread of the template's fields that vary between units (drives how different units are). */
function templateSpread(t: SimulatedTemplate): number {
  const spreads = Object.values(t.submissions.typical)
    .map((v) => v.spread ?? 0)
    .filter((s) => s > 0)
    .sort((a, b) => a - b);
  return spreads.length ? (spreads[Math.floor(spreads.length / 2)] as number) : 0;
}

const MEAN_UNITS: Record<RegionLevel, number> = { province: 1, district: 11, commune: 111 };

/**
 * How big a unit is for a template, relative to the typical unit: its population share (a ward
 * reports more births than a small commune, Đồng Xoài more revenue than Bù Đốp) times a fixed
 * per-unit jitter. The same for every period, so a unit's figures are consistent over time.
 */
export function unitScale(t: SimulatedTemplate, regionId: string, level: RegionLevel, seed: number): number {
  if (level === 'province') return 1;
  const typical = PROVINCE_POPULATION / MEAN_UNITS[level];
  const jitter = lognormal(seededRandom(hashSeed(seed, 'unit-scale', t.id, regionId)), Math.min(0.4, Math.max(0.05, templateSpread(t) * 0.5)));
  return (populationOf(regionId) / typical) * jitter;
}

/** Short notes a district might type in a free-text field. */
const NOTES = [
  'Vướng mắc bồi thường, giải phóng mặt bằng',
  'Chậm bàn giao mặt bằng sạch cho nhà đầu tư',
  'Thủ tục điều chỉnh chủ trương đầu tư kéo dài',
  'Nhà đầu tư chậm góp vốn theo tiến độ',
];
const NO_NOTE = 'Không có vướng mắc phát sinh';

const round = (value: number, field: ReportField): number => (field.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100);
const clampTo = (value: number, field: ReportField): number => Math.min(field.max ?? Infinity, Math.max(field.min ?? -Infinity, value));

/**
 * The correct figures a unit reports for a period: the profile's typical value per field, scaled
 * by the unit's size and the field's season, with period-to-period variation shared by the
 * template's flows (a busy month is busy in every column), small counts drawn as Poisson, stocks
 * nearly constant, yes/no fields (max 1) fixed per unit and year. Always inside the field's bounds.
 */
export function correctValues(t: SimulatedTemplate, regionId: string, period: PeriodRange, seed: number): ReportValues {
  const scale = unitScale(t, regionId, t.template.level, seed);
  const periodRandom = seededRandom(hashSeed(seed, 'period', t.id, regionId, period.key));
  const activity = lognormal(periodRandom, Math.min(0.35, Math.max(0.03, templateSpread(t) * 0.3)));
  const out: ReportValues = {};
  for (const [key, field] of Object.entries(t.template.fields)) {
    const random = seededRandom(hashSeed(seed, 'field', t.id, regionId, period.key, key));
    if (!isNumeric(field)) {
      // Free text: most units have nothing to flag and say so.
      out[key] = random.next() < 0.6 ? NO_NOTE : random.pick(NOTES);
      continue;
    }
    const typical = t.submissions.typical[key];
    if (!typical) continue;
    const spread = typical.spread ?? 0;
    let value: number;
    if (field.type === 'integer' && (field.max ?? Infinity) <= 1) {
      // A yes/no self-assessment: met with the typical probability, the same all year.
      value = seededRandom(hashSeed(seed, 'flag', t.id, regionId, key, period.start.getUTCFullYear())).next() < typical.value ? 1 : 0;
    } else if (isStock(t, key)) {
      // Stocks: the unit's level, growing about 1 % a year, with a tiny revision noise.
      const years = (period.start.getTime() - Date.UTC(2026, 0, 1)) / (365.25 * DAY_MS);
      const level = typical.value * (field.consolidate?.fn === 'avg' ? lognormal(seededRandom(hashSeed(seed, 'avg', t.id, regionId, key)), spread) : scale);
      value = level * (1 + 0.01 * years) * (1 + random.normal(0, 0.003));
    } else {
      const mean = typical.value * scale * seasonFactor(key, period);
      value = field.type === 'integer' && mean < 5 ? poisson(random, mean * lognormal(random, Math.min(1, spread) * 0.5)) : mean * activity * lognormal(random, 0.05);
    }
    out[key] = round(clampTo(value, field), field);
  }
  return out;
}

/** Sum of a field's correct values over the periods of the year up to and including `period` (a cumulative figure). */
export function yearToDate(t: SimulatedTemplate, regionId: string, period: PeriodRange, fieldKey: string, seed: number): number {
  const yearStart = periodOf('year', period.start).start;
  const field = t.template.fields[fieldKey];
  let sum = 0;
  for (const p of periodsBetween(period.kind, yearStart, period.start)) {
    if (p.start < yearStart) continue;
    const v = correctValues(t, regionId, p, seed)[fieldKey];
    if (typeof v === 'number') sum += v;
  }
  return field ? round(sum, field) : sum;
}
