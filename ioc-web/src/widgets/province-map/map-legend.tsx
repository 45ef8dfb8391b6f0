import type { ReactElement } from 'react';
import { toCss, type Rgba } from '../../colors/color';
import { SOURCE_STATE_COLORS, SOURCE_STATE_LABELS } from '../../colors/source-state';
import { VN_AQI_BANDS } from '../../colors/vn-aqi';
import { formatNumber } from '../../format/format';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n';
import { CHOROPLETH_NO_DATA, type ChoroplethScale } from './choropleth';
import { CAMERA_COLOR, FEEDBACK_STATE_COLORS, SEVERITY_COLORS, SEVERITY_ORDER, SYNTHETIC_COLOR, UNIT_STATUS_COLORS, UNIT_STATUS_ORDER } from './layer-colors';
import type { MapLayerId } from './map-options';
import './province-map.css';

interface MapLegendProps {
  visible: readonly MapLayerId[];
  /** Title of the value scale of the source dots; null when the dots show only their state. */
  colorTitle: string | null;
  approximateBoundaries: boolean;
  choropleth: { title: string; unit: string; scale: ChoroplethScale | null; decimals: number } | null;
  heatmapTitle: string;
  /** Points on each clustered layer (server total). */
  totals: Partial<Record<MapLayerId, number>>;
}

type Item = { color: Rgba; label: string; dot?: boolean };

function Section({ title, items, note }: { title: string; items: Item[]; note?: string }) {
  return (
    <div className="map-legend__section">
      <div className="map-legend__title">{title}</div>
      <div className="map-legend__items">
        {items.map((item) => (
          <span className="map-legend__item" key={item.label}>
            <span className={`map-legend__swatch${item.dot ? ' map-legend__swatch--dot' : ''}`} style={{ background: toCss(item.color) }} />
            {item.label}
          </span>
        ))}
      </div>
      {note && <div className="map-legend__note">{note}</div>}
    </div>
  );
}

/** One section per visible layer: its colours and what they mean (vi/en). */
export function MapLegend({ visible, colorTitle, approximateBoundaries, choropleth, heatmapTitle, totals }: MapLegendProps) {
  const { t, locale } = useI18n();
  const on = (id: MapLayerId) => visible.includes(id);
  const total = (id: MapLayerId) => (totals[id] !== undefined ? t('map.total', { count: formatNumber(totals[id]!, locale, 0) }) : undefined);
  const sections: ReactElement[] = [];
  if (on('choropleth') && choropleth) {
    const { scale } = choropleth;
    const items: Item[] = scale && scale.values.size > 0
      ? scale.colors.map((color, k) => ({ color, label: `${formatNumber(scale.breaks[k]!, locale, choropleth.decimals)}–${formatNumber(scale.breaks[k + 1]!, locale, choropleth.decimals)}` }))
      : [];
    items.push({ color: CHOROPLETH_NO_DATA, label: t('map.legend.noData') });
    sections.push(<Section key="choropleth" title={`${choropleth.title}${choropleth.unit ? ` (${choropleth.unit})` : ''}`} items={items} />);
  }
  if (on('heatmap')) {
    sections.push(
      <div className="map-legend__section" key="heatmap">
        <div className="map-legend__title">{heatmapTitle}</div>
        <div className="map-legend__ramp-row">
          {t('map.legend.low')}
          <span className="map-legend__ramp" />
          {t('map.legend.high')}
        </div>
      </div>,
    );
  }
  if (on('sources')) {
    if (colorTitle !== null) sections.push(<Section key="aqi" title={colorTitle} items={VN_AQI_BANDS.map((b) => ({ color: b.color, label: t(b.label) }))} />);
    sections.push(<Section key="sources" title={t('map.legend.sources')} items={(['online', 'stale', 'offline'] as const).map((s) => ({ color: SOURCE_STATE_COLORS[s], label: t(SOURCE_STATE_LABELS[s]), dot: true }))} />);
  }
  if (on('cameras')) sections.push(<Section key="cameras" title={t('map.layer.cameras')} note={total('cameras')} items={[{ color: CAMERA_COLOR, label: t('map.legend.camerasOnline'), dot: true }, { color: SOURCE_STATE_COLORS.offline, label: t('map.legend.camerasDown'), dot: true }]} />);
  if (on('feedback')) sections.push(<Section key="feedback" title={t('map.layer.feedback')} note={total('feedback')} items={(['received', 'processing'] as const).map((s) => ({ color: FEEDBACK_STATE_COLORS[s], label: t(`map.feedback.${s}` as MessageKey), dot: true }))} />);
  if (on('synthetic')) sections.push(<Section key="synthetic" title={t('map.layer.synthetic')} note={total('synthetic')} items={[{ color: SYNTHETIC_COLOR, label: t('map.legend.cluster'), dot: true }]} />);
  if (on('incidents')) sections.push(<Section key="incidents" title={t('map.layer.incidents')} items={SEVERITY_ORDER.slice(0, 4).map((s) => ({ color: SEVERITY_COLORS[s], label: t(`map.severity.${s}` as MessageKey), dot: true }))} />);
  if (on('units')) sections.push(<Section key="units" title={t('map.layer.units')} items={UNIT_STATUS_ORDER.map((s) => ({ color: UNIT_STATUS_COLORS[s], label: t(`map.unit.${s}` as MessageKey), dot: true }))} />);
  return (
    <div className="map-legend map-legend--layers">
      {sections}
      {approximateBoundaries && <div className="map-legend__note">{t('map.approximate')}</div>}
    </div>
  );
}
