import { useCallback, useEffect, useMemo } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useConnectionState } from '../live/use-connection-state';
import { wallLayouts } from '../walls';
import { validateWallLayout } from '../walls/wall-layout';
import { widgetRegistry } from '../widgets/registry';
import { WallReadiness } from './readiness';
import { useWallRuntime } from './use-wall-runtime';
import { WallHeader } from './WallHeader';
import { WallTile } from './WallTile';

export function WallPage({ wallId }: { wallId: string }) {
  const { t } = useI18n();
  const layout = wallLayouts.get(wallId);
  const errors = useMemo(() => (layout ? validateWallLayout(layout, widgetRegistry) : []), [layout]);
  const readiness = useMemo(() => new WallReadiness(layout?.tiles.map((tile) => tile.id) ?? []), [layout]);
  useEffect(() => readiness.attach(), [readiness]);
  const onTileReady = useCallback((tileId: string) => readiness.markReady(tileId), [readiness]);
  const { runtime, data } = useWallRuntime();
  const connection = useConnectionState(runtime?.live ?? null);

  if (!layout) return <div className="page-message">{t('app.notFound', { id: wallId })}</div>;
  if (errors.length > 0) {
    return (
      <ul className="page-message page-message--error">
        {errors.map((error) => (
          <li key={error}>{error}</li>
        ))}
      </ul>
    );
  }
  return (
    <div className="wall">
      <WallHeader connection={connection} lastUpdateAt={data.lastUpdateAt} />
      <main className="wall-grid" style={{ gridTemplateColumns: `repeat(${layout.grid.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${layout.grid.rows}, minmax(0, 1fr))` }}>
        {layout.tiles.map((tile) => (
          <WallTile key={tile.id} tile={tile} widget={widgetRegistry.get(tile.widget)!} data={data} onTileReady={onTileReady} />
        ))}
      </main>
    </div>
  );
}
