import main from './main.json';
import showcase from './showcase.json';
import type { WallLayout } from './wall-layout';

/** Wall layouts by id (`/wall/:id`). Sector modules will contribute more later. */
export const wallLayouts: ReadonlyMap<string, WallLayout> = new Map([[main.id, main as WallLayout], [showcase.id, showcase as WallLayout]]);
