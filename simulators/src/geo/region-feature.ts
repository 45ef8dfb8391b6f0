import type { RegionLevel, RegionSummary } from '@ioc/sdk';
import type { PolygonCoordinates } from './polygon.js';
import type { CommuneType, DistrictType } from './binh-phuoc-units.js';

export interface RegionProperties extends RegionSummary {
  level: RegionLevel;
  /** ASCII English name, e.g. "Tan Phu Ward". */
  nameEn: string;
  unitType: 'province' | DistrictType | CommuneType;
  /** Area of the generated polygon, km² (close to the real area for districts). */
  areaKm2: number;
  /** The boundary is generated for the demo, not surveyed. */
  approximate: true;
}

export interface RegionFeature {
  type: 'Feature';
  properties: RegionProperties;
  geometry: { type: 'Polygon'; coordinates: PolygonCoordinates };
}

export interface RegionCollection {
  type: 'FeatureCollection';
  note: string;
  features: RegionFeature[];
}
