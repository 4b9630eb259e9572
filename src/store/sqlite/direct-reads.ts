import type { SqliteDatabase } from 'kysely';
import type { Classify } from '../classified-driver.js';
import type { DirectRead } from '../repositories/compiled.js';

/** Only these run directly: a write outside the group commit could commit with synchronous=NORMAL (durability.ts). */
const READ = /^\s*select\b/i;

/**
 * The SQLite store's direct reads (repositories/compiled.ts): a SELECT runs on the connection at once, with
 * the cached statement, instead of through Kysely's executor and its connection mutex (promises, a connection
 * object per query): most of what a point read costs. Safe only while the connection is not `busy`: the
 * group commit holds it across turns of the event loop, and a read then would see its uncommitted rows, or
 * committed ones not yet on disk (group-commit.ts); so meanwhile the read answers undefined and goes through
 * Kysely, which waits for the connection as before. Otherwise the statement runs to its end before anything
 * else can use the connection (node:sqlite and better-sqlite3 are synchronous), and reads what is durable.
 */
export function directReads(database: SqliteDatabase, busy: () => boolean, classify: Classify): DirectRead {
  return (sql, parameters) => {
    if (busy() || !READ.test(sql)) return undefined;
    try {
      return database.prepare(sql).all(parameters);
    } catch (err) {
      throw classify(err);
    }
  };
}
