import { COMMUNE_TYPE_NAME, DISTRICTS } from '../../geo/binh-phuoc-units.js';
import { communeId, communeSlug } from '../../geo/region-ids.js';
import { placeNear } from '../placement.js';
import { populationOf } from '../population.js';
import { profileCount, profileParams } from '../sector-manifests.js';
import { modelledSource, takeCount, type BuildContext, type ModelledSource } from './modelled-source.js';

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** "1022:0.35,hotline:0.1" → [["1022", 0.35], ["hotline", 0.1]]. */
export function weightedList(text: string): Array<[string, number]> {
  return list(text).map((item) => {
    const [name, weight] = item.split(':');
    const w = Number(weight);
    return [name ?? item, Number.isFinite(w) && w > 0 ? w : 1];
  });
}

/**
 * A field-report inbox in every commune, ward and township (one per commune, at its People's
 * Committee): pa-dx-tan-phu, pa-bd-bom-bo, ... Reports arrive in proportion to the people living there.
 */
export function buildFeedbackInboxes(ctx: BuildContext): ModelledSource[] {
  const random = ctx.random.fork('feedback-inboxes');
  const p = profileParams('citizen', 'feedback-inbox', {
    reportsPerDayPer10kPeople: 1,
    channels: '1022:0.35,hotline:0.1,portal:0.2,app:0.3,zalo:0.05',
    categories: 'security,environment,urban-order,traffic,public-service,other',
    departments: 'commune,police,natural-resources,construction,transport,health',
    deadlineDays: 7,
    closedShare: 0.83,
    inTimeShareOfClosed: 0.9,
  });
  const communes = DISTRICTS.flatMap((d) => d.communes.map((c) => ({ d, c })));
  return takeCount(communes, profileCount('citizen', 'feedback-inbox', communes.length), 'commune inboxes').map(({ d, c }) => {
    const regionId = communeId(d, c.baseName);
    const people = populationOf(regionId);
    return modelledSource(
      {
        id: `pa-${d.code}-${communeSlug(d, c.baseName)}`,
        sector: 'citizen',
        kind: 'feedback-inbox',
        name: `Tiếp nhận phản ánh hiện trường – ${COMMUNE_TYPE_NAME[c.type].vi} ${c.baseName}`,
        placement: placeNear(ctx.regions, regionId, ctx.regions.get(regionId).properties.center, 0.004, random),
        attributes: { population: people, channels: weightedList(p.channels).map(([name]) => name) },
        behaviour: {
          behaviour: 'feedback-inbox',
          reportsPerDay: (people / 10_000) * p.reportsPerDayPer10kPeople,
          ward: regionId,
          channels: weightedList(p.channels),
          categories: list(p.categories),
          departments: list(p.departments),
          deadlineDays: p.deadlineDays,
          closedShare: p.closedShare,
          inTimeShareOfClosed: p.inTimeShareOfClosed,
        },
      },
      ctx.seed,
    );
  });
}
