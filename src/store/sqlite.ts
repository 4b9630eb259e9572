import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { Store } from './store.js';
import { BufferedNonceRegistry } from './nonces.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';

export const SQLITE_FILE = 'rdcontacts.sqlite';

/**
 * Opens (creating if needed) the embedded store: one SQLite file in WAL mode with synchronous=FULL, so a
 * write acknowledged to a client is on disk before the answer leaves, and survives kill -9 or power loss.
 */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(resolve(dataDir), SQLITE_FILE);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  const store = new Store(db, 'sqlite', await nonceRegistryAfterMigration(db), async () => {
    await db.destroy();
  });
  return store;

  async function nonceRegistryAfterMigration(kysely: Kysely<Database>) {
    // The nonce registry reads its table, so the schema must exist first.
    const bootstrap = new Store(kysely, 'sqlite', { claim: async () => true, close: async () => {} }, async () => {});
    await bootstrap.migrate();
    return BufferedNonceRegistry.open(kysely);
  }
}
