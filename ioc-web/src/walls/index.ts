import main from '../../../db/seed/walls/main.json';
import province from '../../../db/seed/walls/province.json';
import map from '../../../db/seed/walls/map.json';
import showcase from '../../../db/seed/walls/showcase.json';
import type { WallLayout } from './wall-layout';

/**
 * The wall layouts shipped with the IOC (db/seed/walls, which the server serves too), so the unit
 * tests can check them against the widget registry. A page takes its layout from the `wall:{id}`
 * topic, where a layout saved through the API replaces the shipped one.
 */
export const seedWallLayouts: ReadonlyMap<string, WallLayout> = new Map([main as WallLayout, province as WallLayout, showcase as WallLayout, map as WallLayout].map((w) => [w.id, w]));
