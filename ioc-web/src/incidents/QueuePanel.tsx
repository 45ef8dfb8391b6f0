import { INCIDENT_STATES, SEVERITIES, type IncidentRecord, type IncidentState, type Severity } from '@ioc/sdk';
import { formatShortTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { regionLabel } from '../regions/region-label';
import type { RegionTree } from '../regions/region-tree';
import { formatDuration, isOverdue, slaLeftMs, type QueueFilter } from './incident-logic';

const OPEN_STATES = INCIDENT_STATES.filter((s) => s !== 'published' && s !== 'cancelled');

export interface QueuePanelProps {
  queue: readonly IncidentRecord[];
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  regions: RegionTree | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
  loaded: boolean;
}

/** Filters and the open incidents in queue order, overdue ones red with how long overdue. */
export function QueuePanel({ queue, filter, onFilter, regions, selectedId, onSelect, now, loaded }: QueuePanelProps) {
  const { t, lang } = useI18n();
  const districts = regions?.root ? regions.children(regions.root.id).filter((r) => r.level === 'district') : [];
  return (
    <div className="inc-queue">
      <div className="inc-filters">
        <label>
          <span>{t('incidents.filter.state')}</span>
          <select data-testid="filter-state" value={filter.states[0] ?? ''} onChange={(e) => onFilter({ ...filter, states: e.target.value ? [e.target.value as IncidentState] : [] })}>
            <option value="">{t('incidents.filter.all')}</option>
            {OPEN_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`incidents.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('incidents.filter.severity')}</span>
          <select data-testid="filter-severity" value={filter.severities[0] ?? ''} onChange={(e) => onFilter({ ...filter, severities: e.target.value ? [e.target.value as Severity] : [] })}>
            <option value="">{t('incidents.filter.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`incidents.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('incidents.filter.district')}</span>
          <select data-testid="filter-district" value={filter.districtId ?? ''} onChange={(e) => onFilter({ ...filter, districtId: e.target.value || null })}>
            <option value="">{t('incidents.filter.all')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {regionLabel(d.name[lang])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ol className="inc-queue__list" data-testid="incident-queue">
        {loaded && queue.length === 0 && <li className="inc-empty">{t('incidents.queue.empty')}</li>}
        {queue.map((i) => (
          <QueueRow key={i.id} incident={i} selected={i.id === selectedId} onSelect={onSelect} now={now} regions={regions} />
        ))}
      </ol>
    </div>
  );
}

function QueueRow({ incident: i, selected, onSelect, now, regions }: { incident: IncidentRecord; selected: boolean; onSelect: (id: string) => void; now: number; regions: RegionTree | null }) {
  const { t, lang, locale } = useI18n();
  const left = slaLeftMs(i, now);
  const overdue = isOverdue(i, now);
  const district = i.regionId ? regions?.ancestorAt(i.regionId, 'district') : undefined;
  const place = regions?.get(i.regionId);
  const sla = left === null ? t('incidents.queue.noSla') : overdue ? t('incidents.queue.overdue', { time: formatDuration(Math.min(left, 0)) }) : t('incidents.queue.left', { time: formatDuration(left) });
  return (
    <li>
      <button
        type="button"
        className={`inc-row inc-sev--${i.severity}${selected ? ' is-selected' : ''}${overdue ? ' is-overdue' : ''}`}
        onClick={() => onSelect(i.id)}
        data-testid="queue-row"
        data-incident-id={i.id}
        data-overdue={overdue ? 'true' : 'false'}
      >
        <span className="inc-row__top">
          <span className={`inc-badge inc-badge--${i.severity}`}>{t(`incidents.severity.${i.severity}`)}</span>
          <span className="inc-row__code">{i.code}</span>
          <span className={`inc-row__sla${overdue ? ' is-overdue' : ''}`} data-testid="queue-sla">
            {sla}
          </span>
        </span>
        <span className="inc-row__title">{i.title}</span>
        <span className="inc-row__meta">
          <span className="inc-state">{t(`incidents.state.${i.state}`)}</span>
          <span>{[place && place.id !== district?.id ? regionLabel(place.name[lang]) : null, district ? regionLabel(district.name[lang]) : null].filter(Boolean).join(', ')}</span>
          <span className="muted">{formatShortTime(Date.parse(i.createdAt), locale)}</span>
        </span>
      </button>
    </li>
  );
}
