import type { SqliteDatabase } from 'kysely';
import type { Classify } from '../classified-driver.js';
import { isRead, keptUntilWriteTo, type DirectRead } from '../repositories/compiled.js';
import type { ReadMemo } from './read-memo.js';

/**
 * The SQLite store's direct reads (repositories/compiled.ts): a SELECT runs on the connection at once, with
 * the cached statement, instead of through Kysely's executor and its connection mutex (promises, a connection
 * object per query): most of what a point read costs. Safe only while the connection is not `busy`: while a
 * transaction is open on it (the group commit's, across turns of the event loop) a read would see its
 * uncommitted rows, and while a commit is not yet flushed, rows not yet on disk (group-commit.ts); so then
 * the read answers undefined and goes through Kysely, which waits for both. Otherwise the statement runs to
 * its end before anything else can use the connection (node:sqlite and better-sqlite3 are synchronous), and
 * reads what is durable. Only reads: a write outside the group commit could commit with synchronous=NORMAL
 * (durability.ts). The reads marked keptUntilWriteTo are answered from `memo` while it holds them (read-memo.ts).
 */
export function directReads(database: SqliteDatabase, busy: () => boolean, classify: Classify, memo: ReadMemo): DirectRead {
  return (sql, parameters) => {
    if (busy() || !isRead(sql)) return undefined;
    const tables = keptUntilWriteTo(sql);
    const kept = tables && memo.rows(sql, parameters);
    if (kept) return kept;
    let rows: unknown[];
    try {
      rows = database.prepare(sql).all(parameters);
    } catch (err) {
      throw classify(err);
    }
    if (tables) memo.keep(tables, sql, parameters, rows);
    return rows;
  };
}
