import type { RegistrationOfficeProfile } from '../../model/source-profile.js';
import { hashSeed, seededRandom } from '../../random/seeded-random.js';
import { Memo, poisson, sampleHour } from '../arrivals.js';
import { dayStartMs, isWorkingDay, localDay } from '../calendar.js';
import { OFFICE_AFTERNOON, OFFICE_WORK } from '../daily-rhythms.js';
import type { MetricContext, Metrics } from './metric-context.js';

/** A project licensed on a day: when, foreign or domestic, and its registered capital. */
export interface LicensedProject {
  atMs: number;
  foreign: boolean;
  capitalMusd: number;
  /** Investor's country for FDI projects. */
  country?: string;
  seq: number;
}

interface RegistrationDay {
  /** Hours at which enterprises were registered, sorted. */
  enterprises: number[];
  projects: LicensedProject[];
}

/** Working days in a year, roughly: yearly counts are spread over these. */
const WORKING_DAYS = 248;
/** Where Bình Phước's FDI comes from, weighted (Korea, Taiwan, China, Japan, Singapore, Hong Kong, ...). */
const COUNTRIES: Array<[string, number]> = [['KR', 0.25], ['TW', 0.2], ['CN', 0.2], ['JP', 0.1], ['SG', 0.08], ['HK', 0.07], ['US', 0.04], ['DE', 0.03], ['TH', 0.03]];
const memo = new Memo<RegistrationDay>(5000);

function pickWeighted(u: number, items: Array<[string, number]>): string {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = u * total;
  for (const [name, w] of items) {
    if (x < w) return name;
    x -= w;
  }
  return items[items.length - 1]?.[0] ?? '';
}

/** A lognormal draw with the given mean and log-spread. */
const lognormal = (normal: number, mean: number, sigma: number): number => Math.exp(Math.log(mean) - (sigma * sigma) / 2 + sigma * normal);

/** What the desk registers and licenses on a local day: a pure function of the desk and the day. */
export function registrationDay(p: RegistrationOfficeProfile & { noiseSeed: number }, dayIndex: number): RegistrationDay {
  return memo.get(`${p.noiseSeed}|${dayIndex}`, () => {
    if (!isWorkingDay(localDay(dayIndex))) return { enterprises: [], projects: [] };
    const random = seededRandom(hashSeed(p.noiseSeed, 'registration', dayIndex));
    const enterprises = Array.from({ length: poisson(random, p.enterprisesPerYear / WORKING_DAYS) }, () => sampleHour(random, OFFICE_WORK)).sort((a, b) => a - b);
    const domestic = poisson(random, p.domesticProjectsPerYear / WORKING_DAYS);
    const foreign = poisson(random, p.fdiProjectsPerYear / WORKING_DAYS);
    const start = dayStartMs(dayIndex);
    const projects: LicensedProject[] = [];
    for (let k = 0; k < domestic + foreign; k++) {
      const isForeign = k >= domestic;
      const hour = sampleHour(random, OFFICE_AFTERNOON);
      // FDI: lognormal around the profile's mean, a few above 100 million USD; domestic projects
      // average about 100 bn VND (4 million USD).
      const capital = isForeign ? Math.min(1500, lognormal(random.normal(0, 1), p.fdiMusdPerProject, 1.1)) : Math.min(400, lognormal(random.normal(0, 1), 4, 1));
      projects.push({
        atMs: start + Math.round(hour * 3_600_000),
        foreign: isForeign,
        capitalMusd: Math.round(capital * 100) / 100,
        ...(isForeign ? { country: pickWeighted(random.next(), COUNTRIES) } : {}),
        seq: 0,
      });
    }
    projects.sort((a, b) => a.atMs - b.atMs).forEach((proj, k) => (proj.seq = k + 1));
    return { enterprises, projects };
  });
}

/** Counters since local midnight from the registration portals. */
export function registrationOfficeMetrics(p: RegistrationOfficeProfile & { noiseSeed: number }, ctx: MetricContext): Metrics {
  const day = registrationDay(p, ctx.local.dayIndex);
  const licensed = day.projects.filter((proj) => proj.atMs <= ctx.atMs);
  return {
    enterprises_registered_today: day.enterprises.filter((h) => h <= ctx.local.hour).length,
    projects_registered_today: licensed.length,
    fdi_registered_today_musd: licensed.filter((proj) => proj.foreign).reduce((s, proj) => s + proj.capitalMusd, 0),
  };
}

/** Projects licensed in (fromMs, toMs]. */
export function projectsLicensed(p: RegistrationOfficeProfile & { noiseSeed: number }, fromMs: number, toMs: number, dayIndexOf: (ms: number) => number): LicensedProject[] {
  const out: LicensedProject[] = [];
  for (let d = dayIndexOf(fromMs); d <= dayIndexOf(toMs); d++) {
    for (const proj of registrationDay(p, d).projects) if (proj.atMs > fromMs && proj.atMs <= toMs) out.push(proj);
  }
  return out;
}
