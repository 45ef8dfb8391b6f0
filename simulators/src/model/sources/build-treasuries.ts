import { profileCount, profileParams } from '../sector-manifests.js';
import { placeOffice, provincialAndDistrictOffices } from './district-offices.js';
import { modelledSource, shareOut, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

/**
 * State Treasury offices (Kho bạc Nhà nước): the provincial treasury in Đồng Xoài books about
 * half of the province's revenue and spending, the district offices the rest in proportion to
 * the people they serve. Ids kb-tinh, kb-dong-xoai, kb-bu-dang, ...
 */
export function buildTreasuries(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('treasuries');
  const p = profileParams('finance', 'treasury', {
    revenueBnPerYear: 12500,
    expenditureBnPerYear: 15000,
    investmentBnPerYear: 5000,
    provincialShare: 0.5,
    quarterEndSurge: 1.5,
    decemberSurge: 2.2,
  });
  const offices = takeCount(provincialAndDistrictOffices(), profileCount('finance', 'treasury', 12), 'treasury offices');
  const districtShares = shareOut(offices.map((o) => (o.provincial ? 0 : o.population)), offices.some((o) => o.provincial) ? 1 - p.provincialShare : 1);
  return offices.map((office, k) => {
    const share = office.provincial ? p.provincialShare : districtShares[k] ?? 0;
    return modelledSource(
      {
        id: `kb-${office.slug}`,
        sector: 'finance',
        kind: 'treasury',
        name: office.provincial ? 'Kho bạc Nhà nước Bình Phước' : `Kho bạc Nhà nước ${office.unitName}`,
        placement: placeOffice(ctx, office, random),
        attributes: { level: office.provincial ? 'province' : 'district', system: 'TABMIS', sharePct: Math.round(share * 1000) / 10 },
        behaviour: {
          behaviour: 'treasury',
          revenueBnPerYear: p.revenueBnPerYear * share,
          expenditureBnPerYear: p.expenditureBnPerYear * share,
          investmentBnPerYear: p.investmentBnPerYear * share,
          quarterEndSurge: p.quarterEndSurge,
          decemberSurge: p.decemberSurge,
        },
      },
      ctx.seed,
    );
  });
}
