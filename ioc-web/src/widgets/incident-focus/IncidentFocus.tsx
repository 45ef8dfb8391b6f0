import type { IncidentChecklistItem, IncidentLink, IncidentRecord } from '@ioc/sdk';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/rest-client';
import { useNow } from '../../app/use-now';
import { formatShortTime } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n';
import type { WidgetProps } from '../widget-types';
import type { IncidentFocusOptions } from './index';
import './incident-focus.css';
import { apiFetch } from '../../auth/api-fetch';

type Detail = IncidentRecord & { checklist: IncidentChecklistItem[]; links: IncidentLink[] };
type Loaded = { status: 'loading' } | { status: 'missing' } | { status: 'error'; message: string } | { status: 'ready'; incident: Detail };

/** Large-print card of one incident: severity band, state and SLA countdown, playbook progress, units. */
export default function IncidentFocus({ options, onReady }: WidgetProps<IncidentFocusOptions>) {
  const { t, locale } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const now = useNow(1_000);

  useEffect(() => {
    const abort = new AbortController();
    const read = async () => {
      try {
        const response = await apiFetch(`/api/v1/incidents/${encodeURIComponent(options.incidentId)}`, { signal: abort.signal, headers: { accept: 'application/json' } });
        if (response.status === 404) return setLoaded({ status: 'missing' });
        if (!response.ok) throw new ApiError(response.url, response.status, '');
        setLoaded({ status: 'ready', incident: (await response.json()) as Detail });
      } catch (error) {
        if (!abort.signal.aborted) setLoaded((prev) => (prev.status === 'ready' ? prev : { status: 'error', message: String(error) }));
      }
    };
    void read();
    const timer = setInterval(() => void read(), Math.max(1, options.refreshS) * 1000);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [options.incidentId, options.refreshS]);

  useEffect(() => {
    if (loaded.status !== 'loading') onReady();
  }, [loaded.status, onReady]);

  if (loaded.status === 'loading') return <div className="tile-message">{t('data.loading')}</div>;
  if (loaded.status === 'missing') return <div className="tile-message">{t('focus.missing', { id: options.incidentId })}</div>;
  if (loaded.status === 'error') return <div className="tile-message tile-message--error">{t('data.error', { message: loaded.message })}</div>;
  const i = loaded.incident;
  const slaMinutes = i.slaDueAt ? Math.round((Date.parse(i.slaDueAt) - now) / 60_000) : null;
  const done = i.checklist.filter((c) => c.doneAt !== null).length;
  const units = i.links.filter((l) => l.kind === 'unit');
  return (
    <div className={`incident-focus incident-focus--${i.severity}`} data-incident={i.id} data-state={i.state}>
      <div className="incident-focus__band">
        <span className="incident-focus__severity">{t(`incidents.severity.${i.severity}` as MessageKey)}</span>
        <span className="incident-focus__code">{i.code}</span>
      </div>
      <div className="incident-focus__title">{i.title}</div>
      <div className="incident-focus__row">
        <span className="incident-focus__state">{t(`incidents.state.${i.state}` as MessageKey)}</span>
        <span className="incident-focus__since">{t('focus.since', { time: formatShortTime(Date.parse(i.stateSince), locale) })}</span>
        {slaMinutes !== null && (
          <span className={`incident-focus__sla${slaMinutes < 0 ? ' incident-focus__sla--over' : ''}`}>
            {slaMinutes < 0 ? t('focus.slaOver', { minutes: -slaMinutes }) : t('focus.slaLeft', { minutes: slaMinutes })}
          </span>
        )}
      </div>
      {i.checklist.length > 0 && (
        <div className="incident-focus__checklist">
          <div className="incident-focus__label">
            {t('focus.checklist')} {done}/{i.checklist.length}
          </div>
          <div className="incident-focus__progress">
            <div style={{ width: `${(done / i.checklist.length) * 100}%` }} />
          </div>
        </div>
      )}
      <div className="incident-focus__units">
        <span className="incident-focus__label">{t('focus.units')}:</span> {units.length ? units.map((u) => u.refId).join(', ') : t('focus.noUnits')}
      </div>
    </div>
  );
}
