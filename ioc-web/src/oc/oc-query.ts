import type { KpiPeriod } from '@ioc/sdk';
import { isKpiPeriod } from '../kpi/kpi-period';

/** What an OC page shows, kept in its address so a view can be bookmarked or put on a wall. */
export interface OcQuery {
  region: string | null;
  period: KpiPeriod | null;
}

export function readOcQuery(search: string): OcQuery {
  const params = new URLSearchParams(search);
  const period = params.get('period');
  return { region: params.get('region') || null, period: isKpiPeriod(period) ? period : null };
}

/** The search string with `query` written in and every other parameter (`lang`) kept. */
export function writeOcQuery(search: string, query: OcQuery): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(query)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
