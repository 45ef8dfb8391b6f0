import type { KpiListResponse, SectorManifest } from '@ioc/sdk';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { restClient } from '../api/rest-client';
import { navigate, withLang } from '../app/route';
import { useNow } from '../app/use-now';
import { formatClockTime, formatLongDate, formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { formatKpiNumber, KPI_STATE_COLORS, KPI_STATE_LABELS, KPI_STATE_ORDER, targetComparator } from '../kpi/kpi-format';
import { WallReadiness } from '../wall/readiness';
import { headlineKpis, headlineValue, summariseSectors, type SectorSummary } from './sector-summary';

/** Headline indicators per card: the first tiles of the sector's page. */
const HEADLINES = 4;

/** `/oc`: every loaded sector with how its indicators stand for the province, each opening its OC page. */
export function OcIndexPage() {
  const { t, pick, locale } = useI18n();
  const now = useNow(1_000);
  const [sectors, setSectors] = useState<SectorManifest[] | null>(null);
  const [kpis, setKpis] = useState<{ byId: Map<string, KpiListResponse['kpis'][number]>; summary: Map<string, SectorSummary> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readiness = useMemo(() => new WallReadiness(['index']), []);
  useEffect(() => readiness.attach(), [readiness]);

  useEffect(() => {
    const abort = new AbortController();
    document.title = t('oc.indexTitle');
    restClient.sectors(abort.signal).then(
      (list) => setSectors(list.items),
      (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : String(e)),
    );
    restClient.kpis({}, abort.signal).then(
      (list) => setKpis({ byId: new Map(list.kpis.map((k) => [k.id, k])), summary: summariseSectors(list) }),
      // The cards still open the pages without the overview.
      () => !abort.signal.aborted && setKpis({ byId: new Map(), summary: new Map() }),
    );
    return () => abort.abort();
  }, []);

  const loaded = (sectors !== null && kpis !== null) || error !== null;
  useEffect(() => {
    if (loaded) readiness.markReady('index');
  }, [loaded, readiness]);

  const open = (path: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(path);
  };
  const search = window.location.search;
  const withOc = (sectors ?? []).filter((s) => s.dashboards?.oc);

  return (
    <div className="wall oc-index">
      <header className="wall-header">
        <div className="wall-header__emblem" aria-hidden="true" />
        <h1 className="wall-header__title">{t('oc.indexTitle')}</h1>
        <a className="chip chip--link" href={withLang('/wall/main', search)} onClick={open(withLang('/wall/main', search))}>
          {t('oc.wall')}
        </a>
        <div className="wall-header__clock">
          <div className="wall-header__time">{formatClockTime(now, locale)}</div>
          <div className="wall-header__date">{formatLongDate(now, locale)}</div>
        </div>
      </header>
      {error && <div className="page-message page-message--error">{t('data.error', { message: error })}</div>}
      {!loaded && <div className="page-message">{t('data.loading')}</div>}
      <main className="oc-index__grid" data-tile="index">
        {withOc.map((sector) => {
          const summary = kpis?.summary.get(sector.id);
          const href = withLang(`/oc/${encodeURIComponent(sector.id)}`, search);
          return (
            <a key={sector.id} className="sector-card" href={href} onClick={open(href)} data-sector={sector.id} data-testid="sector-card">
              <div className="sector-card__name">{pick(sector.name)}</div>
              <div className="sector-card__title">{pick(sector.dashboards!.oc!.title)}</div>
              {summary && (
                <>
                  <div className="sector-card__count">
                    {t('oc.kpiCount', { count: formatNumber(summary.kpiCount, locale, 0) })} ·{' '}
                    {t('oc.withValues', { count: formatNumber(summary.kpiCount - summary.states['no-data'], locale, 0) })}
                  </div>
                  <div className="state-bar" aria-hidden="true">
                    {KPI_STATE_ORDER.map((s) =>
                      summary.states[s] > 0 ? <span key={s} style={{ flexGrow: summary.states[s], background: KPI_STATE_COLORS[s] }} /> : null,
                    )}
                  </div>
                  <div className="sector-card__states">
                    {KPI_STATE_ORDER.filter((s) => summary.states[s] > 0).map((s) => (
                      <span key={s} className="sector-card__state">
                        <span className="state-dot" style={{ background: KPI_STATE_COLORS[s] }} />
                        {t(KPI_STATE_LABELS[s])} <b>{formatNumber(summary.states[s], locale, 0)}</b>
                      </span>
                    ))}
                  </div>
                  <ul className="sector-card__headlines">
                    {headlineKpis(sector.dashboards!.oc, HEADLINES).map((id) => {
                      const kpi = kpis?.byId.get(id);
                      if (!kpi) return null;
                      const value = headlineValue(kpi);
                      const state = value && value.value !== null ? value.state : 'no-data';
                      return (
                        <li key={id} className="sector-card__headline" data-kpi={id}>
                          <span className="sector-card__kpi-name">
                            <span className="state-dot" style={{ background: KPI_STATE_COLORS[state] }} title={t(KPI_STATE_LABELS[state])} />
                            {pick(kpi.name)}
                          </span>
                          <span className="sector-card__kpi-value num">
                            {value && value.value !== null ? `${formatKpiNumber(value.value, kpi.decimals, locale)}\u00a0${pick(kpi.unit)}` : '—'}
                            {value && value.target !== null && (
                              <small className="muted">
                                {' / '}
                                {targetComparator(kpi.direction)} {formatKpiNumber(value.target, kpi.decimals, locale)}
                              </small>
                            )}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                  {summary.attention.length > 0 && (
                    <div className="sector-card__attention">
                      <span className="muted">{t('oc.attention')}: </span>
                      {summary.attention
                        .slice(0, 2)
                        .map((a) => (kpis?.byId.get(a.kpiId) ? pick(kpis.byId.get(a.kpiId)!.name) : a.kpiId))
                        .join(' · ')}
                    </div>
                  )}
                </>
              )}
            </a>
          );
        })}
      </main>
    </div>
  );
}
