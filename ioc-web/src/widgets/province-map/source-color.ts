import type { SectorManifest } from '@ioc/sdk';
import type { SourceWithState } from '../../api/types';
import type { Rgba } from '../../colors/color';
import { SOURCE_STATE_COLORS } from '../../colors/source-state';
import { vnAqiBand } from '../../colors/vn-aqi';
import { expectedIntervalS, isStale } from '../../store/staleness';
import type { LatestValue } from '../../store/wall-data-store';

export interface ColorBy {
  sector: string;
  metric: string;
  scale: 'vn-aqi';
}

/**
 * A source's dot colour: its value on the scale when it has a fresh value of the metric,
 * otherwise its connection state — an old AQI colour would tell operators the air is fine.
 */
export function sourceFillColor(
  source: SourceWithState,
  value: LatestValue | undefined,
  colorBy: ColorBy | null,
  sectors: ReadonlyMap<string, SectorManifest>,
  now: number,
): Rgba {
  const scaled =
    colorBy !== null &&
    source.sector === colorBy.sector &&
    value !== undefined &&
    source.state !== 'offline' &&
    !isStale(value.ts, expectedIntervalS(sectors, source.sector, source.kind), now);
  if (scaled) return vnAqiBand(value.value).color;
  return SOURCE_STATE_COLORS[source.state];
}
