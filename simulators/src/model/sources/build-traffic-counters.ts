import { placeInside } from '../placement.js';
import { pointAlong, ROADS } from '../roads.js';
import type { RoadId } from '../source-profile.js';
import { modelledSource, pad, type BuildContext, type ModelledSource } from './modelled-source.js';

/** Counter stations as fractions of each road's length, and the road's traffic character. */
const COUNTER_LAYOUT: Record<RoadId, { fractions: number[]; peakVehiclesPerMin: number; freeFlowKmh: number; heavySharePct: number }> = {
  QL13: { fractions: [0.1, 0.3, 0.5, 0.7, 0.9], peakVehiclesPerMin: 55, freeFlowKmh: 70, heavySharePct: 30 },
  QL14: { fractions: [0.07, 0.22, 0.38, 0.52, 0.65, 0.8, 0.93], peakVehiclesPerMin: 48, freeFlowKmh: 70, heavySharePct: 26 },
  DT741: { fractions: [0.08, 0.22, 0.36, 0.5, 0.68, 0.86], peakVehiclesPerMin: 32, freeFlowKmh: 60, heavySharePct: 18 },
};

/** Automatic traffic counters along QL13, QL14 and ĐT741: tc-ql13-01, tc-dt741-03, ... */
export function buildTrafficCounters(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('counters');
  const out: ModelledSource[] = [];
  for (const roadId of Object.keys(COUNTER_LAYOUT) as RoadId[]) {
    const road = ROADS[roadId];
    const layout = COUNTER_LAYOUT[roadId];
    layout.fractions.forEach((fraction, k) => {
      const placement = placeInside(ctx.regions, 'bp', pointAlong(road, fraction));
      const commune = ctx.regions.get(placement.regionId).properties.name;
      out.push(
        modelledSource(
          {
            id: `tc-${roadId.toLowerCase()}-${pad(k + 1, 2)}`,
            sector: 'traffic',
            kind: 'counter',
            name: `Trạm đếm xe ${road.name} – ${commune}`,
            placement,
            attributes: { road: road.name, roadId, lanes: roadId === 'DT741' ? 2 : 4, direction: 'both' },
            behaviour: {
              behaviour: 'traffic-counter',
              road: roadId,
              peakVehiclesPerMin: Math.round(layout.peakVehiclesPerMin * random.float(0.75, 1.2)),
              freeFlowKmh: layout.freeFlowKmh,
              heavySharePct: Math.round(layout.heavySharePct * random.float(0.8, 1.2)),
            },
          },
          ctx.seed,
        ),
      );
    });
  }
  return out;
}
