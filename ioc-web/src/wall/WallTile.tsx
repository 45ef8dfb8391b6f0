import type { LocalizedText } from '@ioc/sdk';
import { useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useElementSize } from '../app/use-element-size';
import { useI18n } from '../i18n/i18n-context';
import type { LiveClient } from '../live/live-client';
import { emptyKpiState, type KpiDataState } from '../store/kpi-store';
import type { WallDataState } from '../store/wall-data-store';
import { tileOptions, type WallTile as WallTileLayout } from '../walls/wall-layout';
import { WALL_SCOPE, type DashboardScope, type RegisteredWidget, type WidgetOptions, type WidgetProps } from '../widgets/widget-types';
import { TileErrorBoundary } from './TileErrorBoundary';

interface WallTileProps {
  tile: WallTileLayout;
  widget: RegisteredWidget;
  data: WallDataState;
  /** The page's sector, region and period (the wall: none). */
  scope?: DashboardScope;
  kpis?: KpiDataState;
  /** The page's live connection, handed to widgets that follow their own topics. */
  live?: LiveClient;
  /** Reported to `onTileReady` (default the tile id; a wall uses a key that changes with the scene). */
  readyKey?: string;
  onTileReady: (key: string) => void;
  /** Shown by the operator console instead of the layout's own widget. */
  pushed?: boolean;
}

type WidgetComponent = ComponentType<WidgetProps<WidgetOptions>>;

/** One tile of a wall or OC page: title, lazily loaded widget sized to the tile body. */
export function WallTile({ tile, widget, data, scope = WALL_SCOPE, kpis = emptyKpiState, live, readyKey, onTileReady, pushed = false }: WallTileProps) {
  const { t, pick } = useI18n();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const [Widget, setWidget] = useState<WidgetComponent | null>(null);
  const [titleOverride, setTitleOverride] = useState<LocalizedText | null>(null);
  // The scope changes options only through the sector, which is fixed for a page.
  const options = useMemo(() => tileOptions(tile, widget, scope), [tile, widget, scope.sector]);
  const onReady = useCallback(() => onTileReady(readyKey ?? tile.id), [onTileReady, readyKey, tile.id]);

  useEffect(() => {
    let cancelled = false;
    void widget.load().then((module) => {
      if (!cancelled) setWidget(() => module.default);
    });
    return () => {
      cancelled = true;
    };
  }, [widget]);

  const title = titleOverride ?? tile.title ?? widget.manifest.title?.(options, { sectors: data.sectors, kpis: kpis.infos }) ?? widget.manifest.name;
  const placement = { gridColumn: `${tile.x} / span ${tile.w}`, gridRow: `${tile.y} / span ${tile.h}` };
  return (
    <section className={`tile${tile.w <= 2 ? ' tile--narrow' : ''}${pushed ? ' tile--pushed' : ''}`} style={placement} data-tile={tile.id} data-widget={tile.widget}>
      <h2 className="tile__title" title={pick(title)}>
        {pick(title)}
      </h2>
      <div ref={bodyRef} className="tile__body">
        {data.status === 'error' && <div className="tile-message tile-message--error">{t('data.error', { message: data.error ?? '' })}</div>}
        {data.status === 'loading' && <div className="tile-message">{t('data.loading')}</div>}
        {Widget && size.width > 0 && (
          <TileErrorBoundary fallback={(message) => <div className="tile-message tile-message--error">{message}</div>}>
            <Widget
              options={options}
              width={size.width}
              height={size.height}
              data={data}
              scope={scope}
              kpis={kpis}
              onReady={onReady}
              onTitleChange={setTitleOverride}
              live={live}
            />
          </TileErrorBoundary>
        )}
      </div>
    </section>
  );
}
