import { activeScene, sceneTiles, type IncidentRecord, type KpiListResponse, type WallCommand, type WallState, type WallSummary } from '@ioc/sdk';
import { useEffect, useMemo, useState } from 'react';
import { wallsClient } from '../api/walls-client';
import { navigate, withLang } from '../app/route';
import { useNow } from '../app/use-now';
import { formatShortTime } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import { LiveClient } from '../live/live-client';
import { useConnectionState } from '../live/use-connection-state';
import { useWallState } from '../wall/use-wall-state';
import './wall-console.css';
import { apiFetch } from '../auth/api-fetch';

type KpiChoice = { id: string; name: string };

/**
 * Operator console of a wall: push a scene, hold or run the playlist, put a KPI or an incident on a
 * chosen tile. Commands go to the API; every screen of the wall follows through `wall:{id}`.
 */
export default function WallConsolePage({ wallId }: { wallId: string }) {
  const { t } = useI18n();
  const [live, setLive] = useState<LiveClient | null>(null);
  useEffect(() => {
    const client = new LiveClient();
    setLive(client);
    return () => client.close();
  }, []);
  const connection = useConnectionState(live);
  const wall = useWallState(live, wallId);
  const [walls, setWalls] = useState<WallSummary[]>([]);
  useEffect(() => {
    void wallsClient.list().then((r) => setWalls(r.items), () => undefined);
  }, []);

  return (
    <div className="console" data-console={wallId}>
      <header className="console__header">
        <h1>{t('console.title')}</h1>
        <label>
          {t('console.wall')}{' '}
          <select value={wallId} onChange={(e) => navigate(withLang(`/wall/${encodeURIComponent(e.target.value)}/console`, window.location.search))} data-testid="console-wall">
            {(walls.length ? walls : [{ id: wallId, name: null }]).map((w) => (
              <option key={w.id} value={w.id}>
                {w.id}
              </option>
            ))}
          </select>
        </label>
        <a className="console__open" href={withLang(`/wall/${encodeURIComponent(wallId)}`, window.location.search)} target="_blank" rel="noreferrer">
          {t('console.openWall')}
        </a>
        <div className={`connection connection--${connection}`} data-testid="connection" data-state={connection}>
          <span className="connection__dot" />
          {t(`connection.${connection}`)}
        </div>
      </header>
      {wall.status === 'loading' && <div className="page-message">{t('data.loading')}</div>}
      {wall.status === 'not-found' && <div className="page-message">{t('app.notFound', { id: wallId })}</div>}
      {wall.status === 'error' && <div className="page-message page-message--error">{t('data.error', { message: wall.message })}</div>}
      {wall.status === 'ready' && <ConsoleBody state={wall.state} />}
    </div>
  );
}

function ConsoleBody({ state }: { state: WallState }) {
  const { t, pick, locale } = useI18n();
  const now = useNow(1_000);
  const [operator, setOperator] = useState(() => t('console.defaultOperator'));
  const [selected, setSelected] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
  const [kpis, setKpis] = useState<KpiChoice[]>([]);
  const [incidents, setIncidents] = useState<IncidentRecord[]>([]);
  const [kpiId, setKpiId] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const { layout } = state;
  const sceneId = activeScene(layout, state, now);
  const tiles = sceneTiles(layout, sceneId);
  const selectedTile = tiles.find((tile) => tile.id === selected) ?? null;

  useEffect(() => {
    void apiFetch('/api/v1/kpis')
      .then((r) => r.json() as Promise<KpiListResponse>)
      .then((r) => setKpis(r.kpis.map((k) => ({ id: k.id, name: pick(k.name) })).sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => undefined);
  }, [pick]);
  useEffect(() => {
    const load = () =>
      void apiFetch('/api/v1/incidents?open=true&limit=100')
        .then((r) => r.json() as Promise<{ items: IncidentRecord[] }>)
        .then((r) => setIncidents(r.items))
        .catch(() => undefined);
    load();
    const timer = setInterval(load, 10_000);
    return () => clearInterval(timer);
  }, []);

  const send = (command: WallCommand) =>
    wallsClient.command(layout.id, command, operator.trim() || t('console.defaultOperator')).then(
      (next) => setFeedback({ ok: true, text: t('console.sent', { revision: next.revision }) }),
      (error: Error) => setFeedback({ ok: false, text: t('console.failed', { message: error.message }) }),
    );

  const { columns, rows } = layout.grid;
  const screens = layout.screens ?? { columns: 1, rows: 1 };
  const planStyle = useMemo(() => ({ aspectRatio: `${screens.columns * 16} / ${screens.rows * 9}` }), [screens.columns, screens.rows]);
  return (
    <div className="console__body">
      <section className="console__plan-panel">
        <h2>
          {t('console.tiles')} · {t('console.activeScene')}: <span data-testid="console-scene">{sceneId ? pick(layout.scenes?.find((s) => s.id === sceneId)?.name ?? { vi: sceneId, en: sceneId }) : t('console.home')}</span>
        </h2>
        <div className="console__plan" style={planStyle}>
          {Array.from({ length: screens.columns * screens.rows - 1 }, (_, i) => i + 1).map((i) => (
            <div key={`v${i}`} className="console__screen-edge" style={{ left: `${((i % screens.columns) / screens.columns) * 100}%`, top: `${(Math.floor(i / screens.columns) / screens.rows) * 100}%`, width: `${100 / screens.columns}%`, height: `${100 / screens.rows}%` }} />
          ))}
          {tiles.map((tile) => {
            const pushed = state.overrides[tile.id];
            return (
              <button
                key={tile.id}
                type="button"
                data-console-tile={tile.id}
                className={`console__tile${selected === tile.id ? ' console__tile--selected' : ''}${pushed ? ' console__tile--pushed' : ''}`}
                style={{ left: `${((tile.x - 1) / columns) * 100}%`, top: `${((tile.y - 1) / rows) * 100}%`, width: `${(tile.w / columns) * 100}%`, height: `${(tile.h / rows) * 100}%` }}
                onClick={() => setSelected(tile.id)}
              >
                <span className="console__tile-name">{pushed?.title ? pick(pushed.title) : tile.title ? pick(tile.title) : tile.id}</span>
                <span className="console__tile-widget">{pushed ? pushed.focus ?? pushed.widget : tile.widget}</span>
              </button>
            );
          })}
        </div>
      </section>
      <aside className="console__side">
        <label className="console__field">
          {t('console.operator')}
          <input value={operator} onChange={(e) => setOperator(e.target.value)} maxLength={200} />
        </label>
        <section>
          <h2>{t('console.scenes')}</h2>
          <div className="console__buttons">
            <button type="button" className={state.sceneId === null ? 'is-active' : ''} data-console-scene="" onClick={() => void send({ kind: 'scene', sceneId: null })}>
              {t('console.home')}
            </button>
            {(layout.scenes ?? []).map((scene) => (
              <button key={scene.id} type="button" className={state.sceneId === scene.id ? 'is-active' : ''} data-console-scene={scene.id} onClick={() => void send({ kind: 'scene', sceneId: scene.id })}>
                {pick(scene.name)}
              </button>
            ))}
          </div>
          <h2>{t('console.playlist')}</h2>
          {layout.playlist ? (
            <div className="console__buttons">
              <span>{state.playlistPaused ? t('console.playlistPaused') : t('console.playlistRunning', { seconds: layout.playlist.intervalS })}</span>
              <button type="button" data-console-playlist={state.playlistPaused ? 'resume' : 'pause'} onClick={() => void send({ kind: 'playlist', paused: !state.playlistPaused })}>
                {state.playlistPaused ? t('console.resume') : t('console.pause')}
              </button>
            </div>
          ) : (
            <p className="console__hint">{t('console.noPlaylist')}</p>
          )}
        </section>
        <section data-testid="console-tile-panel">
          {selectedTile === null ? (
            <p className="console__hint">{t('console.pickTile')}</p>
          ) : (
            <>
              <h2>{t('console.tile', { id: selectedTile.id })}</h2>
              {state.overrides[selectedTile.id] && (
                <p className="console__hint">
                  {t('console.pushed', { focus: state.overrides[selectedTile.id]!.focus ?? state.overrides[selectedTile.id]!.widget, by: state.overrides[selectedTile.id]!.setBy, time: formatShortTime(Date.parse(state.overrides[selectedTile.id]!.setAt), locale) })}
                </p>
              )}
              <label className="console__field">
                {t('console.pushKpi')}
                <div className="console__row">
                  <select value={kpiId} onChange={(e) => setKpiId(e.target.value)} data-testid="console-kpi">
                    <option value="" />
                    {kpis.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name}
                      </option>
                    ))}
                  </select>
                  <button type="button" disabled={!kpiId} data-console-push="kpi" onClick={() => void send({ kind: 'focus-kpi', tileId: selectedTile.id, kpiId })}>
                    {t('console.push')}
                  </button>
                </div>
              </label>
              <label className="console__field">
                {t('console.pushIncident')}
                <div className="console__row">
                  <select value={incidentId} onChange={(e) => setIncidentId(e.target.value)} data-testid="console-incident">
                    <option value="">{incidents.length ? '' : t('console.noIncidents')}</option>
                    {incidents.map((i) => (
                      <option key={i.id} value={i.id}>
                        {i.code} · {i.title}
                      </option>
                    ))}
                  </select>
                  <button type="button" disabled={!incidentId} data-console-push="incident" onClick={() => void send({ kind: 'focus-incident', tileId: selectedTile.id, incidentId })}>
                    {t('console.push')}
                  </button>
                </div>
              </label>
              <div className="console__buttons">
                <button type="button" data-console-clear={selectedTile.id} disabled={!state.overrides[selectedTile.id]} onClick={() => void send({ kind: 'clear', tileId: selectedTile.id })}>
                  {t('console.clearTile')}
                </button>
                <button type="button" disabled={Object.keys(state.overrides).length === 0} onClick={() => void send({ kind: 'clear' })}>
                  {t('console.clearAll')}
                </button>
              </div>
            </>
          )}
        </section>
        {feedback && (
          <p className={`console__feedback${feedback.ok ? '' : ' console__feedback--error'}`} data-testid="console-feedback" role="status">
            {feedback.text}
          </p>
        )}
      </aside>
    </div>
  );
}
