import { DISTRICTS, type DistrictUnit } from '../../geo/binh-phuoc-units.js';
import { communeId, communeSlug } from '../../geo/region-ids.js';
import { placeNear } from '../placement.js';
import { profileCount, profileParams } from '../sector-manifests.js';
import type { SchoolLevel } from '../source-profile.js';
import { modelledSource, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

interface SchoolPlan {
  district: DistrictUnit;
  /** Commune base name; the school sits in that commune. */
  commune: string;
  level: SchoolLevel;
  name: string;
  specialised?: boolean;
}

const LEVEL_CODE: Record<SchoolLevel, string> = { primary: 'th', 'lower-secondary': 'thcs', 'upper-secondary': 'thpt' };
const LEVEL_NAME: Record<SchoolLevel, string> = { primary: 'Trường Tiểu học', 'lower-secondary': 'Trường THCS', 'upper-secondary': 'Trường THPT' };
const ENROLMENT: Record<SchoolLevel, [number, number]> = { primary: [280, 850], 'lower-secondary': [350, 1000], 'upper-secondary': [900, 1700] };

/**
 * A sample of the province's 438 schools (004:l610-614): a primary school in every commune, a
 * lower-secondary school in every other commune, an upper-secondary school at every district
 * seat, and the two specialised upper-secondary schools.
 */
function schoolPlan(): SchoolPlan[] {
  const plan: SchoolPlan[] = [];
  for (const district of DISTRICTS) {
    district.communes.forEach((c, k) => {
      plan.push({ district, commune: c.baseName, level: 'primary', name: `${LEVEL_NAME.primary} ${c.baseName}` });
      if (k % 2 === 0) plan.push({ district, commune: c.baseName, level: 'lower-secondary', name: `${LEVEL_NAME['lower-secondary']} ${c.baseName}` });
    });
    const seat = district.communes[0];
    if (seat) plan.push({ district, commune: seat.baseName, level: 'upper-secondary', name: `${LEVEL_NAME['upper-secondary']} ${district.baseName}` });
  }
  const dx = DISTRICTS.find((d) => d.code === 'dx');
  const bl = DISTRICTS.find((d) => d.code === 'bl');
  if (dx) plan.push({ district: dx, commune: 'Tân Bình', level: 'upper-secondary', name: 'Trường THPT chuyên Quang Trung', specialised: true });
  if (bl) plan.push({ district: bl, commune: 'An Lộc', level: 'upper-secondary', name: 'Trường THPT chuyên Bình Long', specialised: true });
  return plan;
}

/** Schools reporting attendance from smart student cards: sch-dx-tan-phu-th, sch-bl-an-loc-thpt-chuyen, ... */
export function buildSchools(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('schools');
  const p = profileParams('education', 'school', { safetyIncidentsPerSchoolYear: 0.4, safetyCategories: 'violence,accident,disaster' });
  const categories = p.safetyCategories.split(',').map((c) => c.trim()).filter(Boolean);
  const plan = schoolPlan();
  return takeCount(plan, profileCount('education', 'school', plan.length), 'schools').map((s) => {
    const regionId = communeId(s.district, s.commune);
    const center = ctx.regions.get(regionId).properties.center;
    const [lo, hi] = ENROLMENT[s.level];
    const urban = ctx.regions.get(regionId).properties.unitType !== 'commune';
    const enrolled = s.specialised ? random.int(650, 950) : Math.round(random.float(lo, hi) * (urban ? 1.25 : 1));
    return modelledSource(
      {
        id: `sch-${s.district.code}-${communeSlug(s.district, s.commune)}-${LEVEL_CODE[s.level]}${s.specialised ? '-chuyen' : ''}`,
        sector: 'education',
        kind: 'school',
        name: s.name,
        placement: placeNear(ctx.regions, regionId, center, 0.008, random),
        attributes: { level: s.level, enrolled, ...(s.specialised ? { specialised: true } : {}) },
        behaviour: {
          behaviour: 'school',
          level: s.level,
          enrolled,
          baseAttendance: random.float(0.94, 0.985),
          incidentsPerYear: p.safetyIncidentsPerSchoolYear,
          incidentCategories: categories,
        },
      },
      ctx.seed,
    );
  });
}
