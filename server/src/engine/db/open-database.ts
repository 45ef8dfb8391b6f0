import type { Config } from '../../config/config.js';
import type { Database } from './database.js';
import { EmbeddedDatabase } from './embedded-database.js';
import { ServerDatabase } from './server-database.js';

/** Chooses the adapter once, from the validated config. */
export async function openDatabase(config: Config): Promise<Database> {
  if (config.database.url) return ServerDatabase.connect(config.database.url, config.database.poolMax);
  return EmbeddedDatabase.open(config.dataDir);
}
