import type { MessageKey } from '../i18n';
import type { Rgba } from './color';

export interface AqiBand {
  /** Inclusive upper bound of the band. */
  max: number;
  label: MessageKey;
  color: Rgba;
}

/**
 * VN_AQI bands and colours of Decision 1459/QĐ-TCMT (2019) of the Vietnam Environment
 * Administration, which is what the provincial environment department publishes.
 */
export const VN_AQI_BANDS: readonly AqiBand[] = [
  { max: 50, label: 'aqi.good', color: [0, 228, 0, 255] },
  { max: 100, label: 'aqi.moderate', color: [255, 255, 0, 255] },
  { max: 150, label: 'aqi.poor', color: [255, 126, 0, 255] },
  { max: 200, label: 'aqi.bad', color: [255, 0, 0, 255] },
  { max: 300, label: 'aqi.veryBad', color: [143, 63, 151, 255] },
  { max: Number.POSITIVE_INFINITY, label: 'aqi.hazardous', color: [126, 0, 35, 255] },
];

/** The band an AQI value falls into; values are rounded first, as the index is published as an integer. */
export function vnAqiBand(aqi: number): AqiBand {
  const rounded = Math.max(0, Math.round(aqi));
  return VN_AQI_BANDS.find((band) => rounded <= band.max) ?? VN_AQI_BANDS[VN_AQI_BANDS.length - 1]!;
}
