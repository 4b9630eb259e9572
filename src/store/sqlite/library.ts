import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { nodeSqliteDatabase, type NodeSqliteModule } from './node-sqlite.js';

/**
 * The SQLite library the embedded store runs on, chosen here and nowhere else.
 *
 * - `node:sqlite`, Node.js's own SQLite, wherever the runtime has it without a flag and with everything the
 *   adapter needs (StatementSync#columns: Node.js 22.16 and later, 24 and later; DatabaseSync#isTransaction came with it). Nothing to build at install,
 *   and nothing to mismatch: better-sqlite3's addon must be built for the exact runtime, against its headers
 *   (one built against Node.js 20's does not load on 24).
 * - `better-sqlite3` 12 (an optional dependency) where node:sqlite is missing or lacks them: Node.js 20 and
 *   early 22. Its failed build on a runtime that does not need it leaves `npm ci` successful. It is never
 *   opened on Node.js 24 or later: there its addon, even built against Node.js 24's headers, aborts the
 *   process when a database is freed at exit (`Assertion failed: (env) != nullptr` in Database::~Database).
 *   better-sqlite3 13 needs Node.js 22, so it cannot serve Node.js 20.
 *
 * Both are presented to Kysely's SqliteDialect as the same database (prepare, statements with all/run/iterate
 * and `reader`), so the store, its migrations, transactions and group commit are one code for both.
 * docs/decisions.md#sqlite-driver says why.
 */
export type SqliteLibrary = 'node:sqlite' | 'better-sqlite3';

/**
 * A database of either library, as Kysely's SqliteDialect uses it, plus exec() for settings (pragmas) and
 * whether a transaction is open (better-sqlite3's own property; node:sqlite's isTransaction).
 */
export interface SqliteConnection extends SqliteDatabase {
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

const require = createRequire(import.meta.url);

/** better-sqlite3 12 aborts the process at exit on Node.js 24 and later (above). */
const BETTER_SQLITE3_ABORTS = Number(process.versions.node.split('.')[0]) >= 24;

/** node:sqlite when this runtime has it unflagged and complete enough, else undefined. */
function nodeSqlite(): NodeSqliteModule | undefined {
  // undefined on Node.js 20, and on 22 before 22.13 unless --experimental-sqlite is given.
  const mod = process.getBuiltinModule?.('node:sqlite') as NodeSqliteModule | undefined;
  return typeof mod?.StatementSync?.prototype?.columns === 'function' ? mod : undefined;
}

/** The library this process's store uses: node:sqlite where usable, else better-sqlite3. */
export function sqliteLibrary(): SqliteLibrary {
  return nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';
}

/**
 * The libraries that open a database on this runtime (for tests that compare them): node:sqlite where
 * usable; better-sqlite3 before Node.js 24, where installed and its addon loads (built for this runtime).
 */
export function availableSqliteLibraries(): SqliteLibrary[] {
  const found: SqliteLibrary[] = [];
  if (nodeSqlite()) found.push('node:sqlite');
  if (BETTER_SQLITE3_ABORTS) return found;
  try {
    openSqliteDatabase(':memory:', 'better-sqlite3').close();
    found.push('better-sqlite3');
  } catch {
    // Not installed (an optional dependency), or its addon was built for another runtime.
  }
  return found;
}

/** Where `library` is loaded from, for a worker thread to load the same: better-sqlite3's package (node:sqlite is built in). */
export function sqliteModulePath(library: SqliteLibrary): string | undefined {
  return library === 'better-sqlite3' ? require.resolve('better-sqlite3') : undefined;
}

/** Opens (creating if needed) the SQLite file `file` with `library`. */
export function openSqliteDatabase(file: string, library: SqliteLibrary = sqliteLibrary()): SqliteConnection {
  if (library === 'node:sqlite') {
    const mod = nodeSqlite();
    if (!mod) throw new Error(`node:sqlite is not available on Node.js ${process.version}`);
    return nodeSqliteDatabase(new mod.DatabaseSync(file));
  }
  if (BETTER_SQLITE3_ABORTS) throw new Error(`better-sqlite3 12 is not used on Node.js ${process.version}: its addon aborts the process at exit there`);
  let Database: typeof BetterSqlite3;
  try {
    Database = require('better-sqlite3') as typeof BetterSqlite3;
  } catch (err) {
    throw new Error(`Node.js ${process.version} has no usable node:sqlite, and better-sqlite3 is not installed (npm ci installs it)`, { cause: err });
  }
  // better-sqlite3's Database and statements are already what SqliteDialect expects.
  return new Database(file) as unknown as SqliteConnection;
}
