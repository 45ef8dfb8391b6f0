import { useMemo } from 'react';
import { useNow } from '../../app/use-now';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, incidentsReducer, isOverdue, NO_FILTER, queueOf, slaLeftMs } from '../../incidents/incident-logic';
import '../../incidents/incidents.css';
import { useLiveClient, useReadyOnce, useTopic } from '../../incidents/use-topic';
import { regionLabel } from '../../regions/region-label';
import type { WidgetProps } from '../widget-types';
import type { IncidentQueueOptions } from './index';

const ROW_PX = 36;

/** The open incidents in the console's queue order (overdue first, red), compact for a wall. */
export default function IncidentQueue({ options, width, height, scope, live, onReady }: WidgetProps<IncidentQueueOptions>) {
  const { t, lang } = useI18n();
  const client = useLiveClient(live);
  const incidents = useTopic(client, 'incidents', incidentsReducer);
  const now = useNow(1_000);
  const regions = scope.regions;
  const queue = useMemo(() => {
    const all = queueOf(incidents?.values() ?? [], NO_FILTER, now, () => null);
    const region = options.regionId;
    if (!region) return all;
    // Without the region tree yet, a region filter can only match the incident's own region.
    return all.filter((i) => i.regionId !== null && (i.regionId === region || regions?.path(i.regionId).some((r) => r.id === region)));
  }, [incidents, now, options.regionId, regions]);
  useReadyOnce(incidents !== null, onReady);

  if (!incidents) return null;
  if (queue.length === 0) return <div className="tile-message">{t('incidents.queue.empty')}</div>;
  const fit = Math.max(1, Math.floor(height / ROW_PX));
  // A narrow tile keeps code, title and SLA; the district and state come back when there is room.
  const showDistrict = width >= 560;
  const showState = width >= 420;
  const shown = queue.length > fit ? queue.slice(0, fit - 1) : queue;
  return (
    <ol className="w-inc-list" data-testid="incident-queue-widget">
      {shown.map((i) => {
        const left = slaLeftMs(i, now);
        const overdue = isOverdue(i, now);
        const district = i.regionId ? regions?.ancestorAt(i.regionId, 'district') : undefined;
        return (
          <li key={i.id} className={`w-sev--${i.severity}${overdue ? ' is-overdue' : ''}`} data-incident-id={i.id}>
            <span className="w-inc__main" title={i.title}>
              <b>{i.code}</b> {i.title}
            </span>
            {showDistrict && <span className="w-inc__side">{district ? regionLabel(district.name[lang]) : ''}</span>}
            {showState && <span className="w-inc__side">{t(`incidents.state.${i.state}`)}</span>}
            <span className={`w-inc__side${overdue ? ' is-overdue' : ''}`}>
              {left === null ? '' : overdue ? t('incidents.queue.overdue', { time: formatDuration(Math.min(left, 0)) }) : formatDuration(left)}
            </span>
          </li>
        );
      })}
      {shown.length < queue.length && <li className="w-inc__more">+{queue.length - shown.length}</li>}
    </ol>
  );
}
