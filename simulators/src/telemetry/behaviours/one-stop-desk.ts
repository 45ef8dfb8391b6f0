import type { OneStopDeskProfile } from '../../model/source-profile.js';
import { noise1 } from '../../random/value-noise.js';
import { isWorkingDay, localDay } from '../calendar.js';
import { OFFICE_AFTERNOON, OFFICE_MORNING } from '../daily-rhythms.js';
import { cumulativeShare } from '../hourly-curve.js';
import { epochHours } from '../local-time.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Dossiers by weekday (Sunday first): Monday brings the weekend's online filings, Friday is light. */
const WEEKDAY = [0, 1.25, 1.05, 1, 0.95, 0.85, 0];
const WEEKDAY_MEAN = (1.25 + 1.05 + 1 + 0.95 + 0.85) / 5;

/**
 * Dossiers are received mostly in the morning and decided mostly in the afternoon; the desk
 * resolves about as many as it receives (earlier days' dossiers), nearly all in time, and
 * carries a small overdue backlog that drifts over weeks.
 */
export function oneStopDeskMetrics(p: OneStopDeskProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { hour, dayIndex } = ctx.local;
  const working = isWorkingDay(localDay(dayIndex));
  const weekday = working ? (WEEKDAY[ctx.local.weekday] ?? 1) / WEEKDAY_MEAN : 0;
  const received = p.dossiersPerWorkingDay * weekday * (1 + 0.12 * noise1(p.noiseSeed, dayIndex + 0.5));
  const resolved = working ? p.dossiersPerWorkingDay * p.resolvedShare * (1 + 0.1 * noise1(p.noiseSeed + 1, dayIndex + 0.5)) : 0;
  const inTimeShare = Math.min(1, Math.max(0, p.inTimeShareOfResolved + 0.01 * noise1(p.noiseSeed + 2, dayIndex + 0.5)));
  const resolvedSoFar = Math.floor(resolved * cumulativeShare(OFFICE_AFTERNOON, hour));
  const backlog = p.dossiersPerWorkingDay * (1 - p.resolvedShare) * 3 * (1 + 0.35 * noise1(p.noiseSeed + 3, epochHours(ctx.atMs) / 72));
  return {
    dossiers_received_today: Math.floor(received * cumulativeShare(OFFICE_MORNING, hour)),
    dossiers_resolved_today: resolvedSoFar,
    dossiers_resolved_in_time_today: Math.floor(resolvedSoFar * inTimeShare),
    dossiers_overdue_open: Math.max(0, Math.round(backlog)),
  };
}
