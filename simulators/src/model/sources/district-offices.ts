import { asciiSlug } from '../../geo/ascii-slug.js';
import { DISTRICT_TYPE_NAME, DISTRICTS, type DistrictUnit } from '../../geo/binh-phuoc-units.js';
import { districtByCode, districtId } from '../../geo/region-ids.js';
import type { Random } from '../../random/seeded-random.js';
import { placeNear, type Placement } from '../placement.js';
import { populationOf } from '../population.js';
import type { BuildContext } from './modelled-source.js';

/** An office of the province or of one district-level unit. */
export interface Office {
  /** `tinh` for a provincial office, the district slug otherwise: kb-tinh, kb-dong-xoai. */
  slug: string;
  district: DistrictUnit;
  provincial: boolean;
  /** "thành phố Đồng Xoài", "huyện Bù Đăng". */
  unitName: string;
  /** People served (the province for a provincial office). */
  population: number;
}

/** "thành phố Đồng Xoài", "thị xã Phước Long", "huyện Bù Đăng". */
export const districtUnitName = (d: DistrictUnit): string => `${DISTRICT_TYPE_NAME[d.type].vi.toLowerCase()} ${d.baseName}`;

export function provincialOffice(slug = 'tinh'): Office {
  return { slug, district: districtByCode('dx'), provincial: true, unitName: 'tỉnh Bình Phước', population: populationOf('bp') };
}

export function districtOffice(d: DistrictUnit): Office {
  return { slug: asciiSlug(d.baseName), district: d, provincial: false, unitName: districtUnitName(d), population: populationOf(districtId(d)) };
}

/** The provincial office followed by one office per district-level unit (12 in all). */
export function provincialAndDistrictOffices(): Office[] {
  return [provincialOffice(), ...DISTRICTS.map(districtOffice)];
}

/** An office stands near its district's seat (the provincial offices in Đồng Xoài's administrative centre). */
export function placeOffice(ctx: BuildContext, office: Office, random: Random): Placement {
  return placeNear(ctx.regions, districtId(office.district), office.district.center, office.provincial ? 0.006 : 0.01, random);
}
