import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { LocalizedText } from '@ioc/sdk';
import type { OcTile } from './oc-layout';

/** Names of widgets module layouts already plan for, so their placeholders say what will be there (none left today). */
const PLANNED_WIDGETS: Record<string, LocalizedText> = {};

/** A widget the layout names but the web app does not have yet: a small, clear note instead of a gap. */
export function PlaceholderTile({ tile, onTileReady }: { tile: OcTile; onTileReady: (tileId: string) => void }) {
  const { t, pick } = useI18n();
  const planned = PLANNED_WIDGETS[tile.widget];
  useEffect(() => onTileReady(tile.id), [onTileReady, tile.id]);
  return (
    <section
      className="tile tile--placeholder"
      style={{ gridColumn: `${tile.x} / span ${tile.w}`, gridRow: `${tile.y} / span ${tile.h}` }}
      data-tile={tile.id}
      data-widget={tile.widget}
      data-placeholder="true"
    >
      <h2 className="tile__title">{planned ? pick(planned) : tile.widget}</h2>
      <div className="tile__body">
        <div className="tile-message" title={t('widget.notImplemented', { id: tile.widget })}>
          <span className="placeholder-note">{t('widget.placeholder')}</span>
        </div>
      </div>
    </section>
  );
}
