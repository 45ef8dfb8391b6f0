import { asciiSlug } from './ascii-slug.js';
import { DISTRICTS, PROVINCE, type DistrictUnit } from './binh-phuoc-units.js';

/** Region ids of the seed geography: "bp", "bp-dong-xoai", "bp-dong-xoai-tan-phu". */
export const districtId = (d: DistrictUnit): string => `${PROVINCE.id}-${asciiSlug(d.baseName)}`;
export const communeId = (d: DistrictUnit, baseName: string): string => `${districtId(d)}-${communeSlug(d, baseName)}`;

/**
 * ASCII slug of a commune, unique within its district: names that differ only in tone marks
 * (Lộc Thạnh, Lộc Thành) get "-2", "-3" in list order after the first.
 */
export function communeSlug(d: DistrictUnit, baseName: string): string {
  const slug = asciiSlug(baseName);
  const namesakes = d.communes.filter((c) => asciiSlug(c.baseName) === slug).map((c) => c.baseName);
  const rank = namesakes.indexOf(baseName);
  if (rank < 0) throw new Error(`${baseName} is not a commune of ${d.baseName}`);
  return rank === 0 ? slug : `${slug}-${rank + 1}`;
}

export function districtByCode(code: string): DistrictUnit {
  const district = DISTRICTS.find((d) => d.code === code);
  if (!district) throw new Error(`unknown district code ${code}`);
  return district;
}
