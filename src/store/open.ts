import { ConfigError, redactSecrets, type Config } from '../config.js';
import { openSqliteStore } from './sqlite/open.js';
import { openPostgresStore } from './postgres/open.js';
import type { Store } from './store.js';
import type { StoreTimings } from '../metrics/metrics.js';

export interface StoreHooks {
  /** Told when a pooled PostgreSQL connection fails (the pool replaces it). */
  onConnectionError?: (err: Error) => void;
  /** Told how long transactions and commits take (the server's metrics). */
  timings?: StoreTimings;
  /** Told when SQLite's checkpointer thread failed (the store's connection checkpoints by itself from then on). */
  onCheckpointerFailure?: (err: Error) => void;
}

/** Opens the store the config names: PostgreSQL when RDC_DATABASE_URL is set, else the embedded SQLite file. */
export async function openStore(config: Config, hooks: StoreHooks = {}): Promise<Store> {
  const { onConnectionError, timings, onCheckpointerFailure } = hooks;
  if (config.databaseUrl !== undefined) {
    try {
      return await openPostgresStore({ url: config.databaseUrl, poolSize: config.databasePoolSize, ...(onConnectionError && { onConnectionError }), ...(timings && { timings }) });
    } catch (err) {
      throw new ConfigError(redactSecrets(`cannot open the PostgreSQL store at ${config.databaseUrl} (RDC_DATABASE_URL): ${describe(err)}`));
    }
  }
  try {
    return await openSqliteStore(config.dataDir, { ...(timings && { timings }), ...(onCheckpointerFailure && { onCheckpointerFailure }) });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot open the SQLite store in ${config.dataDir}: ${describe(err)}`);
  }
}

function describe(err: unknown): string {
  const e = err as Error & { code?: string; errors?: Error[] };
  // A refused connection to localhost is an AggregateError (IPv4 and IPv6) without a message of its own.
  const message = e.message || e.errors?.map((x) => x.message).join('; ') || String(err);
  return e.code && !message.includes(e.code) ? `${e.code} ${message}` : message;
}
