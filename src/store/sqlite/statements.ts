import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every query shape of the repositories; `in (?, ?, …)` lists of many lengths push out the oldest. */
const CAPACITY = 500;

/**
 * The SQLite database (either library, library.ts) as Kysely's SqliteDialect sees it, but preparing each SQL
 * text once: Kysely prepares a statement per query, which costs more than running most of ours. Statements
 * are reused only one at a time (the dialect runs one query at a time on its connection), and least recently
 * used ones are dropped.
 */
export function withStatementCache(database: SqliteDatabase): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(text: string): SqliteStatement {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = database.prepare(text);
        if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
    close(): void {
      cache.clear();
      database.close();
    },
  };
}
