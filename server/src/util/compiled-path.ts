import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Path of a compiled sibling module, for files Node must load itself (worker threads). Under
 * vitest the caller runs from `src/*.ts`, but a Worker can only start compiled JavaScript, so
 * the sibling is taken from the package's `dist/` (built by `npm test` before the suite).
 */
export function compiledSibling(callerUrl: string, fileName: string): string {
  const callerFile = fileURLToPath(callerUrl);
  const dir = path.dirname(callerFile);
  if (callerFile.endsWith('.ts')) {
    const marker = `${path.sep}src${path.sep}`;
    const at = dir.lastIndexOf(marker) >= 0 ? dir.lastIndexOf(marker) : dir.length - 4;
    return path.join(dir.slice(0, at), 'dist', dir.slice(at + marker.length), fileName);
  }
  return path.join(dir, fileName);
}
