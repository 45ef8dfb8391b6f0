import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when this module is the script node was started with (also through an npm bin symlink). */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return fs.realpathSync(script) === fs.realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
