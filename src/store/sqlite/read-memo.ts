import type { SqliteDatabase } from 'kysely';
import { isRead } from '../repositories/compiled.js';

/** Past this many kept results (one per caller's account, for the directory), the memo starts again empty. */
const CAPACITY = 10_000;

/**
 * The rows of the reads marked keptUntilWriteTo a table (repositories/compiled.ts: the caller's directory,
 * which every directory call reads), kept until a statement writes that table. That read cost a
 * GetMessageContact ~13 µs of CPU under load (4.6 µs in a loop alone, 0.6 from memory: docs/performance.md,
 * sixth round), for a row that changes only when a contact is added or the tree changes.
 *
 * Why it never answers a row that has changed: rows are kept only from direct reads (direct-reads.ts), which
 * run when no transaction is open on the connection and every commit is on disk, so they are committed and
 * durable; every statement that is not a read and names a kept table forgets what is kept as it is prepared,
 * before its transaction can commit. SQLite changes a table's rows only through statements that
 * name it, or through triggers and foreign-key actions, and the schema has none of those (a test checks it).
 * So a kept row is the database's until a write to its table begins. Writes to other tables (the nonce
 * batches every 20 ms, the audit trail) leave it kept: forgetting on every write made half the calls of a
 * 50-tenant load read their directory again. What it assumes is what the SQLite store assumes of its nonces
 * (nonces.ts): the node's process is the only one that writes its file. Rows are frozen: a caller changing
 * one would change what others read.
 */
export class ReadMemo {
  /** The tables of the kept rows: a write naming one of them forgets everything. */
  private readonly tables = new Set<string>();
  /** Kept rows by statement, then parameters (a statement reads one table). */
  private kept = new Map<string, Map<string, unknown[]>>();
  private size = 0;
  private readonly naming = new Map<string, RegExp>();

  /** The kept rows of `sql` with `parameters`, or undefined. */
  rows(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    return this.kept.get(sql)?.get(keyOf(parameters));
  }

  /** Keeps `rows`, what `sql` (a read of `table`) answered for `parameters`. */
  keep(table: string, sql: string, parameters: readonly unknown[], rows: unknown[]): void {
    if (this.size >= CAPACITY) this.forgetAll();
    this.tables.add(table);
    let bySql = this.kept.get(sql);
    if (!bySql) this.kept.set(sql, (bySql = new Map()));
    for (const row of rows) Object.freeze(row);
    bySql.set(keyOf(parameters), Object.freeze(rows) as unknown[]);
    this.size++;
  }

  /** Forgets what is kept when `statement` names a kept table, unless it only reads. */
  forgetWrittenBy(statement: string): void {
    if (this.size === 0 || isRead(statement)) return;
    for (const table of this.tables) {
      if (this.names(statement, table)) return this.forgetAll();
    }
  }

  forgetAll(): void {
    this.tables.clear();
    this.kept = new Map();
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
