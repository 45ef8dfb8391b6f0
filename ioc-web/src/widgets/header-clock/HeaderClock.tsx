import { useEffect } from 'react';
import { useNow } from '../../app/use-now';
import { useI18n } from '../../i18n/i18n-context';
import type { WidgetProps } from '../widget-types';
import '../widget-kit/widgets.css';
import { clockParts } from './clock-parts';
import type { HeaderClockOptions } from './index';

/** Province name, weekday, date and time in Asia/Ho_Chi_Minh, sized to the tile. */
export default function HeaderClock({ options, width, height, onReady }: WidgetProps<HeaderClockOptions>) {
  const { t, pick, locale } = useI18n();
  const now = useNow(options.seconds ? 1_000 : 15_000);
  useEffect(() => onReady(), [onReady]);
  const parts = clockParts(now, locale, options.seconds);
  const name = options.province ? pick(options.province) : t('clock.province');
  // Time on one line, as large as the tile allows; the name and date share the rest.
  const wide = width > height * 2.6;
  const timePx = Math.round(Math.max(22, Math.min(wide ? height * 0.62 : height * 0.36, (wide ? width * 0.5 : width) / (parts.time.length * 0.62))));
  const textPx = Math.round(Math.max(14, Math.min(timePx * 0.42, 30)));
  return (
    <div className={`header-clock${wide ? ' header-clock--wide' : ''}`} data-testid="header-clock">
      <div className="header-clock__text" style={{ fontSize: textPx }}>
        <div className="header-clock__province">{name}</div>
        <div className="header-clock__date">
          <span>{parts.weekday}</span>, <span className="num" data-testid="header-clock-date">{parts.date}</span>
        </div>
      </div>
      <div className="header-clock__time num" style={{ fontSize: timePx }} data-testid="header-clock-time">
        {parts.time}
      </div>
    </div>
  );
}
