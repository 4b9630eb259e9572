import type { SqliteDatabase } from 'kysely';
import { isRead } from '../repositories/compiled.js';

/** Past this many kept rows (an empty answer counts as one), the memo starts again empty. */
const CAPACITY = 10_000;

/**
 * The rows of the reads marked keptUntilWriteTo their tables (repositories/compiled.ts: the caller's directory,
 * which every directory call reads; a contact with its details, and the pages and counts of the plain lists),
 * kept until a statement writes one of those tables. The directory's read cost a GetMessageContact ~13 µs of
 * CPU under load (4.6 µs in a loop alone, 0.6 from memory: docs/performance.md, sixth round), for a row that
 * changes only when a contact is added or the tree changes; a contact's read, with its read transaction's two
 * locking system calls, about as much, for rows that change far less often than they are read.
 *
 * Why it never answers a row that has changed: rows are kept only from direct reads (direct-reads.ts), which
 * run when no transaction is open on the connection and every commit is on disk, so they are committed and
 * durable; every statement that is not a read and names a kept table forgets the reads of that table as it
 * is prepared, before its transaction can commit. SQLite changes a table's rows only through statements that
 * name it, or through triggers and foreign-key actions, and the schema has none of those (a test checks it).
 * So a kept row is the database's until a write to its table begins. Writes to other tables (the nonce
 * batches every 20 ms, the audit trail) leave it kept: forgetting on every write made half the calls of a
 * 50-tenant load read their directory again. What it assumes is what the SQLite store assumes of its nonces
 * (nonces.ts): the node's process is the only one that writes its file. Rows are frozen: a caller changing
 * one would change what others read.
 */
export class ReadMemo {
  /** Kept rows by statement, then parameters, with how many rows each statement keeps. */
  private readonly kept = new Map<string, { byParameters: Map<string, unknown[]>; size: number }>();
  /** The statements kept, by each table they read: a write naming the table forgets them. */
  private readonly readersOf = new Map<string, Set<string>>();
  private size = 0;
  private readonly naming = new Map<string, RegExp>();

  /** The kept rows of `sql` with `parameters`, or undefined. */
  rows(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    return this.kept.get(sql)?.byParameters.get(keyOf(parameters));
  }

  /** Keeps `rows`, what `sql` (a read of `tables`) answered for `parameters`. */
  keep(tables: readonly string[], sql: string, parameters: readonly unknown[], rows: unknown[]): void {
    if (this.size >= CAPACITY) this.forgetAll();
    let bySql = this.kept.get(sql);
    if (!bySql) {
      this.kept.set(sql, (bySql = { byParameters: new Map(), size: 0 }));
      for (const table of tables) {
        let readers = this.readersOf.get(table);
        if (!readers) this.readersOf.set(table, (readers = new Set()));
        readers.add(sql);
      }
    }
    for (const row of rows) Object.freeze(row);
    bySql.byParameters.set(keyOf(parameters), Object.freeze(rows) as unknown[]);
    const size = Math.max(1, rows.length);
    bySql.size += size;
    this.size += size;
  }

  /** Forgets the reads of every kept table `statement` names, unless it only reads. */
  forgetWrittenBy(statement: string): void {
    if (this.size === 0 || isRead(statement)) return;
    for (const [table, readers] of this.readersOf) {
      if (!this.names(statement, table)) continue;
      for (const sql of [...readers]) this.forget(sql);
    }
  }

  /** Forgets what `sql` keeps, and that its tables have it. */
  private forget(sql: string): void {
    const bySql = this.kept.get(sql);
    if (!bySql) return;
    this.kept.delete(sql);
    this.size -= bySql.size;
    for (const [table, readers] of this.readersOf) {
      readers.delete(sql);
      if (readers.size === 0) this.readersOf.delete(table);
    }
  }

  forgetAll(): void {
    this.kept.clear();
    this.readersOf.clear();
    this.size = 0;
  }

  /** Whether `statement` names `table`, quoted or not (SQLite's names are case-insensitive). */
  private names(statement: string, table: string): boolean {
    let name = this.naming.get(table);
    if (!name) this.naming.set(table, (name = new RegExp(`\\b${table}\\b`, 'i')));
    return name.test(statement);
  }
}

function keyOf(parameters: readonly unknown[]): string {
  return parameters.length === 1 && typeof parameters[0] === 'string' ? parameters[0] : JSON.stringify(parameters);
}

/** `database` (what Kysely's driver runs its statements on), forgetting in `memo` what each statement writes. */
export function forgettingOnWrite(database: SqliteDatabase, memo: ReadMemo): SqliteDatabase {
  return {
    prepare(sql) {
      memo.forgetWrittenBy(sql);
      return database.prepare(sql);
    },
    close() {
      database.close();
    },
  };
}
