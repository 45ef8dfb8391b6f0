import fs from 'node:fs';
import type { Database } from '../db/database.js';

interface RegionFeature {
  properties: { id: string; parentId: string | null; level: string; name: string; nameEn?: string; center: [number, number]; approximate?: boolean };
  geometry: unknown;
}

/** Loads (or refreshes) the seed geography; idempotent, keyed by region id, parents first. */
export async function seedRegions(db: Database, file: string): Promise<number> {
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: RegionFeature[] };
  const order = { province: 0, district: 1, commune: 2 } as Record<string, number>;
  const rows = fc.features
    .map((f) => ({
      id: f.properties.id,
      parent_id: f.properties.parentId,
      level: f.properties.level,
      name: f.properties.name,
      name_en: f.properties.nameEn ?? null,
      center_lon: f.properties.center[0],
      center_lat: f.properties.center[1],
      boundary: f.geometry,
      approximate: f.properties.approximate ?? true,
    }))
    .sort((a, b) => (order[a.level] ?? 9) - (order[b.level] ?? 9));
  await db.query(
    `INSERT INTO region (id, parent_id, level, name, name_en, center_lon, center_lat, boundary, approximate)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, parent_id text, level text, name text, name_en text,
       center_lon float8, center_lat float8, boundary jsonb, approximate boolean)
     ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, level = excluded.level, name = excluded.name,
       name_en = excluded.name_en, center_lon = excluded.center_lon, center_lat = excluded.center_lat,
       boundary = excluded.boundary, approximate = excluded.approximate`,
    [JSON.stringify(rows)],
  );
  return rows.length;
}
