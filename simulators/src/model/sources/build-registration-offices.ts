import { DISTRICTS } from '../../geo/binh-phuoc-units.js';
import { profileCount, profileParams } from '../sector-manifests.js';
import { districtOffice, placeOffice, provincialOffice, type Office } from './district-offices.js';
import { modelledSource, shareOut, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

type Desk = Office & { role: 'province' | 'industrial-zones' | 'district' };

/**
 * Investment and business registration: the provincial one-stop investment desk (Đồng Xoài),
 * the Economic Zones Authority that licenses projects in the industrial parks (its desk at
 * Chơn Thành, where the largest parks are), and a desk in every other district. Ids reg-tinh,
 * reg-khu-kinh-te, reg-phuoc-long, ...
 */
function desks(): Desk[] {
  const ct = DISTRICTS.find((d) => d.code === 'ct') ?? DISTRICTS[0];
  return [
    { ...provincialOffice(), role: 'province' },
    { ...districtOffice(ct), slug: 'khu-kinh-te', provincial: false, role: 'industrial-zones' },
    ...DISTRICTS.filter((d) => d.code !== 'dx').map((d): Desk => ({ ...districtOffice(d), role: 'district' })),
  ];
}

export function buildRegistrationOffices(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('registration-offices');
  const p = profileParams('planning', 'registration-office', {
    enterprisesPerYear: 1500,
    projectsPerYear: 140,
    fdiProjectsPerYear: 40,
    fdiMusdPerProject: 15,
    industrialZoneShare: 0.7,
  });
  const list = takeCount(desks(), profileCount('planning', 'registration-office', 12), 'registration desks');
  const domesticPerYear = Math.max(0, p.projectsPerYear - p.fdiProjectsPerYear);
  // Enterprises register with the provincial office; district desks take household-business
  // conversions. Domestic projects split between the province, the parks and the districts; FDI
  // goes to the parks and the provincial desk.
  const districtWeights = list.map((d) => (d.role === 'district' ? d.population : 0));
  const shares = {
    enterprises: mix(list, { province: 0.7, 'industrial-zones': 0.05 }, districtWeights),
    domestic: mix(list, { province: 0.45, 'industrial-zones': 0.25 }, districtWeights),
    fdi: mix(list, { province: 1 - p.industrialZoneShare, 'industrial-zones': p.industrialZoneShare }, districtWeights.map(() => 0)),
  };
  return list.map((desk, k) =>
    modelledSource(
      {
        id: `reg-${desk.slug}`,
        sector: 'planning',
        kind: 'registration-office',
        name:
          desk.role === 'province'
            ? 'Bộ phận đăng ký đầu tư, doanh nghiệp – Sở Kế hoạch và Đầu tư'
            : desk.role === 'industrial-zones'
              ? 'Ban Quản lý các Khu kinh tế tỉnh – bộ phận cấp phép đầu tư'
              : `Bộ phận đăng ký kinh doanh ${desk.unitName}`,
        placement: placeOffice(ctx, desk, random),
        attributes: { role: desk.role, portal: 'dangkykinhdoanh.gov.vn' },
        behaviour: {
          behaviour: 'registration-office',
          enterprisesPerYear: p.enterprisesPerYear * (shares.enterprises[k] ?? 0),
          domesticProjectsPerYear: domesticPerYear * (shares.domestic[k] ?? 0),
          fdiProjectsPerYear: p.fdiProjectsPerYear * (shares.fdi[k] ?? 0),
          fdiMusdPerProject: p.fdiMusdPerProject,
        },
      },
      ctx.seed,
    ),
  );
}

/** Fixed shares for the provincial roles present in the list, the remainder over districts by weight. */
function mix(list: Desk[], fixed: Partial<Record<Desk['role'], number>>, districtWeights: number[]): number[] {
  const present = (role: Desk['role']) => list.some((d) => d.role === role);
  const fixedTotal = (['province', 'industrial-zones'] as const).reduce((s, role) => s + (present(role) ? fixed[role] ?? 0 : 0), 0);
  const rest = shareOut(districtWeights, Math.max(0, 1 - fixedTotal));
  const raw = list.map((d, k) => (d.role === 'district' ? rest[k] ?? 0 : fixed[d.role] ?? 0));
  return shareOut(raw);
}
