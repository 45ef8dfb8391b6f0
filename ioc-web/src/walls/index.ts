import main from './main.json';
import map from './map.json';
import type { WallLayout } from './wall-layout';

/** Wall layouts by id (`/wall/:id`). Sector modules will contribute more later. */
export const wallLayouts: ReadonlyMap<string, WallLayout> = new Map([[main.id, main as WallLayout], [map.id, map as WallLayout]]);
