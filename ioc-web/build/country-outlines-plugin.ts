import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import { roundRing, unwrapRing, type Ring } from '../src/geo/unwrap-longitudes.ts';

const VIRTUAL_ID = 'virtual:country-outlines';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** ISO 3166 numeric ids as used by world-atlas: Vietnam and its neighbour on the province border. */
const DEFAULT_COUNTRY_IDS = ['704', '116'];

interface OutlineOptions {
  countryIds?: string[];
  /** world-atlas resolution; 50m follows the Cambodian border closely enough at province zoom. */
  resolution?: '50m' | '110m';
}

/**
 * Emits `virtual:country-outlines`: a GeoJSON FeatureCollection of only the countries the wall
 * needs, so the bundle carries a few KB instead of the whole 750 KB world topology.
 */
export function countryOutlinesPlugin(options: OutlineOptions = {}): Plugin {
  const ids = new Set(options.countryIds ?? DEFAULT_COUNTRY_IDS);
  const resolution = options.resolution ?? '50m';
  return {
    name: 'ioc-country-outlines',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const require = createRequire(import.meta.url);
      const file = require.resolve(`world-atlas/countries-${resolution}.json`);
      const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
      const countries = topology.objects.countries;
      const selected = { ...countries, geometries: countries.geometries.filter((g) => ids.has(String(g.id))) };
      const collection = feature(topology, selected);
      const features = collection.features.map((f) => ({
        type: 'Feature' as const,
        id: String(f.id),
        properties: { id: String(f.id), name: f.properties?.name ?? '' },
        geometry: toMultiPolygon(f.geometry),
      }));
      return `export default ${JSON.stringify({ type: 'FeatureCollection', features })};`;
    },
  };
}

type Polygonal = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

function toMultiPolygon(geometry: unknown): { type: 'MultiPolygon'; coordinates: Ring[][] } {
  const g = geometry as Polygonal | null;
  const polygons: Ring[][] = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((polygon) => polygon.map((ring) => roundRing(unwrapRing(ring), 3))),
  };
}
