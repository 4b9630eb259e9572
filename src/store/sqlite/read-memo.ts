import type { SqliteDatabase } from 'kysely';
import { isRead } from '../repositories/compiled.js';

/** Past this many kept results (one per caller's account, for the directory), the memo starts again empty. */
const CAPACITY = 10_000;

/**
 * The rows of the reads marked keptUntilWrite (repositories/compiled.ts: the caller's directory, which every
 * directory call reads), kept from one write to the next. That read cost a GetMessageContact ~13 µs of CPU under
 * load (4.6 µs in a loop alone, 0.6 from memory: docs/performance.md, sixth round), for a row that changes
 * only when a contact is added or the tree changes.
 *
 * Why it never answers a row that has changed: rows are kept only from direct reads (direct-reads.ts), which
 * run when no transaction is open on the connection and every commit is on disk, so they are committed and
 * durable; every statement that is not a read forgets every kept row as it runs (`forgettingOnWrite`), before
 * its transaction can commit. So a kept row is the database's, until a write begins. What it assumes is what
 * the SQLite store assumes of its nonces (nonces.ts): the node's process is the only one that writes its file.
 * The audit trail's append (audit-append.ts) writes audit_events alone, which no kept read reads, and runs
 * on the connection without forgetting. Rows are frozen: a caller changing one would change what others read.
 */
export class ReadMemo {
  private kept = new Map<string, Map<string, unknown[]>>();
  private size = 0;

  /** The kept rows of `sql` with `parameters`, or undefined when it is not kept (or not to be kept). */
  rows(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    return this.kept.get(sql)?.get(keyOf(parameters));
  }

  keep(sql: string, parameters: readonly unknown[], rows: unknown[]): void {
    if (this.size >= CAPACITY) this.forget();
    let bySql = this.kept.get(sql);
    if (!bySql) this.kept.set(sql, (bySql = new Map()));
    for (const row of rows) Object.freeze(row);
    bySql.set(keyOf(parameters), Object.freeze(rows) as unknown[]);
    this.size++;
  }

  forget(): void {
    if (this.size === 0) return;
    this.kept = new Map();
    this.size = 0;
  }
}

function keyOf(parameters: readonly unknown[]): string {
  return parameters.length === 1 && typeof parameters[0] === 'string' ? parameters[0] : JSON.stringify(parameters);
}

/** `database` (what Kysely's driver runs its statements on), forgetting `memo` before every statement that is not a read. */
export function forgettingOnWrite(database: SqliteDatabase, memo: ReadMemo): SqliteDatabase {
  return {
    prepare(sql) {
      if (!isRead(sql)) memo.forget();
      return database.prepare(sql);
    },
    close() {
      database.close();
    },
  };
}
