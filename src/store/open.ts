import { ConfigError, type Config } from '../config.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/** Opens the store the config names: PostgreSQL when RDC_DATABASE_URL is set, else the embedded SQLite file. */
export async function openStore(config: Config): Promise<Store> {
  if (config.databaseUrl !== undefined) {
    throw new ConfigError('RDC_DATABASE_URL is set, but the PostgreSQL store is not available in this version yet; unset it to use the embedded SQLite store');
  }
  try {
    return await openSqliteStore(config.dataDir);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot open the SQLite store in ${config.dataDir}: ${(err as Error).message}`);
  }
}
