/** Types of tests/bench/map.mjs for the TypeScript specs that reuse its bundle measurement. */
export interface BundleSizes {
  firstChunkGzipBytes: number;
  firstChunkFiles: string[];
  mapChunkGzipBytes: number;
  mapChunksGzipBytes: number;
  mapChunkFiles: string[];
  entryHasMapLibraries: boolean;
}
export function bundleSizes(): BundleSizes;
export function benchMap(options?: { seconds?: number; n?: number; zoom?: number; width?: number; height?: number }): Promise<Record<string, unknown>>;
