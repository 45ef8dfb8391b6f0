import { DISTRICTS } from '../../geo/binh-phuoc-units.js';
import { asciiSlug } from '../../geo/ascii-slug.js';
import { districtByCode, districtId } from '../../geo/region-ids.js';
import { placeNear } from '../placement.js';
import { modelledSource, type BuildContext, type ModelledSource } from './modelled-source.js';

type Setting = 'urban' | 'industrial' | 'rural' | 'forest';

/** One station at every district seat, plus stations by industrial parks and one forest background station. */
const EXTRA_STATIONS: Array<{ district: string; label: string; setting: Setting; radiusDeg: number }> = [
  { district: 'dx', label: 'KCN Đồng Xoài', setting: 'industrial', radiusDeg: 0.05 },
  { district: 'ct', label: 'KCN Minh Hưng – Hàn Quốc', setting: 'industrial', radiusDeg: 0.06 },
  { district: 'dp', label: 'KCN Bắc Đồng Phú', setting: 'industrial', radiusDeg: 0.06 },
  { district: 'bgm', label: 'Vườn quốc gia Bù Gia Mập', setting: 'forest', radiusDeg: 0.12 },
];

/** Typical PM2.5 (µg/m³) in the rainy season by setting; the dry season adds to it. */
const BASE_PM25: Record<Setting, number> = { urban: 20, industrial: 28, rural: 14, forest: 8 };

/** Automatic air-quality stations: aq-dong-xoai-1, aq-dong-xoai-2, ... */
export function buildAirStations(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('air');
  const seats = DISTRICTS.map((d) => ({ district: d.code, label: `trung tâm ${d.baseName}`, setting: (d.type === 'district' ? 'rural' : 'urban') as Setting, radiusDeg: 0.012 }));
  const perDistrict = new Map<string, number>();
  return [...seats, ...EXTRA_STATIONS].map((station) => {
    const district = districtByCode(station.district);
    const n = (perDistrict.get(district.code) ?? 0) + 1;
    perDistrict.set(district.code, n);
    const placement = placeNear(ctx.regions, districtId(district), district.center, station.radiusDeg, random);
    return modelledSource(
      {
        id: `aq-${asciiSlug(district.baseName)}-${n}`,
        sector: 'environment',
        kind: 'air-station',
        name: `Trạm quan trắc không khí ${station.label}`,
        placement,
        attributes: { setting: station.setting, standard: 'QCVN 05:2023/BTNMT' },
        behaviour: {
          behaviour: 'air-station',
          basePm25: Math.round(BASE_PM25[station.setting] * random.float(0.85, 1.15)),
          heatIslandC: station.setting === 'urban' ? 0.8 : station.setting === 'industrial' ? 0.5 : station.setting === 'forest' ? -0.8 : 0,
        },
      },
      ctx.seed,
    );
  });
}
