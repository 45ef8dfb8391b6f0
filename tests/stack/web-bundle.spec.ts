/**
 * The web app's first download stays small and the map is lazy (issue #5): the chunks index.html
 * loads before anything else (its module scripts, modulepreload links and stylesheet) weigh at
 * most 1 MB gzipped, and none of them carries maplibre-gl or deck.gl — those come with the map
 * widget's chunk (ProvinceMap-*.js and the chunks it imports) when a page shows a map. Sizes measured as
 * `npm run bench:map` reports them (tests/bench/map.mjs, node:zlib level 9).
 *
 * Skipped plainly without ioc-web/dist (npm run build) unless IOC_TEST_REQUIRE_SERVICES=1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUIRE_SERVICES } from '../support/services.js';
import { repoRoot } from '../support/stack.js';
import { bundleSizes } from '../bench/map.mjs';

const dist = path.join(repoRoot, 'ioc-web/dist/index.html');
const built = fs.existsSync(dist);
if (!built && !REQUIRE_SERVICES) process.stdout.write('\n[skipped] web bundle test: ioc-web/dist is missing (npm run build).\n');

describe.runIf(built || REQUIRE_SERVICES)('web bundle', () => {
  it('keeps the entry chunk ≤ 1 MB gzipped, without the map libraries; the map comes in its own chunk', () => {
    expect(built, 'ioc-web/dist/index.html (npm run build)').toBe(true);
    const sizes = bundleSizes();
    expect(sizes.firstChunkFiles.some((f) => f.endsWith('.js'))).toBe(true);
    expect(sizes.firstChunkGzipBytes).toBeLessThanOrEqual(1024 * 1024);
    expect(sizes.entryHasMapLibraries, `entry chunks ${sizes.firstChunkFiles.join(', ')} contain maplibre/deck.gl`).toBe(false);
    // The map chunk and the chunks only it imports (shared with the incident console's map) are
    // where maplibre and deck.gl went.
    const mapSource = sizes.mapChunkFiles.map((f) => fs.readFileSync(path.join(repoRoot, 'ioc-web/dist', f), 'utf8')).join('\n');
    expect(mapSource).toMatch(/maplibre/i);
    expect(mapSource).toMatch(/deck/i);
    expect(sizes.mapChunksGzipBytes).toBeGreaterThan(100_000);
  });
});
