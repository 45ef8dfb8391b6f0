import { useNow } from '../app/use-now';
import { formatClockTime, formatLongDate } from '../format/format';
import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from '../live/live-client';

interface WallHeaderProps {
  connection: ConnectionState;
  lastUpdateAt: number | null;
  /** Name of the scene on show (null: the wall's home tiles). */
  scene?: string | null;
  /** 1-based number of this physical screen on a wall of several (null: a single screen). */
  screen?: number | null;
}

export function WallHeader({ connection, lastUpdateAt, scene = null, screen = null }: WallHeaderProps) {
  const { t, locale } = useI18n();
  const now = useNow(1_000);
  return (
    <header className="wall-header">
      <div className="wall-header__emblem" aria-hidden="true" />
      <h1 className="wall-header__title">{t('app.title')}</h1>
      {(scene || screen) && (
        <div className="wall-header__scene" data-testid="scene">
          {scene}
          {scene && screen ? ' · ' : ''}
          {screen ? t('wall.screen', { n: screen }) : ''}
        </div>
      )}
      <div className="wall-header__status">
        <div className={`connection connection--${connection}`} data-testid="connection" data-state={connection}>
          <span className="connection__dot" />
          {t(`connection.${connection}`)}
        </div>
        <div className="wall-header__updated" data-testid="last-update">
          {t('header.lastUpdate')}: {lastUpdateAt === null ? t('header.never') : formatClockTime(lastUpdateAt, locale)}
        </div>
      </div>
      <div className="wall-header__clock">
        <div className="wall-header__time" data-testid="clock">
          {formatClockTime(now, locale)}
        </div>
        <div className="wall-header__date">{formatLongDate(now, locale)}</div>
      </div>
    </header>
  );
}
