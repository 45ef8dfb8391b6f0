import type { AttractionGateProfile } from '../../model/source-profile.js';
import { noise1 } from '../../random/value-noise.js';
import { isTravelHoliday, localDay } from '../calendar.js';
import { cumulativeShare, type HourlyCurve } from '../hourly-curve.js';
import { rainySeason } from '../weather.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** Entries through the day: the gate opens at 06:00, a morning wave, a late-afternoon one, closed from 18:00. */
const GATE_ENTRIES: HourlyCurve = [0, 0, 0, 0, 0, 0, 0.4, 1, 1.3, 1.2, 0.9, 0.6, 0.4, 0.5, 0.8, 1, 0.9, 0.4, 0, 0, 0, 0, 0, 0];
/** Everyone has left half an hour after the gate closes. */
const CLOSED_FROM_H = 18.5;

/** Visitors on a local day: weekends ×3, Tết and 30/4–1/5 ×6, more in the summer holidays, fewer in the rains. */
export function gateDailyVisitors(p: AttractionGateProfile & { noiseSeed: number }, dayIndex: number): number {
  const local = localDay(dayIndex);
  let factor = isTravelHoliday(local) ? 6 : local.weekday === 0 || local.weekday === 6 ? 3 : 1;
  if (local.month >= 6 && local.month <= 8) factor *= 1.2;
  factor *= 1 - 0.2 * rainySeason(local.dayOfYear);
  return p.weekdayVisitors * factor * (1 + 0.15 * noise1(p.noiseSeed, dayIndex + 0.5));
}

/** Ticket-gate counters since local midnight and the visitors inside now (entries minus exits). */
export function attractionGateMetrics(p: AttractionGateProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const { hour, dayIndex } = ctx.local;
  const daily = gateDailyVisitors(p, dayIndex);
  const entered = (h: number) => (h <= 0 ? 0 : Math.floor(daily * cumulativeShare(GATE_ENTRIES, h)));
  const visitors = entered(hour);
  const tickets = Math.floor(visitors * p.ticketsPerVisitor);
  return {
    visitors_today: visitors,
    tickets_today: tickets,
    ticket_revenue_today_mvnd: (tickets * p.ticketPriceKvnd) / 1000,
    visitors_on_site: hour >= CLOSED_FROM_H ? 0 : Math.max(0, visitors - entered(hour - p.meanStayH)),
  };
}
