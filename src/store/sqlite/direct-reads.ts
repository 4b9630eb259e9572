import type { SqliteDatabase } from 'kysely';
import type { Classify } from '../classified-driver.js';
import { isRead, type DirectRead } from '../repositories/compiled.js';

/**
 * The SQLite store's direct reads (repositories/compiled.ts): a SELECT runs on the connection at once, with
 * the cached statement, instead of through Kysely's executor and its connection mutex (promises, a connection
 * object per query): most of what a point read costs. Safe only while no transaction is open on the
 * connection: the group commit holds one across turns of the event loop, and a read then would see its
 * uncommitted rows; so while one is open the read answers undefined and goes through Kysely, which waits
 * for the connection as before. With none open, the statement runs to its end before anything else can use
 * the connection (node:sqlite and better-sqlite3 are synchronous), and reads what is committed. Only reads:
 * a write outside the group commit could commit with synchronous=NORMAL (durability.ts).
 */
export function directReads(database: SqliteDatabase, connection: { readonly inTransaction: boolean }, classify: Classify): DirectRead {
  return (sql, parameters) => {
    if (connection.inTransaction || !isRead(sql)) return undefined;
    try {
      return database.prepare(sql).all(parameters);
    } catch (err) {
      throw classify(err);
    }
  };
}
