import type { WallState } from '@ioc/sdk';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { LiveClient } from '../live/live-client';
import { useConnectionState } from '../live/use-connection-state';
import { useKpiStore } from '../oc/use-oc-runtime';
import { validateWallLayout } from '../walls/wall-layout';
import { widgetRegistry } from '../widgets/registry';
import { applyKioskChrome, KioskRecovery } from './kiosk';
import { WallReadiness } from './readiness';
import { useWallRuntime } from './use-wall-runtime';
import { useWallState } from './use-wall-state';
import { msToNextTurn, screenPlacement, shownTiles } from './wall-view';
import { WallHeader } from './WallHeader';
import { WallTile } from './WallTile';

/** Page parameters of a wall screen: `?screen=N` (which physical screen), `?kiosk=1`. */
function screenParams(): { screen: number; kiosk: boolean } {
  const search = new URLSearchParams(window.location.search);
  return { screen: Number(search.get('screen') ?? 0), kiosk: search.get('kiosk') === '1' };
}

export function WallPage({ wallId }: { wallId: string }) {
  const { t } = useI18n();
  const { runtime, data } = useWallRuntime();
  const connection = useConnectionState(runtime?.live ?? null);
  const wall = useWallState(runtime?.live ?? null, wallId);
  const [{ screen, kiosk }] = useState(screenParams);

  useEffect(() => applyKioskChrome(kiosk), [kiosk]);
  const recovery = useMemo(() => new KioskRecovery(), []);
  useEffect(() => () => recovery.stop(), [recovery]);
  useEffect(() => recovery.onConnection(connection), [recovery, connection]);

  if (wall.status === 'loading') return <div className="page-message">{t('data.loading')}</div>;
  if (wall.status === 'not-found') return <div className="page-message">{t('app.notFound', { id: wallId })}</div>;
  if (wall.status === 'error') return <div className="page-message page-message--error">{t('data.error', { message: wall.message })}</div>;
  return <WallScreen state={wall.state} screen={screen} connection={connection} data={data} live={runtime?.live ?? null} />;
}

function WallScreen({ state, screen, connection, data, live }: { state: WallState; screen: number; connection: ReturnType<typeof useConnectionState>; data: ReturnType<typeof useWallRuntime>['data']; live: LiveClient | null }) {
  const { pick } = useI18n();
  const errors = useMemo(() => validateWallLayout(state.layout, widgetRegistry), [state.layout]);
  const placement = useMemo(() => screenPlacement(state.layout, screen), [state.layout, screen]);
  // The playlist turns by the clock; re-render at each turn.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const wait = msToNextTurn(state, now);
    if (wait === null) return;
    const timer = setTimeout(() => setNow(Date.now()), wait + 20);
    return () => clearTimeout(timer);
  }, [state, now]);
  const { sceneId, tiles } = useMemo(() => shownTiles(state, placement, now), [state, placement, now]);
  const tileKeys = tiles.map((tile) => tile.key).join('|');
  const [readiness] = useState(() => new WallReadiness([]));
  useEffect(() => readiness.attach(), [readiness]);
  useEffect(() => readiness.setTiles(tileKeys.split('|').filter(Boolean)), [readiness, tileKeys]);
  const onTileReady = useCallback((key: string) => readiness.markReady(key), [readiness]);
  // KPI values (province level) for the sectors whose KPIs the shown tiles name, pushed ones included:
  // the one KPI source of every KPI widget on a wall, as the OC page's store is on a sector page.
  const kpiSectors = useMemo(() => [...new Set(tiles.map((tile) => tile.options?.kpi).filter((k): k is string => typeof k === 'string' && k.includes('.')).map((k) => k.split('.')[0]!))].sort(), [tileKeys]);
  const kpis = useKpiStore(live, kpiSectors, null);

  if (errors.length > 0) {
    return (
      <ul className="page-message page-message--error">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    );
  }
  const { layout } = state;
  const scene = sceneId === null ? null : layout.scenes?.find((s) => s.id === sceneId) ?? null;
  const gridStyle = {
    gridTemplateColumns: `repeat(${layout.grid.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${layout.grid.rows}, minmax(0, 1fr))`,
    // The grid spans every screen of the wall; each browser shows its own part of it.
    width: `${placement.columns * 100}%`,
    height: `${placement.rows * 100}%`,
    transform: `translate(${(-placement.column / placement.columns) * 100}%, ${(-placement.row / placement.rows) * 100}%)`,
  };
  return (
    <div className="wall" data-wall={layout.id} data-scene={sceneId ?? ''} data-screen={placement.index} data-revision={state.revision}>
      <WallHeader connection={connection} lastUpdateAt={data.lastUpdateAt} scene={scene ? pick(scene.name) : null} screen={placement.columns * placement.rows > 1 ? placement.index + 1 : null} />
      <div className="wall-viewport">
        <main className="wall-grid" style={gridStyle}>
          {tiles.map((tile) => (
            <WallTile key={tile.key} tile={tile} widget={widgetRegistry.get(tile.widget)!} data={data} kpis={kpis} live={live ?? undefined} readyKey={tile.key} onTileReady={onTileReady} pushed={tile.pushed} />
          ))}
        </main>
      </div>
    </div>
  );
}
