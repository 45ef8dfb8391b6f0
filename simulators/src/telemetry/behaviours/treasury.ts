import type { TreasuryProfile } from '../../model/source-profile.js';
import { noise1 } from '../../random/value-noise.js';
import { isWorkingDay, localDay } from '../calendar.js';
import { OFFICE_AFTERNOON } from '../daily-rhythms.js';
import { cumulativeShare } from '../hourly-curve.js';
import type { MetricContext, Metrics } from './metric-context.js';

type Flow = 'revenue' | 'expenditure' | 'investment';

/**
 * Weight of a local day in its year: nothing on weekends and holidays; tax receipts bunch before
 * the 20th (monthly filings); the last days of a quarter surge; spending and disbursement rush in
 * December before the year closes, and disbursement is slow while January's plans are allocated.
 */
function dayWeight(p: TreasuryProfile, flow: Flow, dayIndex: number): number {
  const local = localDay(dayIndex);
  if (!isWorkingDay(local)) return 0;
  let w = 1;
  if (local.month % 3 === 0 && local.day >= 22) w *= p.quarterEndSurge;
  if (flow === 'revenue' && local.day >= 16 && local.day <= 20) w *= 1.5;
  if (flow !== 'revenue' && local.month === 12) w *= p.decemberSurge;
  if (flow === 'investment' && local.month <= 2) w *= 0.5;
  return w;
}

const yearTotals = new Map<string, number>();

/** Sum of the day weights of a year, so the days add up to the yearly total. */
function yearWeight(p: TreasuryProfile, flow: Flow, year: number): number {
  const key = `${year}|${flow}|${p.quarterEndSurge}|${p.decemberSurge}`;
  let total = yearTotals.get(key);
  if (total === undefined) {
    total = 0;
    const first = Math.floor(Date.UTC(year, 0, 1) / 86_400_000);
    const last = Math.floor(Date.UTC(year + 1, 0, 1) / 86_400_000);
    for (let d = first; d < last; d++) total += dayWeight(p, flow, d);
    yearTotals.set(key, total);
  }
  return total;
}

/** This office's booking of one flow on a local day, bn VND. */
export function treasuryDaily(p: TreasuryProfile & { noiseSeed: number }, flow: Flow, dayIndex: number): number {
  const perYear = flow === 'revenue' ? p.revenueBnPerYear : flow === 'expenditure' ? p.expenditureBnPerYear : p.investmentBnPerYear;
  const weight = dayWeight(p, flow, dayIndex);
  if (weight === 0) return 0;
  const salt = flow === 'revenue' ? 0 : flow === 'expenditure' ? 1 : 2;
  // Some days bring a large payment (a land-use fee, a contractor's milestone): noise of ±35 %.
  return ((perYear * weight) / yearWeight(p, flow, localDay(dayIndex).year)) * (1 + 0.35 * noise1(p.noiseSeed + salt, dayIndex + 0.5));
}

/** Budget accounting counters since local midnight, bn VND, posted through office hours. */
export function treasuryMetrics(p: TreasuryProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const share = cumulativeShare(OFFICE_AFTERNOON, ctx.local.hour);
  const day = ctx.local.dayIndex;
  return {
    revenue_today: treasuryDaily(p, 'revenue', day) * share,
    expenditure_today: treasuryDaily(p, 'expenditure', day) * share,
    investment_disbursed_today: treasuryDaily(p, 'investment', day) * share,
  };
}
