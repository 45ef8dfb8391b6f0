import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Folder of the ordered SQL migrations (`NNN_name.sql`). */
export const migrationsDir = path.join(root, 'migrations');
/** Folder of seed data (geography). */
export const seedDir = path.join(root, 'seed');
/** Seed geography of Bình Phước: GeoJSON FeatureCollection of province, districts and communes. */
export const regionsSeedFile = path.join(seedDir, 'binh-phuoc.regions.geojson');
/** Folder of the video-wall layouts shipped with the IOC (`{id}.json`); saved layouts override them. */
export const wallsSeedDir = path.join(seedDir, 'walls');
