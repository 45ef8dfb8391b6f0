import { loadConfig } from '../config/config.js';
import { openDatabase, type Database } from '../engine/db/index.js';

export const EMBEDDED_NOTE = 'embedded PGlite under DATA_DIR can only be opened while the IOC server is stopped (it holds DATA_DIR/ioc.lock); with a running server use GET /api/v1/audit/verify or /api/v1/audit/export';

/** Opens the database the server would use (same env: DATABASE_URL, or the embedded DATA_DIR). */
export async function openForCli(): Promise<Database> {
  const config = loadConfig(process.env);
  try {
    return await openDatabase(config);
  } catch (err) {
    const msg = (err as Error).message;
    throw new Error(config.database.url ? msg : `${msg} — ${EMBEDDED_NOTE}`);
  }
}

export function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
