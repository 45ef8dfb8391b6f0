import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';
import type { HourlyCurve } from './hourly-curve.js';

/** A Poisson-distributed count (Knuth below 30, a rounded normal above). */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean > 30) return Math.max(0, Math.round(random.normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

const cumulativeRates = new WeakMap<HourlyCurve, number[]>();

/** Running sums of a curve's hourly rates (25 entries, from 0), cached per curve. */
function cumulative(rates: HourlyCurve): number[] {
  let sums = cumulativeRates.get(rates);
  if (!sums) {
    sums = [0];
    for (let h = 0; h < 24; h++) sums.push((sums[h] as number) + Math.max(0, rates[h] ?? 0));
    cumulativeRates.set(rates, sums);
  }
  return sums;
}

/** An hour of the day drawn from an hourly rate curve (rates constant within each hour). */
export function sampleHour(random: Random, rates: HourlyCurve): number {
  const sums = cumulative(rates);
  const total = sums[24] as number;
  if (total <= 0) return random.float(0, 24);
  const u = random.next() * total;
  let h = 0;
  while (h < 23 && (sums[h + 1] as number) <= u) h++;
  const r = (sums[h + 1] as number) - (sums[h] as number);
  return Math.min(23.999, h + (r > 0 ? (u - (sums[h] as number)) / r : 0));
}

/** A small least-recently-used memo, so per-day draws are not repeated for every reading. */
export class Memo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as string);
    return value;
  }
}

const arrivalsMemo = new Memo<number[]>(20_000);
const curveIds = new WeakMap<HourlyCurve, number>();
const curveId = (rates: HourlyCurve): number => {
  let id = curveIds.get(rates);
  if (id === undefined) curveIds.set(rates, (id = hashSeed(rates.join(','))));
  return id;
};

/**
 * Arrivals of one stream on one local day: how many (Poisson around `mean`) and at which
 * hours (drawn from `rates`), sorted. A pure function of (seed, day, mean), so a counter read
 * at any instant of the day agrees with every earlier reading and only grows.
 */
export function dailyArrivals(seed: number, dayIndex: number, mean: number, rates: HourlyCurve): number[] {
  return arrivalsMemo.get(`${seed}|${dayIndex}|${mean}|${curveId(rates)}`, () => {
    const random = seededRandom(hashSeed(seed, 'arrivals', dayIndex));
    const n = poisson(random, mean);
    return Array.from({ length: n }, () => sampleHour(random, rates)).sort((a, b) => a - b);
  });
}

/** How many of the sorted arrival hours are at or before `hour`. */
export function countUpTo(sortedHours: readonly number[], hour: number): number {
  let n = 0;
  while (n < sortedHours.length && (sortedHours[n] as number) <= hour) n++;
  return n;
}
