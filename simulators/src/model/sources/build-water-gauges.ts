import type { Position } from '../../geo/polygon.js';
import { placeInside } from '../placement.js';
import type { WaterGaugeProfile } from '../source-profile.js';
import { modelledSource, type BuildContext, type ModelledSource } from './modelled-source.js';

interface GaugeSite {
  id: string;
  name: string;
  waterBody: WaterGaugeProfile['waterBody'];
  /** River or lake, as named locally. */
  water: string;
  at: Position;
  /** Elevation of the gauge's zero, m above sea level (levels are reported above it). */
  gaugeZeroMasl: number;
  lowLevelM: number;
  seasonalRiseM: number;
  rainResponseM: number;
}

/**
 * Water-level gauges on the province's rivers and reservoirs. Levels are reported above each
 * gauge's zero so that every value fits the manifest's range (Thác Mơ's normal water level is
 * about 218 m above sea level); the zero's elevation is in the attributes.
 */
const GAUGES: GaugeSite[] = [
  { id: 'wl-ho-thac-mo', name: 'Trạm đo mực nước hồ Thác Mơ', waterBody: 'reservoir', water: 'Hồ Thác Mơ', at: [107.01, 11.865], gaugeZeroMasl: 198, lowLevelM: 4, seasonalRiseM: 15, rainResponseM: 0.05 },
  { id: 'wl-ho-can-don', name: 'Trạm đo mực nước hồ Cần Đơn', waterBody: 'reservoir', water: 'Hồ Cần Đơn', at: [106.86, 11.97], gaugeZeroMasl: 100, lowLevelM: 4.5, seasonalRiseM: 5, rainResponseM: 0.08 },
  { id: 'wl-ho-srok-phu-mieng', name: 'Trạm đo mực nước hồ Srok Phu Miêng', waterBody: 'reservoir', water: 'Hồ Srok Phu Miêng', at: [106.8, 11.63], gaugeZeroMasl: 66, lowLevelM: 2.5, seasonalRiseM: 4, rainResponseM: 0.08 },
  { id: 'wl-ho-phuoc-hoa', name: 'Trạm đo mực nước hồ Phước Hòa', waterBody: 'reservoir', water: 'Hồ Phước Hòa', at: [106.76, 11.36], gaugeZeroMasl: 38, lowLevelM: 1.5, seasonalRiseM: 3.5, rainResponseM: 0.06 },
  { id: 'wl-ho-suoi-giai', name: 'Trạm đo mực nước hồ Suối Giai', waterBody: 'reservoir', water: 'Hồ Suối Giai', at: [107.0, 11.5], gaugeZeroMasl: 70, lowLevelM: 1.8, seasonalRiseM: 3, rainResponseM: 0.1 },
  { id: 'wl-ho-suoi-cam', name: 'Trạm đo mực nước hồ Suối Cam', waterBody: 'reservoir', water: 'Hồ Suối Cam', at: [106.885, 11.545], gaugeZeroMasl: 75, lowLevelM: 1.2, seasonalRiseM: 1.5, rainResponseM: 0.12 },
  { id: 'wl-song-be-phu-van', name: 'Trạm thủy văn sông Bé – Phú Văn', waterBody: 'river', water: 'Sông Bé', at: [107.08, 11.98], gaugeZeroMasl: 230, lowLevelM: 0.8, seasonalRiseM: 2.5, rainResponseM: 0.35 },
  { id: 'wl-song-be-phuoc-long', name: 'Trạm thủy văn sông Bé – Phước Long', waterBody: 'river', water: 'Sông Bé', at: [106.975, 11.825], gaugeZeroMasl: 150, lowLevelM: 1, seasonalRiseM: 3, rainResponseM: 0.3 },
  { id: 'wl-song-be-dong-phu', name: 'Trạm thủy văn sông Bé – Đồng Phú', waterBody: 'river', water: 'Sông Bé', at: [106.8, 11.48], gaugeZeroMasl: 40, lowLevelM: 1.2, seasonalRiseM: 3.5, rainResponseM: 0.3 },
  { id: 'wl-song-dong-nai-bu-dang', name: 'Trạm thủy văn sông Đồng Nai – Bù Đăng', waterBody: 'river', water: 'Sông Đồng Nai', at: [107.34, 11.6], gaugeZeroMasl: 120, lowLevelM: 1.5, seasonalRiseM: 4, rainResponseM: 0.4 },
  { id: 'wl-song-sai-gon-loc-ninh', name: 'Trạm thủy văn sông Sài Gòn – Lộc Ninh', waterBody: 'river', water: 'Sông Sài Gòn', at: [106.47, 11.8], gaugeZeroMasl: 60, lowLevelM: 0.6, seasonalRiseM: 2.5, rainResponseM: 0.35 },
  { id: 'wl-song-sai-gon-hon-quan', name: 'Trạm thủy văn sông Sài Gòn – Hớn Quản', waterBody: 'river', water: 'Sông Sài Gòn', at: [106.5, 11.52], gaugeZeroMasl: 35, lowLevelM: 0.8, seasonalRiseM: 3, rainResponseM: 0.35 },
  { id: 'wl-song-mang-loc-ninh', name: 'Trạm thủy văn sông Măng – Lộc Ninh', waterBody: 'river', water: 'Sông Măng', at: [106.62, 11.92], gaugeZeroMasl: 70, lowLevelM: 0.4, seasonalRiseM: 1.8, rainResponseM: 0.4 },
];

/** Water-level gauges on rivers and reservoirs (flood and drought monitoring, 004:l6400-6408). */
export function buildWaterGauges(ctx: BuildContext): ModelledSource[] {
  return GAUGES.map((g) =>
    modelledSource(
      {
        id: g.id,
        sector: 'environment',
        kind: 'water-level',
        name: g.name,
        placement: placeInside(ctx.regions, 'bp', g.at),
        attributes: { waterBody: g.waterBody, water: g.water, datum: 'gauge-zero', gaugeZeroMasl: g.gaugeZeroMasl },
        behaviour: { behaviour: 'water-level', waterBody: g.waterBody, lowLevelM: g.lowLevelM, seasonalRiseM: g.seasonalRiseM, rainResponseM: g.rainResponseM },
      },
      ctx.seed,
    ),
  );
}
