import type { KpiBreakdownResponse } from '@ioc/sdk';
import type { Rgba } from '../../colors/color';

/** Five classes, from the good end to the bad end of a KPI. */
export const CHOROPLETH_RAMP: readonly Rgba[] = [
  [22, 163, 74, 235],
  [132, 204, 22, 235],
  [234, 179, 8, 235],
  [249, 115, 22, 235],
  [220, 38, 38, 235],
];
/** A region without a value. */
export const CHOROPLETH_NO_DATA: Rgba = [51, 65, 85, 200];

export interface ChoroplethScale {
  /** Class bounds: class k holds [breaks[k], breaks[k+1]]. */
  breaks: number[];
  /** Colours in the order of the classes (low value first). */
  colors: Rgba[];
  /** Region id → fill colour. */
  fill: Map<string, Rgba>;
  values: Map<string, number>;
}

/**
 * Equal-interval classes over the regions' values; colours run from good to bad in the KPI's
 * direction (`lower` is better: high values red; otherwise low values red). One value only
 * gets the middle colour.
 */
export function choroplethScale(breakdown: Pick<KpiBreakdownResponse, 'items'>, direction: 'higher' | 'lower' | string | undefined): ChoroplethScale {
  const values = new Map<string, number>();
  for (const item of breakdown.items) if (item.value?.value !== null && item.value?.value !== undefined) values.set(item.regionId, item.value.value);
  const colors = direction === 'lower' ? [...CHOROPLETH_RAMP] : [...CHOROPLETH_RAMP].reverse();
  const all = [...values.values()];
  const min = all.length ? Math.min(...all) : 0;
  const max = all.length ? Math.max(...all) : 0;
  const k = colors.length;
  const breaks = Array.from({ length: k + 1 }, (_, i) => min + ((max - min) * i) / k);
  const fill = new Map<string, Rgba>();
  for (const [id, v] of values) {
    const cls = max === min ? Math.floor(k / 2) : Math.min(k - 1, Math.floor(((v - min) / (max - min)) * k));
    fill.set(id, colors[cls]!);
  }
  return { breaks, colors, fill, values };
}
