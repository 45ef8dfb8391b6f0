import { asciiSlug } from '../../geo/ascii-slug.js';
import { DISTRICT_TYPE_NAME, DISTRICTS } from '../../geo/binh-phuoc-units.js';
import { districtByCode, districtId } from '../../geo/region-ids.js';
import { placeNear } from '../placement.js';
import { profileCount, profileParams } from '../sector-manifests.js';
import { modelledSource, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

interface HospitalPlan {
  id: string;
  name: string;
  district: string;
  level: 'provincial' | 'district' | 'sector';
  beds: number;
  icuBeds: number;
}

/** Beds of each district health centre (approximate, by population served). */
const CENTRE_BEDS: Record<string, number> = { dx: 100, pl: 250, bl: 250, ct: 150, hq: 120, dp: 160, bd: 250, pr: 120, ln: 220, bgm: 120, bdp: 130 };

/**
 * The provincial general hospital, the traditional-medicine hospital, the 11 district health
 * centres (Trung tâm Y tế) and two rubber-company hospitals (004:l672-706).
 */
const HOSPITALS: HospitalPlan[] = [
  { id: 'hosp-bvdk-tinh', name: 'Bệnh viện Đa khoa tỉnh Bình Phước', district: 'dx', level: 'provincial', beds: 900, icuBeds: 40 },
  { id: 'hosp-yhct-tinh', name: 'Bệnh viện Y học cổ truyền tỉnh Bình Phước', district: 'dx', level: 'provincial', beds: 200, icuBeds: 2 },
  ...DISTRICTS.map((d): HospitalPlan => ({
    id: `hosp-ttyt-${asciiSlug(d.baseName)}`,
    name: `Trung tâm Y tế ${DISTRICT_TYPE_NAME[d.type].vi.toLowerCase()} ${d.baseName}`,
    district: d.code,
    level: 'district',
    beds: CENTRE_BEDS[d.code] ?? 120,
    icuBeds: Math.round((CENTRE_BEDS[d.code] ?? 120) / 25),
  })),
  { id: 'hosp-cao-su-phu-rieng', name: 'Bệnh viện Đa khoa Cao su Phú Riềng', district: 'pr', level: 'sector', beds: 150, icuBeds: 4 },
  { id: 'hosp-cao-su-binh-long', name: 'Bệnh viện Đa khoa Cao su Bình Long', district: 'hq', level: 'sector', beds: 120, icuBeds: 3 },
];

/** Hospitals and health centres reporting their bed census (sector health, kind hospital). */
export function buildHospitals(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('hospitals');
  const p = profileParams('health', 'hospital', { poisoningPerDayPer100Beds: 0.3, deathsPerDayPer100Beds: 0.12, poisoningClustersPerYear: 3 });
  const plan = takeCount(HOSPITALS, profileCount('health', 'hospital', HOSPITALS.length), 'hospitals');
  const totalBeds = plan.reduce((s, h) => s + h.beds, 0);
  return plan.map((h) => {
    const district = districtByCode(h.district);
    // Daily visits scale with beds: about 2.5 outpatient visits per bed is typical here.
    const dailyVisits = Math.round(h.beds * random.float(2.0, 2.8));
    return modelledSource(
      {
        id: h.id,
        sector: 'health',
        kind: 'hospital',
        name: h.name,
        placement: placeNear(ctx.regions, districtId(district), district.center, 0.015, random),
        attributes: { level: h.level, beds: h.beds, icuBeds: h.icuBeds },
        behaviour: {
          behaviour: 'hospital',
          beds: h.beds,
          icuBeds: h.icuBeds,
          dailyVisits,
          dailyEmergencies: Math.max(5, Math.round(dailyVisits * random.float(0.04, 0.07))),
          baseOccupancy: h.level === 'provincial' ? random.float(0.98, 1.12) : random.float(0.75, 0.95),
          dailyPoisonings: (h.beds / 100) * p.poisoningPerDayPer100Beds,
          dailyDeaths: (h.beds / 100) * p.deathsPerDayPer100Beds,
          // Clusters go to a hospital in proportion to its beds (the catchment it serves).
          clusterChancePerDay: (p.poisoningClustersPerYear / 365) * (h.beds / totalBeds),
        },
      },
      ctx.seed,
    );
  });
}
