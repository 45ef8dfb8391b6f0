import { asciiFold } from './ascii-slug.js';
import { COMMUNE_TYPE_NAME, DISTRICT_TYPE_NAME, DISTRICTS, PROVINCE, type DistrictUnit } from './binh-phuoc-units.js';
import { polygonAreaKm2, type PolygonCoordinates, type Position } from './polygon.js';
import { PROVINCE_OUTLINE } from './province-outline.js';
import type { RegionCollection, RegionFeature, RegionProperties } from './region-feature.js';
import { communeId, districtId } from './region-ids.js';
import { cleanupLayer } from './raster/cleanup-layer.js';
import { deepestCells } from './raster/deepest-cells.js';
import { Grid, OUTSIDE } from './raster/grid.js';
import { powerPartition, type PartitionSite } from './raster/power-partition.js';
import { rasterizeMask } from './raster/rasterize-mask.js';
import { round4, smoothRing } from './raster/smooth-ring.js';
import { junctionVertices, traceOutlines } from './raster/trace-outlines.js';
import { hashSeed, seededRandom, type Random } from '../random/seeded-random.js';

export const REGIONS_NOTE =
  'Boundaries are approximate polygons generated for the IOC demo (simulators/src/geo/generate-regions.ts: a noisy, ' +
  'area-weighted Voronoi partition around approximate seats); they are not survey data and must not be used for any ' +
  'administrative or legal purpose. Units follow the structure before the 2025 reorganisation: 11 district-level units ' +
  'and 111 communes, wards and townships.';

/** Grid of 0.004° (~440 m) cells over the province with a margin, aligned so coordinates stay 4-decimal exact. */
const grid = new Grid(106.36, 11.24, 0.004, 295, 275);

export interface BuildRegionsOptions {
  seed?: number;
}

/** Builds the whole region hierarchy: province, districts tiling it, communes tiling each district. */
export function buildRegionCollection(options: BuildRegionsOptions = {}): RegionCollection {
  const seed = options.seed ?? 2024;
  const random = seededRandom(seed);
  const province = rasterizeMask(grid, PROVINCE_OUTLINE, { seed: hashSeed(seed, 'province'), amplitude: 0.03, scale: 0.1 });
  const districts = partitionDistricts(province, seed);
  const communes = partitionCommunes(districts, seed, random.fork('communes'));

  const junctions = junctionVertices(grid, communes.labels);
  const polygonOf = (labels: Int32Array) =>
    new Map(traceOutlines(grid, labels).map((r) => [r.label, r.rings.map((ring) => smoothRing(grid, ring, junctions))]));
  const provincePolygon = polygonOf(province).get(0) as PolygonCoordinates;
  const districtPolygons = polygonOf(districts);
  const communePolygons = polygonOf(communes.labels);
  const provinceCenter = grid.cellCenter(deepestCells(grid, province).get(0) as number);
  const communeCenters = deepestCells(grid, communes.labels);

  const features: RegionFeature[] = [
    feature(
      { id: PROVINCE.id, parentId: null, level: 'province', name: `Tỉnh ${PROVINCE.baseName}`, nameEn: `${asciiFold(PROVINCE.baseName)} Province`, unitType: 'province', center: provinceCenter },
      provincePolygon,
    ),
  ];
  DISTRICTS.forEach((d, k) => {
    const type = DISTRICT_TYPE_NAME[d.type];
    features.push(
      feature(
        { id: districtId(d), parentId: PROVINCE.id, level: 'district', name: `${type.vi} ${d.baseName}`, nameEn: `${asciiFold(d.baseName)} ${type.en}`, unitType: d.type, center: d.center },
        districtPolygons.get(k) as PolygonCoordinates,
      ),
    );
  });
  communes.units.forEach((u, label) => {
    const type = COMMUNE_TYPE_NAME[u.type];
    features.push(
      feature(
        {
          id: communeId(u.district, u.baseName),
          parentId: districtId(u.district),
          level: 'commune',
          name: `${type.vi} ${u.baseName}`,
          nameEn: `${asciiFold(u.baseName)} ${type.en}`,
          unitType: u.type,
          center: grid.cellCenter(communeCenters.get(label) as number),
        },
        communePolygons.get(label) as PolygonCoordinates,
      ),
    );
  });
  const ids = features.map((f) => f.properties.id);
  const duplicate = ids.find((id, k) => ids.indexOf(id) !== k);
  if (duplicate) throw new Error(`duplicate region id ${duplicate}`);
  return { type: 'FeatureCollection', note: REGIONS_NOTE, features };
}

function feature(props: Omit<RegionProperties, 'approximate' | 'areaKm2'>, polygon: PolygonCoordinates): RegionFeature {
  const center: [number, number] = [round4(props.center[0]), round4(props.center[1])];
  return {
    type: 'Feature',
    properties: { ...props, center, areaKm2: Math.round(polygonAreaKm2(polygon) * 10) / 10, approximate: true },
    geometry: { type: 'Polygon', coordinates: polygon },
  };
}

/** Districts: a power diagram around the given seats, sized by the real district areas. */
function partitionDistricts(province: Int32Array, seed: number): Int32Array {
  const cells = insideCells(province, 0);
  const totalArea = DISTRICTS.reduce((s, d) => s + d.areaKm2, 0);
  const locked = new Uint8Array(grid.size);
  const sites: PartitionSite[] = DISTRICTS.map((d) => {
    const cell = grid.cellContaining(d.center);
    if (province[cell] !== 0) throw new Error(`seat of ${d.baseName} lies outside the province outline`);
    // Lock the seat and its ring of cells so smoothing cannot shave the seat point off.
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) locked[cell + dj * grid.nx + di] = 1;
    return { cell, targetCells: (cells.length * d.areaKm2) / totalArea, movable: false };
  });
  const { assignment } = powerPartition(grid, cells, sites, {
    iterations: 150,
    lloydIterations: 0,
    warp: { seed: hashSeed(seed, 'districts'), amplitude: 0.045, scale: 0.15 },
  });
  const labels = new Int32Array(grid.size).fill(OUTSIDE);
  cells.forEach((c, k) => (labels[c] = assignment[k]));
  sites.forEach((s, k) => {
    for (let dj = -1; dj <= 1; dj++) for (let di = -1; di <= 1; di++) labels[s.cell + dj * grid.nx + di] = k;
  });
  cleanupLayer(grid, { labels, locked, parentOf: () => 0 });
  return labels;
}

interface CommuneUnit {
  district: DistrictUnit;
  baseName: string;
  type: 'ward' | 'township' | 'commune';
}

/**
 * Communes: inside each district, the seat unit sits at the district seat, other wards and
 * townships ring it (urban units are small), rural communes are spread over the rest by
 * farthest-point sampling and Lloyd relaxation. Real commune positions are not modelled.
 */
function partitionCommunes(districts: Int32Array, seed: number, random: Random): { labels: Int32Array; units: CommuneUnit[] } {
  const labels = new Int32Array(grid.size).fill(OUTSIDE);
  const locked = new Uint8Array(grid.size);
  const units: CommuneUnit[] = [];
  const districtOfUnit: number[] = [];
  DISTRICTS.forEach((district, k) => {
    const cells = insideCells(districts, k);
    const shares = district.communes.map((c) => urbanShare(district, c.type));
    const totalShare = shares.reduce((a, b) => a + b, 0);
    const siteCells = placeCommuneSites(district, cells, shares, random.fork(district.code));
    const sites: PartitionSite[] = siteCells.map((cell, s) => ({
      cell,
      targetCells: (cells.length * shares[s]) / totalShare,
      movable: s > 0,
    }));
    const partition = powerPartition(grid, cells, sites, {
      iterations: 120,
      lloydIterations: 40,
      warp: { seed: hashSeed(seed, 'communes', district.code), amplitude: 0.014, scale: 0.06 },
    });
    const base = units.length;
    cells.forEach((c, i) => (labels[c] = base + partition.assignment[i]));
    partition.siteCells.forEach((cell, s) => {
      labels[cell] = base + s;
      locked[cell] = 1;
    });
    district.communes.forEach((c) => {
      units.push({ district, baseName: c.baseName, type: c.type });
      districtOfUnit.push(k);
    });
  });
  cleanupLayer(grid, { labels, locked, parentOf: (label) => districtOfUnit[label] });
  return { labels, units };
}

/** Relative size of a unit: wards of a city or town are small, townships medium. */
function urbanShare(district: DistrictUnit, type: CommuneUnit['type']): number {
  if (type === 'ward') return district.code === 'ct' ? 0.9 : 0.3;
  if (type === 'township') return 0.5;
  return 1;
}

function placeCommuneSites(district: DistrictUnit, cells: number[], shares: number[], random: Random): number[] {
  const member = new Set(cells);
  const xy = (c: number): Position => [grid.column(c) + 0.5, grid.row(c) + 0.5];
  const seat = grid.cellContaining(district.center);
  const sites = [seat];
  const urbanCount = district.communes.filter((c) => c.type !== 'commune').length;
  const totalShare = shares.reduce((a, b) => a + b, 0);
  const urbanCells = (cells.length * shares.slice(0, urbanCount).reduce((a, b) => a + b, 0)) / totalShare;
  const radius = 0.6 * Math.sqrt(urbanCells / Math.PI);
  const start = random.float(0, 2 * Math.PI);
  const [sx, sy] = xy(seat);
  for (let u = 1; u < urbanCount; u++) {
    const angle = start + (2 * Math.PI * (u - 1)) / (urbanCount - 1);
    const cell = grid.index(Math.floor(sx + radius * Math.cos(angle)), Math.floor(sy + radius * Math.sin(angle)));
    sites.push(member.has(cell) && !sites.includes(cell) ? cell : farthestCell(cells, sites, xy));
  }
  while (sites.length < district.communes.length) sites.push(farthestCell(cells, sites, xy));
  return sites;
}

function farthestCell(cells: number[], sites: number[], xy: (c: number) => Position): number {
  let best = cells[0];
  let bestDistance = -1;
  for (const c of cells) {
    const [x, y] = xy(c);
    let nearest = Infinity;
    for (const s of sites) {
      const [px, py] = xy(s);
      nearest = Math.min(nearest, (x - px) ** 2 + (y - py) ** 2);
    }
    if (nearest > bestDistance) {
      bestDistance = nearest;
      best = c;
    }
  }
  return best;
}

function insideCells(labels: Int32Array, label: number): number[] {
  const cells: number[] = [];
  for (let c = 0; c < labels.length; c++) if (labels[c] === label) cells.push(c);
  return cells;
}
