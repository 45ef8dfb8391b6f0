import { toCss } from '../../colors/color';
import { SOURCE_STATE_COLORS, SOURCE_STATE_LABELS } from '../../colors/source-state';
import { VN_AQI_BANDS } from '../../colors/vn-aqi';
import { useI18n } from '../../i18n/i18n-context';

interface MapLegendProps {
  /** Title of the value scale; null when the dots show only their state. */
  colorTitle: string | null;
  approximateBoundaries: boolean;
}

/** Colour keys for the dots: the metric scale, then the state colours used for everything else. */
export function MapLegend({ colorTitle, approximateBoundaries }: MapLegendProps) {
  const { t } = useI18n();
  return (
    <div className="map-legend">
      {colorTitle !== null && (
        <>
          <div className="map-legend__title">{colorTitle}</div>
          {VN_AQI_BANDS.map((band) => (
            <div className="map-legend__row" key={band.label}>
              <span className="map-legend__swatch" style={{ background: toCss(band.color) }} />
              {t(band.label)}
            </div>
          ))}
        </>
      )}
      <div className="map-legend__title">{t('map.legend.sources')}</div>
      {(['online', 'stale', 'offline'] as const).map((state) => (
        <div className="map-legend__row" key={state}>
          <span className="map-legend__swatch map-legend__swatch--dot" style={{ background: toCss(SOURCE_STATE_COLORS[state]) }} />
          {t(SOURCE_STATE_LABELS[state])}
        </div>
      ))}
      {approximateBoundaries && <div className="map-legend__note">{t('map.approximate')}</div>}
    </div>
  );
}
