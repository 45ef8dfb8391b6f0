import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SessionBadge } from '../auth/SessionBadge';
import { toCss } from '../colors/color';
import { SEVERITY_COLORS as SEVERITY_RGBA } from '../colors/severity';
import type { Severity } from '@ioc/sdk';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n';
import { formatClockTime } from '../format/format';
import { formatKpiNumber, formatPercent, KPI_STATE_COLORS, KPI_STATE_LABELS, KPI_STATE_ORDER, targetComparator } from '../kpi/kpi-format';
import { LiveClient, type TopicReducer } from '../live/live-client';
import { useConnectionState } from '../live/use-connection-state';
import { useNow } from '../app/use-now';
import { ageParts, formatTimeDate, kpisBySector, loadStored, regionFromSearch, saveStored, searchWithRegion, stateCounts, type RegionSummary, type StoredSummary } from './tablet-data';
import { registerTabletServiceWorker } from './tablet-sw-register';
import './tablet.css';
import { apiFetch } from '../auth/api-fetch';

/** Refetch at most this often after socket deltas, and at least this often without them. */
const DELTA_DEBOUNCE_MS = 5_000;
const POLL_MS = 30_000;

const SEVERITY_COLORS = Object.fromEntries(Object.entries(SEVERITY_RGBA).map(([k, c]) => [k, toCss(c)])) as Record<Severity, string>;

/** Counts the deltas of a topic: the tablet only needs to know that something changed. */
const changeCounter: TopicReducer<number, unknown> = { fromSnapshot: () => 0, applyDelta: (n) => n + 1 };

declare global {
  interface Window {
    /** Readiness for the browser test: the region shown and whether it came from the network. */
    __tablet?: { regionId: string; source: 'network' | 'stored'; fetchedAt: number; swReady: boolean };
  }
}

/** The leader tablet: province → district → commune summary, touch-sized, usable offline. */
export default function TabletPage() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const [regionId, setRegionId] = useState<string | null>(() => regionFromSearch(window.location.search));
  const [data, setData] = useState<StoredSummary | null>(() => loadStored(window.localStorage, regionId));
  const [source, setSource] = useState<'network' | 'stored' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linkUp, setLinkUp] = useState(() => navigator.onLine);
  const now = useNow(30_000);
  const regionRef = useRef(regionId);
  const scroller = useRef<HTMLDivElement>(null);
  regionRef.current = regionId;

  // Browser back/forward moves between regions (`?region=`).
  useEffect(() => {
    const onPop = () => setRegionId(regionFromSearch(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const load = useCallback(async (id: string | null) => {
    try {
      const res = await apiFetch(`/api/v1/summary${id ? `?region=${encodeURIComponent(id)}` : ''}`, { headers: { accept: 'application/json' } });
      if (!res.ok) {
        const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
        throw new HttpError(res.status, problem?.detail ?? `HTTP ${res.status}`);
      }
      const summary = (await res.json()) as RegionSummary;
      const stored: StoredSummary = { summary, fetchedAt: Date.now() };
      saveStored(window.localStorage, id, stored);
      if (regionRef.current !== id) return;
      setData(stored);
      setSource('network');
      setLinkUp(true);
      setError(null);
      window.__tablet = { regionId: summary.region.id, source: 'network', fetchedAt: stored.fetchedAt, swReady: window.__tablet?.swReady ?? false };
    } catch (err) {
      if (regionRef.current !== id) return;
      const stored = loadStored(window.localStorage, id);
      if (err instanceof HttpError) {
        setError(err.message);
        setLinkUp(true);
        return;
      }
      setLinkUp(false);
      if (stored) {
        setData(stored);
        setSource('stored');
        window.__tablet = { regionId: stored.summary.region.id, source: 'stored', fetchedAt: stored.fetchedAt, swReady: window.__tablet?.swReady ?? false };
      } else setError((err as Error).message);
    }
  }, []);

  // A region change shows what is stored at once, then asks the network.
  useEffect(() => {
    setData(loadStored(window.localStorage, regionId));
    setSource(null);
    setError(null);
    void load(regionId);
    const timer = setInterval(() => void load(regionRef.current), POLL_MS);
    return () => clearInterval(timer);
  }, [regionId, load]);

  // Live: refetch shortly after any change of the region's alerts, the incidents or its KPIs.
  const [live, setLive] = useState<LiveClient | null>(null);
  useEffect(() => {
    const client = new LiveClient({ offlineAfterMs: 8_000 });
    setLive(client);
    return () => client.close();
  }, []);
  const connection = useConnectionState(live);
  const sectorIds = useMemo(() => (data?.summary.sectors ?? []).map((s) => s.id).join(','), [data]);
  const shownRegion = data?.summary.region.id ?? null;
  useEffect(() => {
    if (!live || !shownRegion) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const changed = (_: number, update: { kind: string }) => {
      if (update.kind !== 'delta' || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void load(regionRef.current);
      }, DELTA_DEBOUNCE_MS);
    };
    const topics = [`alerts:${shownRegion}`, 'incidents', ...sectorIds.split(',').filter(Boolean).map((s) => `kpi:${s}:${shownRegion}`)];
    const offs = topics.map((topic) => live.subscribe(topic, changeCounter, changed));
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [live, shownRegion, sectorIds, load]);

  useEffect(() => {
    const up = () => void load(regionRef.current);
    const down = () => setLinkUp(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [load]);

  useEffect(() => {
    void registerTabletServiceWorker().then((ok) => {
      window.__tablet = { ...(window.__tablet ?? { regionId: '', source: 'stored', fetchedAt: 0 }), swReady: ok } as NonNullable<Window['__tablet']>;
    });
  }, []);

  const go = (id: string | null) => {
    window.history.pushState(null, '', `/tablet${searchWithRegion(window.location.search, id)}`);
    setRegionId(id);
    scroller.current?.scrollTo?.({ top: 0 });
  };

  const summary = data?.summary ?? null;
  const offline = !linkUp || source === 'stored';
  const connKey = `tablet.conn.${connection}` as MessageKey;

  return (
    <div className="tablet" ref={scroller} data-offline={offline ? '1' : '0'}>
      <header className="tablet-header">
        <nav className="tablet-crumbs" aria-label="breadcrumb">
          {summary?.path.map((p, n) => (
            <button key={p.id} type="button" className="tablet-crumb" data-region={p.id} onClick={() => go(n === 0 ? null : p.id)}>
              {p.name}
            </button>
          ))}
          <span className="tablet-crumb tablet-crumb--current" aria-current="page">
            {summary?.region.name ?? t('tablet.title')}
          </span>
        </nav>
        <div className="tablet-status">
          <span className={`tablet-conn tablet-conn--${offline ? 'offline' : connection}`} title={t(connKey)}>
            <span className="tablet-conn__dot" />
            {offline ? t('tablet.conn.offline') : t(connKey)}
          </span>
          {data && <span className="tablet-time">{t('tablet.dataAt', { time: formatClockTime(data.fetchedAt, locale) })}</span>}
        </div>
        <SessionBadge />
      </header>

      {offline && data && (
        <div className="tablet-banner" role="status">
          {t('tablet.offline', { time: formatTimeDate(data.fetchedAt, locale) })}
        </div>
      )}
      {error && !summary && <div className="tablet-banner tablet-banner--error">{t('tablet.loadFailed', { error })}</div>}
      {!summary && !error && <div className="tablet-empty">{t('tablet.loading')}</div>}

      {summary && <SummaryView summary={summary} now={now} onRegion={go} />}
    </div>
  );
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function SummaryView({ summary, now, onRegion }: { summary: RegionSummary; now: number; onRegion: (id: string) => void }) {
  const { t, locale, pick } = useI18n();
  const counts = stateCounts(summary.kpis);
  const groups = kpisBySector(summary, KPI_STATE_ORDER);
  const age = (since: string) => {
    const a = ageParts(since, now);
    return a.unit === 'now' ? t('tablet.age.now') : t(`tablet.age.${a.unit}` as MessageKey, { n: formatKpiNumber(a.n, 0, locale) });
  };
  const childLevel = summary.children[0]?.level;

  return (
    <main className="tablet-main">
      <section className="tablet-chips" aria-label="counts">
        <Chip color={SEVERITY_COLORS.critical} label={t('tablet.count.alerts', { n: formatKpiNumber(summary.counts.alerts, 0, locale) })} testId="count-alerts" />
        <Chip color={SEVERITY_COLORS.major} label={t('tablet.count.incidents', { n: formatKpiNumber(summary.counts.incidents, 0, locale) })} testId="count-incidents" />
        <Chip color={KPI_STATE_COLORS.missed} label={t('tablet.count.missed', { n: formatKpiNumber(counts.missed, 0, locale) })} />
        <Chip color={KPI_STATE_COLORS['at-risk']} label={t('tablet.count.atRisk', { n: formatKpiNumber(counts['at-risk'], 0, locale) })} />
        <Chip color={KPI_STATE_COLORS['on-track']} label={`${formatKpiNumber(counts['on-track'], 0, locale)} ${t('kpi.state.onTrack').toLowerCase()}`} />
        <Chip color={KPI_STATE_COLORS.met} label={`${formatKpiNumber(counts.met, 0, locale)} ${t('kpi.state.met').toLowerCase()}`} />
      </section>

      <div className="tablet-columns">
        <div className="tablet-col">
          {summary.children.length > 0 && (
            <section className="tablet-card">
              <h2>{t(childLevel === 'commune' ? 'tablet.children.commune' : 'tablet.children.district')}</h2>
              <ul className="tablet-children">
                {summary.children.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="tablet-child" data-region={c.id} onClick={() => onRegion(c.id)}>
                      <span className="tablet-child__state" style={{ background: KPI_STATE_COLORS[c.worst] }} title={t(KPI_STATE_LABELS[c.worst])} />
                      <span className="tablet-child__name">{c.name}</span>
                      <span className="tablet-child__counts">
                        {c.alerts > 0 && <span className="tablet-badge tablet-badge--alert">{formatKpiNumber(c.alerts, 0, locale)}</span>}
                        {c.incidents > 0 && <span className="tablet-badge tablet-badge--incident">{formatKpiNumber(c.incidents, 0, locale)}</span>}
                      </span>
                      <span className="tablet-child__chevron" aria-hidden>›</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="tablet-card">
            <h2>
              {t('tablet.alerts')} <span className="tablet-card__count">{formatKpiNumber(summary.counts.alerts, 0, locale)}</span>
            </h2>
            {summary.alerts.length === 0 ? (
              <p className="tablet-none">{t('tablet.none')}</p>
            ) : (
              <ul className="tablet-events">
                {summary.alerts.map((a) => (
                  <li key={a.id} className="tablet-event">
                    <span className="tablet-sev" style={{ background: SEVERITY_COLORS[a.severity] }}>{t(`tablet.severity.${a.severity}` as MessageKey)}</span>
                    <span className="tablet-event__title">{pick(a.title)}</span>
                    <span className="tablet-event__meta">{[a.regionName, age(a.since)].filter(Boolean).join(' · ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="tablet-card">
            <h2>
              {t('tablet.incidents')} <span className="tablet-card__count">{formatKpiNumber(summary.counts.incidents, 0, locale)}</span>
            </h2>
            {summary.incidents.length === 0 ? (
              <p className="tablet-none">{t('tablet.none')}</p>
            ) : (
              <ul className="tablet-events">
                {summary.incidents.map((i) => (
                  <li key={i.id} className="tablet-event">
                    <span className="tablet-sev" style={{ background: SEVERITY_COLORS[i.severity] }}>{t(`tablet.severity.${i.severity}` as MessageKey)}</span>
                    <span className="tablet-event__title">
                      {i.code} · {i.title}
                    </span>
                    <span className="tablet-event__meta">
                      {[i.regionName, age(i.since)].filter(Boolean).join(' · ')}
                      {i.slaBreached && <span className="tablet-overdue"> · {t('tablet.slaBreached')}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <section className="tablet-col tablet-card tablet-kpis">
          <h2>{t('tablet.kpis')}</h2>
          {groups.map((g) => (
            <div key={g.sector.id} className="tablet-sector">
              <h3>{pick(g.sector.name)}</h3>
              <ul>
                {g.kpis.map((k) => (
                  <li key={k.id} className="tablet-kpi" data-kpi={k.id} data-state={k.state} data-value={k.value ?? ''} data-decimals={k.decimals}>
                    <span className="tablet-kpi__bar" style={{ background: KPI_STATE_COLORS[k.state] }} />
                    <span className="tablet-kpi__name">
                      {pick(k.name)} <span className="tablet-kpi__period">({t(`tablet.period.${k.period}` as MessageKey)})</span>
                    </span>
                    <span className="tablet-kpi__value">
                      {k.value === null ? t('tablet.noValue') : formatKpiNumber(k.value, k.decimals, locale)}
                      {k.value !== null && k.unit ? <span className="tablet-kpi__unit"> {pick(k.unit)}</span> : null}
                    </span>
                    <span className="tablet-kpi__target">
                      {k.target === null ? t('tablet.noTarget') : t('tablet.target', { value: `${targetComparator(k.direction as never)}${formatKpiNumber(k.target, k.decimals, locale)}` })}
                      {k.attainmentPct !== null && <span className="tablet-kpi__pct"> · {formatPercent(k.attainmentPct, locale)}</span>}
                    </span>
                    <span className="tablet-kpi__state" style={{ color: KPI_STATE_COLORS[k.state] }}>{t(KPI_STATE_LABELS[k.state])}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      </div>
    </main>
  );
}

function Chip({ color, label, testId }: { color: string; label: string; testId?: string }) {
  return (
    <span className="tablet-chip" data-testid={testId}>
      <span className="tablet-chip__dot" style={{ background: color }} />
      {label}
    </span>
  );
}
