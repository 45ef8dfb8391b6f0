import { AuthImage } from '../auth/AuthImage';
import type { FeedbackRecord } from '@ioc/sdk';
import { useEffect, useState } from 'react';
import { formatShortDateTime, formatShortTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { regionLabel } from '../regions/region-label';
import type { RegionTree } from '../regions/region-tree';
import { formatDuration } from './incident-logic';
import { errorText, incidentsApi, type FeedbackCategoryInfo } from './incidents-api';

export interface ReportsPanelProps {
  reports: readonly FeedbackRecord[];
  loaded: boolean;
  regions: RegionTree | null;
  actor: string;
  now: number;
  onOpenIncident: (incidentId: string) => void;
}

/** Citizen field reports waiting (received, processing): category, ward, deadline, photo; move or turn into an incident. */
export function ReportsPanel({ reports, loaded, regions, actor, now, onOpenIncident }: ReportsPanelProps) {
  const { t, pick, lang, locale } = useI18n();
  const [categories, setCategories] = useState<ReadonlyMap<string, FeedbackCategoryInfo>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [finishing, setFinishing] = useState<string | null>(null);
  const [result, setResult] = useState('');

  useEffect(() => {
    const abort = new AbortController();
    incidentsApi.feedbackCategories(abort.signal).then((r) => setCategories(new Map(r.items.map((c) => [c.id, c]))), () => undefined);
    return () => abort.abort();
  }, []);

  const act = async (reportId: string, action: () => Promise<unknown>) => {
    setBusy(reportId);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="inc-reports">
      {error && <div className="inc-error">{t('incidents.error', { message: error })}</div>}
      <ol className="inc-reports__list" data-testid="report-inbox">
        {loaded && reports.length === 0 && <li className="inc-empty">{t('incidents.reports.empty')}</li>}
        {reports.map((r) => {
          const due = Date.parse(r.dueAt);
          const overdue = r.overdue || due <= now;
          const category = categories.get(r.category);
          const ward = regions?.get(r.regionId);
          const district = r.regionId ? regions?.ancestorAt(r.regionId, 'district') : undefined;
          const photo = r.photos[0];
          return (
            <li key={r.id} className={`inc-report${overdue ? ' is-overdue' : ''}`} data-testid="report" data-report-id={r.id} data-state={r.state}>
              {photo ? <AuthImage className="inc-report__photo" src={incidentsApi.photoUrl(r.id, photo.id)} alt="" /> : <span className="inc-report__photo inc-report__photo--none" />}
              <div className="inc-report__body">
                <div className="inc-report__top">
                  <span className="inc-report__cat">{category ? pick(category.name) : r.category}</span>
                  <span className={`inc-state inc-report-state--${r.state}`}>{t(`incidents.reports.state.${r.state}`)}</span>
                  <span className="inc-report__code muted">{r.code}</span>
                </div>
                <div className="inc-report__text" title={r.text}>
                  {r.text}
                </div>
                <div className="inc-report__meta">
                  <span>{[ward ? regionLabel(ward.name[lang]) : null, district && district.id !== ward?.id ? regionLabel(district.name[lang]) : null].filter(Boolean).join(', ')}</span>
                  <span className={overdue ? 'is-overdue' : ''} title={formatShortDateTime(r.dueAt, locale)}>
                    {overdue ? `${t('incidents.reports.overdue')} ${formatDuration(now - due)}` : t('incidents.reports.due', { time: `${formatShortTime(due, locale)} (${formatDuration(due - now)})` })}
                  </span>
                </div>
                <div className="inc-report__actions">
                  {r.state === 'received' && (
                    <button type="button" className="btn" disabled={busy !== null} onClick={() => void act(r.id, () => incidentsApi.moveReport(r.id, { to: 'processing', actor }))} data-testid="report-process">
                      {t('incidents.reports.process')}
                    </button>
                  )}
                  <button type="button" className="btn" disabled={busy !== null} onClick={() => (setFinishing(finishing === r.id ? null : r.id), setResult(''))}>
                    {t('incidents.reports.done')}
                  </button>
                  {r.incidentId ? (
                    <button type="button" className="btn" onClick={() => onOpenIncident(r.incidentId!)}>
                      {t('incidents.reports.openIncident')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn btn--primary"
                      disabled={busy !== null}
                      data-testid="report-to-incident"
                      onClick={() =>
                        void act(r.id, async () => {
                          const answer = await incidentsApi.reportToIncident(r.id, actor);
                          onOpenIncident(answer.incidentId);
                        })
                      }
                    >
                      {t('incidents.reports.toIncident')}
                    </button>
                  )}
                </div>
                {finishing === r.id && (
                  <form
                    className="inc-move-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (result.trim()) void act(r.id, () => incidentsApi.moveReport(r.id, { to: 'done', actor, result: result.trim() })).then((ok) => ok && setFinishing(null));
                    }}
                  >
                    <label>
                      <span>{t('incidents.reports.result')}</span>
                      <textarea value={result} onChange={(e) => setResult(e.target.value)} rows={2} required />
                    </label>
                    <button type="submit" className="btn btn--primary" disabled={!result.trim() || busy !== null}>
                      {t('incidents.confirm')}
                    </button>
                  </form>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
