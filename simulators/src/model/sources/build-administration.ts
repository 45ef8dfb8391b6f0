import { profileCount, profileParams } from '../sector-manifests.js';
import { placeOffice, provincialAndDistrictOffices, type Office } from './district-offices.js';
import { modelledSource, shareOut, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

/** The provincial office's share, the rest over the districts by population. */
function officeShares(offices: Office[], provincialShare: number): number[] {
  const hasProvince = offices.some((o) => o.provincial);
  const districts = shareOut(offices.map((o) => (o.provincial ? 0 : o.population)), hasProvince ? 1 - provincialShare : 1);
  return offices.map((o, k) => (o.provincial ? provincialShare : districts[k] ?? 0));
}

/**
 * One-stop desks (Bộ phận tiếp nhận và trả kết quả): the provincial public-service centre and
 * the desk of every district People's Committee: mc-tinh, mc-dong-xoai, ...
 */
export function buildOneStopDesks(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('one-stop-desks');
  const p = profileParams('administration', 'one-stop-desk', { dossiersPerWorkingDay: 1000, provincialShare: 0.3, resolvedShare: 0.97, inTimeShareOfResolved: 0.985 });
  const offices = takeCount(provincialAndDistrictOffices(), profileCount('administration', 'one-stop-desk', 12), 'one-stop desks');
  const shares = officeShares(offices, p.provincialShare);
  return offices.map((office, k) =>
    modelledSource(
      {
        id: `mc-${office.slug}`,
        sector: 'administration',
        kind: 'one-stop-desk',
        name: office.provincial ? 'Trung tâm Phục vụ hành chính công tỉnh Bình Phước' : `Bộ phận Một cửa UBND ${office.unitName}`,
        placement: placeOffice(ctx, office, random),
        attributes: { level: office.provincial ? 'province' : 'district' },
        behaviour: {
          behaviour: 'one-stop-desk',
          dossiersPerWorkingDay: p.dossiersPerWorkingDay * (shares[k] ?? 0),
          resolvedShare: p.resolvedShare,
          inTimeShareOfResolved: office.provincial ? p.inTimeShareOfResolved : Math.max(0, p.inTimeShareOfResolved - 0.01 * (k % 3)),
        },
      },
      ctx.seed,
    ),
  );
}

/**
 * Document management systems: the province's (its departments and agencies) and each
 * district's: vb-tinh, vb-dong-xoai, ... The province issues about 40 % of the documents.
 */
export function buildDocumentSystems(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('document-systems');
  const p = profileParams('administration', 'document-system', { documentsOutPerWorkingDay: 2000, documentsInPerOut: 2, digitalSignatureShare: 0.92 });
  const offices = takeCount(provincialAndDistrictOffices(), profileCount('administration', 'document-system', 12), 'document systems');
  const shares = officeShares(offices, 0.4);
  return offices.map((office, k) =>
    modelledSource(
      {
        id: `vb-${office.slug}`,
        sector: 'administration',
        kind: 'document-system',
        name: office.provincial ? 'Hệ thống quản lý văn bản và điều hành tỉnh Bình Phước' : `Hệ thống quản lý văn bản ${office.unitName}`,
        placement: placeOffice(ctx, office, random),
        attributes: { level: office.provincial ? 'province' : 'district' },
        behaviour: {
          behaviour: 'document-system',
          documentsOutPerWorkingDay: p.documentsOutPerWorkingDay * (shares[k] ?? 0),
          documentsInPerOut: p.documentsInPerOut,
          digitalSignatureShare: office.provincial ? Math.min(1, p.digitalSignatureShare + 0.04) : p.digitalSignatureShare,
        },
      },
      ctx.seed,
    ),
  );
}
