import fs from 'node:fs';
import path from 'node:path';
import { DatabaseConfigError } from './database.js';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite takes no lock on its data folder and two processes writing one folder corrupt it, so
 * the server takes an exclusive lockfile holding its pid. A lockfile of a dead process is stale
 * and taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'ioc.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new DataDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(fs.readFileSync(file, 'utf8').trim());
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
          throw new DatabaseConfigError('DATA_DIR', `${dataDir} is in use by process ${holder} (${file}); stop it or choose another DATA_DIR`);
        }
        fs.rmSync(file, { force: true });
      }
    }
    throw new DatabaseConfigError('DATA_DIR', `could not take the lock ${file}`);
  }

  release(): void {
    try {
      if (fs.readFileSync(this.file, 'utf8').trim() === String(process.pid)) fs.rmSync(this.file);
    } catch {
      /* already gone */
    }
  }
}
