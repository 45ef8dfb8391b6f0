import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { useElementSize } from '../app/use-element-size';
import type { WallDataState } from '../store/wall-data-store';
import { useI18n } from '../i18n/i18n-context';
import { tileOptions, type WallTile as WallTileLayout } from '../walls/wall-layout';
import type { RegisteredWidget, WidgetOptions, WidgetProps } from '../widgets/widget-types';
import { TileErrorBoundary } from './TileErrorBoundary';

interface WallTileProps {
  tile: WallTileLayout;
  widget: RegisteredWidget;
  data: WallDataState;
  onTileReady: (tileId: string) => void;
}

type WidgetComponent = ComponentType<WidgetProps<WidgetOptions>>;

export function WallTile({ tile, widget, data, onTileReady }: WallTileProps) {
  const { t, pick } = useI18n();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const [Widget, setWidget] = useState<WidgetComponent | null>(null);
  const [options] = useState(() => tileOptions(tile, widget));
  const onReady = useCallback(() => onTileReady(tile.id), [onTileReady, tile.id]);

  useEffect(() => {
    let cancelled = false;
    void widget.load().then((module) => {
      if (!cancelled) setWidget(() => module.default);
    });
    return () => {
      cancelled = true;
    };
  }, [widget]);

  const placement = { gridColumn: `${tile.x} / span ${tile.w}`, gridRow: `${tile.y} / span ${tile.h}` };
  return (
    <section className="tile" style={placement} data-tile={tile.id}>
      <h2 className="tile__title">{pick(tile.title ?? widget.manifest.name)}</h2>
      <div ref={bodyRef} className="tile__body">
        {data.status === 'error' && <div className="tile-message tile-message--error">{t('data.error', { message: data.error ?? '' })}</div>}
        {data.status === 'loading' && <div className="tile-message">{t('data.loading')}</div>}
        {Widget && size.width > 0 && (
          <TileErrorBoundary fallback={(message) => <div className="tile-message tile-message--error">{message}</div>}>
            <Widget options={options} width={size.width} height={size.height} data={data} onReady={onReady} />
          </TileErrorBoundary>
        )}
      </div>
    </section>
  );
}
