import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { Store } from './store.js';
import { Repositories } from './repositories.js';
import { withoutFlush } from './sqlite-durability.js';
import { withStatementCache } from './sqlite-statements.js';
import { GroupCommit } from './sqlite-group-commit.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
import { BufferedNonceRegistry } from './nonces.js';

export const SQLITE_FILE = 'rdcontacts.sqlite';

/**
 * Opens (creating if needed) the embedded store: one SQLite file in WAL mode with synchronous=FULL, so a
 * write acknowledged to a client is on disk before the answer leaves, and survives kill -9 or power loss.
 */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(resolve(dataDir), SQLITE_FILE);
  ownerOnly(file);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  const store = new SqliteStore(db, await nonceRegistryAfterMigration(db), async () => {
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

/**
 * Makes the database file (created empty if new) and its WAL files readable by the owner alone: SQLite
 * gives the -wal and -shm files it creates the mode of the database file.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, file + '-wal', file + '-shm']) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * The SQLite store: transactions share commits (sqlite-group-commit.ts), and leases are written without
 * their own flush to disk (sqlite-durability.ts says why both are safe).
 */
class SqliteStore extends Store {
  private readonly groupCommit: GroupCommit;

  constructor(
    private readonly connection: Kysely<Database>,
    nonces: BufferedNonceRegistry,
    release: () => Promise<void>,
  ) {
    super(connection, 'sqlite', nonces, release);
    // Every commit also writes the nonces claimed so far: an acknowledged write's nonce survives a crash.
    this.groupCommit = new GroupCommit(connection, (conn) => nonces.writeIn(conn));
  }

  override transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.groupCommit.run((conn) => work(new Repositories(conn, 'sqlite')));
  }

  override ephemeral<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return withoutFlush(this.connection, (conn) => work(new Repositories(conn, 'sqlite')));
  }
}
