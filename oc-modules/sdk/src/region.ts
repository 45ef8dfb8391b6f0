export type RegionLevel = 'province' | 'district' | 'commune';

export interface RegionSummary {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  name: string;
  /** Approximate centre [lon, lat]. */
  center: [number, number];
}
