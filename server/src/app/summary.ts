import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AlertRecord, KpiPeriod, KpiValue, LocalizedText, RegionLevel, Severity } from '@ioc/sdk';
import type { AlertService } from '../engine/alerts/alert.service.js';
import type { IncidentService } from '../engine/incidents/incident.service.js';
import type { KpiQueries } from '../engine/kpi/kpi-queries.js';
import type { TargetBook } from '../engine/kpi/targets.js';
import type { ModuleRegistry } from '../engine/registry/module-registry.js';
import type { RegionTree } from '../engine/registry/region-tree.js';

export type SummaryState = KpiValue['state'];

/** What the leader tablet shows for one region, and nothing more (it runs on slow links). */
export interface RegionSummary {
  region: { id: string; name: string; level: RegionLevel };
  /** Province → … → the region's parent, for the breadcrumb. */
  path: Array<{ id: string; name: string }>;
  /** Newest change among the values, alerts and incidents below (ISO); null when there is none. */
  asOf: string | null;
  sectors: Array<{ id: string; name: LocalizedText }>;
  kpis: Array<{
    id: string;
    sector: string;
    name: LocalizedText;
    unit: string | LocalizedText | null;
    decimals: number;
    direction: string;
    period: KpiPeriod;
    value: number | null;
    target: number | null;
    attainmentPct: number | null;
    state: SummaryState;
  }>;
  counts: { alerts: number; incidents: number };
  children: Array<{ id: string; name: string; level: RegionLevel; worst: SummaryState; missed: number; atRisk: number; alerts: number; incidents: number }>;
  alerts: Array<{ id: string; severity: Severity; title: LocalizedText; state: string; regionId: string | null; regionName: string | null; since: string; lastAt: string }>;
  incidents: Array<{ id: string; code: string; severity: Severity; title: string; state: string; regionId: string | null; regionName: string | null; since: string; slaBreached: boolean }>;
}

/** The period a KPI is shown for on the tablet: today, else live, else its shortest calendar period. */
const PERIOD_PREFERENCE: readonly KpiPeriod[] = ['day', 'realtime', 'month', 'quarter', 'year'];
/** Worst first. */
const STATE_ORDER: readonly SummaryState[] = ['missed', 'at-risk', 'on-track', 'met', 'no-target', 'no-data'];
const SEVERITY_RANK: Record<Severity, number> = { critical: 5, major: 4, minor: 3, warning: 2, info: 1 };
const ACTIVE_ALERT_STATES: AlertRecord['state'][] = ['open', 'acknowledged', 'assigned', 'snoozed'];
export const SUMMARY_TOP = 5;

export interface SummaryDeps {
  kpis: KpiQueries;
  targets: TargetBook;
  alerts: AlertService;
  incidents: IncidentService;
  tree: RegionTree;
  modules: ModuleRegistry;
}

function worstOf(states: SummaryState[]): SummaryState {
  let best = STATE_ORDER.length - 1;
  for (const s of states) best = Math.min(best, STATE_ORDER.indexOf(s));
  return STATE_ORDER[best]!;
}

/** Pick one value per KPI: the preferred period with a value. */
function pickValue(periods: readonly KpiPeriod[], values: KpiValue[]): { period: KpiPeriod; value: KpiValue | null } | null {
  const ordered = PERIOD_PREFERENCE.filter((p) => periods.includes(p));
  if (!ordered.length) return null;
  for (const p of ordered) {
    const v = values.find((x) => x.period === p);
    if (v && v.value !== null) return { period: p, value: v };
  }
  return { period: ordered[0]!, value: values.find((x) => x.period === ordered[0]) ?? null };
}

/** Builds the summary of one (already validated) region from the running services. */
export async function regionSummary(deps: SummaryDeps, regionId: string): Promise<RegionSummary> {
  const { kpis, targets, alerts, incidents, tree, modules } = deps;
  const node = tree.get(regionId)!;
  const path: RegionSummary['path'] = [];
  for (let p = tree.parent(regionId); p; p = tree.parent(p.id)) path.unshift({ id: p.id, name: p.name });
  let asOf = 0;
  const seen = (iso: string | null | undefined) => {
    const t = iso ? Date.parse(iso) : NaN;
    if (t > asOf) asOf = t;
  };

  // The key KPIs of every sector: those held against a target (module default or operator's).
  // Context figures without a target (population, households) and data-truth KPIs are left out.
  const list = kpis.list(regionId).kpis.filter((k) => k.kind !== 'quality' && (targets.list(k.id).length > 0 || k.values.some((v) => v.target !== null)));
  const summaryKpis: RegionSummary['kpis'] = [];
  for (const k of list) {
    const pick = pickValue(k.periods, k.values);
    if (!pick) continue;
    const v = pick.value;
    seen(v?.computedAt);
    const unit = (k as { unit?: string | LocalizedText }).unit ?? null;
    summaryKpis.push({
      id: k.id,
      sector: k.sector,
      name: k.name,
      unit,
      decimals: (k as { decimals?: number }).decimals ?? 0,
      direction: (k as { direction?: string }).direction ?? 'none',
      period: pick.period,
      value: v?.value ?? null,
      target: v?.target ?? null,
      attainmentPct: v?.attainmentPct ?? null,
      state: v ? (v.value === null ? 'no-data' : v.state) : 'no-data',
    });
  }
  const kpiIds = new Map(list.map((k) => [k.id, k.periods] as const));

  // Alerts and incidents of the subtree.
  const subtree = tree.all().filter((r) => tree.within(r.id, regionId)).map((r) => r.id);
  const activeAlerts = await alerts.list({ state: ACTIVE_ALERT_STATES, regionIds: subtree, limit: 1000 });
  const isRoot = node.parentId === null;
  const openIncidents = (await incidents.list({ open: true, limit: 1000 })).filter((i) => (i.regionId ? tree.within(i.regionId, regionId) : isRoot));
  for (const a of activeAlerts) seen(a.updatedAt);
  for (const i of openIncidents) seen(i.updatedAt);

  const children: RegionSummary['children'] = tree.children(regionId).map((c) => {
    const states: SummaryState[] = [];
    const childValues = new Map(kpis.list(c.id).kpis.map((k) => [k.id, k.values] as const));
    for (const [id, periods] of kpiIds) {
      const pick = pickValue(periods, childValues.get(id) ?? []);
      if (pick?.value && pick.value.value !== null) states.push(pick.value.state);
    }
    return {
      id: c.id,
      name: c.name,
      level: c.level,
      worst: states.length ? worstOf(states) : 'no-data',
      missed: states.filter((s) => s === 'missed').length,
      atRisk: states.filter((s) => s === 'at-risk').length,
      alerts: activeAlerts.filter((a) => a.regionId && tree.within(a.regionId, c.id)).length,
      incidents: openIncidents.filter((i) => i.regionId && tree.within(i.regionId, c.id)).length,
    };
  });

  const bySeverity = <T extends { severity: Severity }>(a: T, b: T) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  const name = (id: string | null) => (id ? (tree.get(id)?.name ?? null) : null);
  const usedSectors = new Set(summaryKpis.map((k) => k.sector));
  return {
    region: { id: node.id, name: node.name, level: node.level },
    path,
    asOf: asOf ? new Date(asOf).toISOString() : null,
    sectors: modules.sectors().filter((s) => usedSectors.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    kpis: summaryKpis,
    counts: { alerts: activeAlerts.length, incidents: openIncidents.length },
    children,
    alerts: [...activeAlerts].sort((a, b) => bySeverity(a, b) || Date.parse(a.firstAt) - Date.parse(b.firstAt)).slice(0, SUMMARY_TOP).map((a) => ({
      id: a.id, severity: a.severity, title: a.title, state: a.state, regionId: a.regionId, regionName: name(a.regionId), since: a.firstAt, lastAt: a.lastAt,
    })),
    incidents: [...openIncidents].sort((a, b) => bySeverity(a, b) || Date.parse(a.createdAt) - Date.parse(b.createdAt)).slice(0, SUMMARY_TOP).map((i) => ({
      id: i.id, code: i.code, severity: i.severity, title: i.title, state: i.state, regionId: i.regionId, regionName: name(i.regionId), since: i.createdAt, slaBreached: i.slaBreached,
    })),
  };
}

/** JSON body, a weak ETag over it, and its gzip form when the client takes gzip and it is worth it. */
export function encodeJson(body: unknown, acceptEncoding: string | undefined): { etag: string; raw: Buffer; gzip: Buffer | null } {
  const raw = Buffer.from(JSON.stringify(body));
  const etag = `W/"${createHash('sha1').update(raw).digest('base64url')}"`;
  const wantsGzip = /\bgzip\b/.test(acceptEncoding ?? '') && !/\bgzip;\s*q=0(\.0+)?\b/.test(acceptEncoding ?? '');
  return { etag, raw, gzip: wantsGzip && raw.length > 512 ? gzipSync(raw) : null };
}

/** Whether an If-None-Match header names `etag` (weak comparison, `*` matches). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}
