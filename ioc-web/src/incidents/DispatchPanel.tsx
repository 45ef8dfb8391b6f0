import type { Assignment, DispatchUnit, UnitSuggestion } from '@ioc/sdk';
import { useEffect, useMemo, useState } from 'react';
import { formatShortTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { assignmentsOf, formatDistance, formatDuration, mergeAssignments } from './incident-logic';
import { errorText, incidentsApi } from './incidents-api';

export interface DispatchPanelProps {
  incidentId: string;
  /** Bumped on every delta of this incident (its assignments may have changed). */
  version: number;
  actor: string;
  units: ReadonlyMap<string, DispatchUnit>;
  liveAssignments: ReadonlyMap<string, Assignment>;
  /** Tells the map which units to highlight. */
  onLinkedUnits: (unitIds: ReadonlySet<string>) => void;
}

/** The nearest available units for the selected incident, an Assign button each, and its assignments live. */
export function DispatchPanel({ incidentId, version, actor, units, liveAssignments, onLinkedUnits }: DispatchPanelProps) {
  const { t, locale } = useI18n();
  const [suggestions, setSuggestions] = useState<UnitSuggestion[] | null>(null);
  const [restAssignments, setRestAssignments] = useState<Assignment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Suggestions change whenever a unit's status changes; refetch on those (not on every position).
  const statusKey = useMemo(() => [...units.values()].map((u) => `${u.id}:${u.status}`).join(','), [units]);

  useEffect(() => {
    setSuggestions(null);
    setRestAssignments([]);
    setError(null);
  }, [incidentId]);

  useEffect(() => {
    const abort = new AbortController();
    incidentsApi.suggestions(incidentId, abort.signal).then(
      (r) => setSuggestions(r.items),
      (e: unknown) => {
        if (!abort.signal.aborted) {
          setSuggestions([]);
          setError(errorText(e));
        }
      },
    );
    return () => abort.abort();
  }, [incidentId, version, statusKey]);

  useEffect(() => {
    const abort = new AbortController();
    incidentsApi.assignments(incidentId, abort.signal).then((r) => setRestAssignments(r.items), () => undefined);
    return () => abort.abort();
  }, [incidentId, version]);

  const assignments = useMemo(() => assignmentsOf(mergeAssignments(restAssignments, liveAssignments).values(), incidentId), [restAssignments, liveAssignments, incidentId]);

  const linkedKey = [...(suggestions ?? []).map((s) => s.unit.id), ...assignments.filter((a) => a.state !== 'released' && a.state !== 'cancelled').map((a) => a.unitId)].join(',');
  useEffect(() => onLinkedUnits(new Set(linkedKey ? linkedKey.split(',') : [])), [linkedKey, onLinkedUnits]);

  const assign = async (unitId: string) => {
    setBusy(unitId);
    setError(null);
    try {
      const a = await incidentsApi.assign(incidentId, unitId, actor);
      setRestAssignments((list) => [a, ...list.filter((x) => x.id !== a.id)]);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="inc-dispatch" data-testid="dispatch">
      <section className="inc-section">
        <h3>{t('incidents.suggested')}</h3>
        {suggestions?.length === 0 && !error && <p className="muted">{t('incidents.noSuggestions')}</p>}
        <ul className="inc-units" data-testid="suggestions">
          {suggestions?.map((s) => (
            <li key={s.unit.id} className="inc-unit" data-testid="suggestion" data-unit-id={s.unit.id}>
              <span className={`inc-unit-type inc-unit-type--${s.unit.unitType}`}>{t(`incidents.unitType.${s.unit.unitType}`)}</span>
              <span className="inc-unit__name" title={s.unit.name}>
                {s.unit.callSign}
                {s.matchesType && <small className="inc-match"> ✓ {t('incidents.matches')}</small>}
              </span>
              <span className="num">{formatDistance(s.routeM, locale)}</span>
              <span className="num">{t('incidents.eta', { time: formatDuration(s.etaS * 1000) })}</span>
              <button type="button" className="btn btn--primary" disabled={busy !== null} onClick={() => void assign(s.unit.id)} data-testid="assign">
                {t('incidents.assign')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="inc-section">
        <h3>{t('incidents.assignments')}</h3>
        {assignments.length === 0 && <p className="muted">{t('incidents.none')}</p>}
        <ul className="inc-units" data-testid="assignments">
          {assignments.map((a) => {
            const unit = units.get(a.unitId);
            return (
              <li key={a.id} className="inc-unit" data-testid="assignment" data-assignment-id={a.id} data-unit-id={a.unitId} data-state={a.state}>
                {unit && <span className={`inc-unit-type inc-unit-type--${unit.unitType}`}>{t(`incidents.unitType.${unit.unitType}`)}</span>}
                <span className="inc-unit__name">{unit?.callSign ?? a.unitId}</span>
                <span className={`inc-assignment inc-assignment--${a.state}`} data-testid="assignment-state">
                  {t(`incidents.assignment.${a.state}`)}
                </span>
                <span className="num muted">{formatDistance(a.distanceM, locale)}</span>
                <span className="num muted">{a.etaAt && a.state !== 'arrived' ? t('incidents.etaAt', { time: formatShortTime(Date.parse(a.etaAt), locale) }) : ''}</span>
              </li>
            );
          })}
        </ul>
      </section>
      {error && <div className="inc-error">{t('incidents.error', { message: error })}</div>}
    </div>
  );
}
