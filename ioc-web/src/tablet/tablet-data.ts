import type { KpiPeriod, LocalizedText, RegionLevel, Severity, UnitText } from '@ioc/sdk';
import { PROVINCE_TIME_ZONE } from '../format/format';
import type { KpiState } from '../kpi/kpi-format';

/** `GET /api/v1/summary?region=` (server/src/app/summary.ts): what the tablet shows for a region. */
export interface RegionSummary {
  region: { id: string; name: string; level: RegionLevel };
  path: Array<{ id: string; name: string }>;
  asOf: string | null;
  sectors: Array<{ id: string; name: LocalizedText }>;
  kpis: Array<{ id: string; sector: string; name: LocalizedText; unit: UnitText | null; decimals: number; direction: string; period: KpiPeriod; value: number | null; target: number | null; attainmentPct: number | null; state: KpiState }>;
  counts: { alerts: number; incidents: number };
  children: Array<{ id: string; name: string; level: RegionLevel; worst: KpiState; missed: number; atRisk: number; alerts: number; incidents: number }>;
  alerts: Array<{ id: string; severity: Severity; title: LocalizedText; state: string; regionId: string | null; regionName: string | null; since: string; lastAt: string }>;
  incidents: Array<{ id: string; code: string; severity: Severity; title: string; state: string; regionId: string | null; regionName: string | null; since: string; slaBreached: boolean }>;
}

/** A summary as the tablet keeps it: the body and when it was fetched (ms). */
export interface StoredSummary {
  summary: RegionSummary;
  fetchedAt: number;
}

const STORE_PREFIX = 'ioc.tablet.summary:';
/** The tablet remembers this many regions for offline use (the most recently seen). */
const STORE_KEEP = 40;

/** The region id of the URL (`?region=`), or null for the province. */
export function regionFromSearch(search: string): string | null {
  const r = new URLSearchParams(search).get('region');
  return r && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(r) ? r : null;
}

/** The tablet URL of a region, keeping the other parameters (lang). */
export function searchWithRegion(search: string, regionId: string | null): string {
  const params = new URLSearchParams(search);
  if (regionId) params.set('region', regionId);
  else params.delete('region');
  const text = params.toString();
  return text ? `?${text}` : '';
}

function storageKey(regionId: string | null): string {
  return `${STORE_PREFIX}${regionId ?? ''}`;
}

export function loadStored(storage: Pick<Storage, 'getItem'>, regionId: string | null): StoredSummary | null {
  try {
    const text = storage.getItem(storageKey(regionId));
    if (!text) return null;
    const v = JSON.parse(text) as StoredSummary;
    return v && typeof v.fetchedAt === 'number' && v.summary?.region ? v : null;
  } catch {
    return null;
  }
}

/** Saves a summary; drops the oldest ones past STORE_KEEP (and when the storage is full). */
export function saveStored(storage: Storage, regionId: string | null, value: StoredSummary): void {
  const write = () => storage.setItem(storageKey(regionId), JSON.stringify(value));
  const prune = (keep: number) => {
    const entries: Array<{ key: string; at: number }> = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(STORE_PREFIX)) continue;
      try {
        entries.push({ key, at: (JSON.parse(storage.getItem(key) ?? 'null') as StoredSummary | null)?.fetchedAt ?? 0 });
      } catch {
        entries.push({ key, at: 0 });
      }
    }
    entries.sort((a, b) => b.at - a.at);
    for (const e of entries.slice(keep)) storage.removeItem(e.key);
  };
  try {
    write();
    prune(STORE_KEEP);
  } catch {
    try {
      prune(5);
      write();
    } catch {
      /* storage unavailable: the page still works online */
    }
  }
}

/** "14:05 03/12/2026" in the province's time zone (the offline banner). */
export function formatTimeDate(at: number | Date, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: PROVINCE_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(at);
  const p = (type: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('hour')}:${p('minute')} ${p('day')}/${p('month')}/${p('year')}`;
}

/** How long ago, coarse: minutes under an hour, hours under two days, else days. */
export function ageParts(sinceIso: string, now: number): { unit: 'now' | 'minutes' | 'hours' | 'days'; n: number } {
  const s = Math.max(0, (now - Date.parse(sinceIso)) / 1000);
  if (!Number.isFinite(s) || s < 60) return { unit: 'now', n: 0 };
  if (s < 3600) return { unit: 'minutes', n: Math.floor(s / 60) };
  if (s < 48 * 3600) return { unit: 'hours', n: Math.floor(s / 3600) };
  return { unit: 'days', n: Math.floor(s / 86400) };
}

/** KPI state tallies of a summary, for the header chips. */
export function stateCounts(kpis: RegionSummary['kpis']): Record<KpiState, number> {
  const out: Record<KpiState, number> = { met: 0, 'on-track': 0, 'at-risk': 0, missed: 0, 'no-target': 0, 'no-data': 0 };
  for (const k of kpis) out[k.state]++;
  return out;
}

/**
 * KPIs grouped by sector, worst state first within each; the sector whose worst KPI needs the
 * most attention leads (sectors without any value last), else the summary's sector order.
 */
export function kpisBySector(summary: RegionSummary, order: readonly KpiState[]): Array<{ sector: RegionSummary['sectors'][number]; kpis: RegionSummary['kpis'] }> {
  const rank = (s: KpiState) => order.indexOf(s);
  return summary.sectors
    .map((sector, n) => ({ sector, n, kpis: summary.kpis.filter((k) => k.sector === sector.id).sort((a, b) => rank(a.state) - rank(b.state)) }))
    .filter((g) => g.kpis.length > 0)
    .sort((a, b) => rank(a.kpis[0]!.state) - rank(b.kpis[0]!.state) || a.n - b.n)
    .map(({ sector, kpis }) => ({ sector, kpis }));
}
