import type { SourceDefinition, UnitType } from '@ioc/sdk';
import { DISTRICTS, type DistrictUnit } from '../geo/binh-phuoc-units.js';
import { districtId } from '../geo/region-ids.js';
import { hashSeed, seededRandom } from '../random/seeded-random.js';
import { placeNear } from '../model/placement.js';
import type { RegionIndex } from '../model/region-index.js';
import { pad } from '../model/sources/modelled-source.js';

/** Stations of each kind of force per district-level unit (approximate, from public structure). */
interface Station {
  unitType: UnitType;
  /** How many units the station keeps. */
  count: number;
  name: string;
  /** Radio call-sign prefix: 113 police, 114 fire and rescue, 115 ambulance. */
  prefix: string;
  cruiseKmh: number;
}

/**
 * Every district-level unit has a police patrol (113) and an ambulance of its health centre
 * (115); fire and rescue teams (114) sit in the city, the towns and the larger districts;
 * search-and-rescue (flood) teams of the military command along the rivers; environment
 * inspection teams in Đồng Xoài. 41 units in all.
 */
function stationsOf(d: DistrictUnit): Station[] {
  const out: Station[] = [
    { unitType: 'police', count: d.code === 'dx' ? 3 : 1, name: `Tổ tuần tra 113 Công an ${d.baseName}`, prefix: 'CA113', cruiseKmh: 55 },
    { unitType: 'medical', count: 1, name: `Xe cấp cứu 115 TTYT ${d.baseName}`, prefix: 'CC115', cruiseKmh: 50 },
  ];
  if (['dx', 'pl', 'bl', 'ct', 'bd', 'dp', 'ln'].includes(d.code)) out.push({ unitType: 'fire', count: d.code === 'dx' ? 2 : 1, name: `Đội Cảnh sát PCCC&CNCH ${d.baseName}`, prefix: 'PC114', cruiseKmh: 40 });
  if (['dx', 'pl', 'bd', 'ln', 'hq', 'bgm'].includes(d.code)) out.push({ unitType: 'rescue', count: 1, name: `Đội cứu hộ cứu nạn ${d.baseName}`, prefix: 'CH', cruiseKmh: 40 });
  if (d.code === 'dx') out.push({ unitType: 'environment', count: 3, name: 'Đoàn kiểm tra môi trường Sở TN&MT', prefix: 'MT', cruiseKmh: 35 });
  return out;
}

/** The response units of the province, deterministic for a seed (the server registers exactly these). */
export function buildUnits(regions: RegionIndex, seed: number, count = 41): SourceDefinition[] {
  const random = seededRandom(hashSeed(seed, 'dispatch-units'));
  const units: SourceDefinition[] = [];
  for (const d of DISTRICTS) {
    for (const st of stationsOf(d)) {
      for (let i = 1; i <= st.count; i++) {
        const place = placeNear(regions, districtId(d), d.center, 0.02, random);
        const id = `unit-${d.code}-${st.unitType}-${pad(i, 2)}`;
        units.push({
          id,
          sector: 'dispatch',
          kind: 'unit',
          name: st.count > 1 ? `${st.name} (${i})` : st.name,
          regionId: place.regionId,
          lon: place.lon,
          lat: place.lat,
          attributes: { unitType: st.unitType, callSign: `${st.prefix}-${d.code.toUpperCase()}-${pad(i, 2)}`, cruiseKmh: st.cruiseKmh, station: st.name },
        });
      }
    }
  }
  return units.slice(0, count);
}
