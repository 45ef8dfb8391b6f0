import type { IncidentDelta, UnitsDelta } from '@ioc/sdk';
import { SessionBadge } from '../auth/SessionBadge';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useNow } from '../app/use-now';
import { formatClockTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { LiveClient } from '../live/live-client';
import { useConnectionState } from '../live/use-connection-state';
import { useRegionTree } from '../oc/use-oc-runtime';
import { WallReadiness } from '../wall/readiness';
import { DetailPanel } from './DetailPanel';
import { DispatchPanel } from './DispatchPanel';
import { feedbackReducer, inboxOf, incidentsReducer, isOverdue, NO_FILTER, queueOf, type QueueFilter } from './incident-logic';
import './incidents.css';
import { QueuePanel } from './QueuePanel';
import { ReportsPanel } from './ReportsPanel';
import { useTopic } from './use-topic';
import { useUnits } from './use-units';

// The map (maplibre + deck.gl) is the heavy part: its own chunk, loaded after the console shows.
const IncidentMap = lazy(() => import('./IncidentMap'));

const ACTOR_KEY = 'ioc.incidents.actor';
const NO_UNITS: ReadonlySet<string> = new Set();

function readSelected(): string | null {
  return new URLSearchParams(window.location.search).get('incident');
}

function writeSelected(id: string | null): void {
  const params = new URLSearchParams(window.location.search);
  if (id) params.set('incident', id);
  else params.delete('incident');
  const search = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

/**
 * The incident console for emergency coordinators: the open incidents by priority and SLA, the
 * selected one with its procedure, playbook, chat and timeline, units to dispatch and the map,
 * and the citizens' field reports waiting — all live from the `incidents`, `units` and `feedback` topics.
 */
export default function IncidentsPage() {
  const { t, locale } = useI18n();
  const [live, setLive] = useState<LiveClient | null>(null);
  useEffect(() => {
    const client = new LiveClient();
    setLive(client);
    return () => client.close();
  }, []);
  const connection = useConnectionState(live);
  const regions = useRegionTree();
  const now = useNow(1_000);
  const [selectedId, setSelectedId] = useState<string | null>(readSelected);
  const [version, setVersion] = useState(0);
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [tab, setTab] = useState<'queue' | 'reports'>('queue');
  const [actor, setActor] = useState(() => window.localStorage.getItem(ACTOR_KEY) || 'Trực ban IOC');
  const [linkedUnits, setLinkedUnits] = useState<ReadonlySet<string>>(NO_UNITS);

  const onIncidentDelta = useCallback(
    (d: IncidentDelta) => {
      if (d.incident.id === selectedId) setVersion((v) => v + 1);
    },
    [selectedId],
  );
  const incidents = useTopic(live, 'incidents', incidentsReducer, onIncidentDelta);
  const onUnitsDelta = useCallback(
    (d: UnitsDelta) => {
      if (d.kind === 'assignment' && d.assignment.incidentId === selectedId) setVersion((v) => v + 1);
    },
    [selectedId],
  );
  const units = useUnits(live, onUnitsDelta);
  const feedback = useTopic(live, 'feedback', feedbackReducer);

  const districtOf = useCallback((regionId: string | null) => (regionId ? regions?.ancestorAt(regionId, 'district')?.id ?? null : null), [regions]);
  const queue = useMemo(() => queueOf(incidents?.values() ?? [], filter, now, districtOf), [incidents, filter, now, districtOf]);
  const overdueCount = useMemo(() => [...(incidents?.values() ?? [])].filter((i) => isOverdue(i, now)).length, [incidents, now]);
  const reports = useMemo(() => inboxOf(feedback?.open.values() ?? [], now), [feedback, now]);
  const mapIncidents = useMemo(() => [...(incidents?.values() ?? [])], [incidents]);
  const mapUnits = useMemo(() => [...(units?.units.values() ?? [])], [units]);

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    setVersion(0);
    setLinkedUnits(NO_UNITS);
    writeSelected(id);
  }, []);
  const openIncident = useCallback(
    (id: string) => {
      select(id);
      setTab('queue');
    },
    [select],
  );

  useEffect(() => {
    window.localStorage.setItem(ACTOR_KEY, actor);
  }, [actor]);
  useEffect(() => {
    document.title = t('incidents.title');
  }, [t]);

  // Ready (for tests and wall screenshots) once the queue has its snapshot and the map has drawn.
  const readiness = useMemo(() => new WallReadiness(['queue', 'map']), []);
  useEffect(() => readiness.attach(), [readiness]);
  useEffect(() => {
    if (incidents) readiness.markReady('queue');
  }, [incidents, readiness]);
  const onMapDrawn = useCallback(() => readiness.markReady('map'), [readiness]);

  return (
    <div className="inc-page" data-testid="incidents-page">
      <header className="inc-header">
        <h1>{t('incidents.title')}</h1>
        <span className="inc-header__counts">
          <span data-testid="open-count">{t('incidents.openCount', { count: incidents?.size ?? 0 })}</span>
          {overdueCount > 0 && <span className="is-overdue">{t('incidents.overdueCount', { count: overdueCount })}</span>}
        </span>
        <label className="inc-header__actor">
          {t('incidents.actor')}
          <input value={actor} onChange={(e) => setActor(e.target.value)} maxLength={200} data-testid="actor" />
        </label>
        <span className="inc-header__clock num">{formatClockTime(now, locale)}</span>
        <div className={`connection connection--${connection}`} data-testid="connection" data-state={connection}>
          <span className="connection__dot" />
          {t(`connection.${connection}`)}
        </div>
        <SessionBadge />
      </header>
      <aside className="inc-left">
        <div className="inc-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'queue'} className={tab === 'queue' ? 'is-active' : ''} onClick={() => setTab('queue')} data-testid="tab-queue">
            {t('incidents.tab.queue', { count: queue.length })}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'reports'} className={tab === 'reports' ? 'is-active' : ''} onClick={() => setTab('reports')} data-testid="tab-reports">
            {t('incidents.tab.reports', { count: reports.length })}
          </button>
        </div>
        {tab === 'queue' ? (
          <QueuePanel queue={queue} filter={filter} onFilter={setFilter} regions={regions} selectedId={selectedId} onSelect={select} now={now} loaded={incidents !== null} />
        ) : (
          <ReportsPanel reports={reports} loaded={feedback !== null} regions={regions} actor={actor} now={now} onOpenIncident={openIncident} />
        )}
      </aside>
      <main className="inc-main">
        {selectedId ? (
          <DetailPanel key={selectedId} incidentId={selectedId} version={version} actor={actor} liveMessages={units?.messages ?? []} regions={regions} now={now} />
        ) : (
          <div className="inc-empty inc-empty--center">{t('incidents.select')}</div>
        )}
      </main>
      <aside className="inc-right">
        <div className="inc-right__map">
          <Suspense fallback={<div className="inc-empty">…</div>}>
            <IncidentMap incidents={mapIncidents} units={mapUnits} selectedId={selectedId} linkedUnitIds={linkedUnits} onSelect={select} onDrawn={onMapDrawn} />
          </Suspense>
        </div>
        <div className="inc-right__dispatch">
          <h2 className="inc-panel-title">{t('incidents.dispatch')}</h2>
          {selectedId ? (
            <DispatchPanel
              key={selectedId}
              incidentId={selectedId}
              version={version}
              actor={actor}
              units={units?.units ?? new Map()}
              liveAssignments={units?.assignments ?? new Map()}
              onLinkedUnits={setLinkedUnits}
            />
          ) : (
            <div className="inc-empty">{t('incidents.select')}</div>
          )}
        </div>
      </aside>
    </div>
  );
}
