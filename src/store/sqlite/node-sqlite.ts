import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { rowMaker } from '../row-maker.js';

export type NodeSqliteModule = typeof import('node:sqlite');

/**
 * Node.js's node:sqlite presented as the better-sqlite3-like database Kysely's SqliteDialect expects, so the
 * store runs the same code on either library (library.ts). The differences it hides:
 * - Kysely passes the parameters as one array; node:sqlite takes them as arguments (an object as the first
 *   would be read as named parameters).
 * - `reader` (the statement returns rows, as with better-sqlite3) is whether it has result columns.
 * - node:sqlite's rows are objects without a prototype, where the rest of the server (and deepEqual in
 *   tests) expects plain objects: a statement returns arrays instead, made into plain objects by a function
 *   built once per statement from its column names (rowMaker).
 * Numbers are as with better-sqlite3: integers come back as JavaScript numbers (node:sqlite throws on one
 * beyond 2^53 where better-sqlite3 would round it; the store keeps none so large), changes and
 * lastInsertRowid as numbers. Errors are classified by errors.ts, which reads both libraries' codes.
 */
export function nodeSqliteDatabase(db: DatabaseSync): SqliteDatabase & { exec(sql: string): void; readonly inTransaction: boolean } {
  // The direct reads (direct-reads.ts) are safe only if this is known; library.ts picks runtimes that have it.
  if (typeof db.isTransaction !== 'boolean') throw new Error(`node:sqlite of Node.js ${process.version} has no DatabaseSync#isTransaction`);
  return {
    prepare: (sql: string): SqliteStatement => new NodeSqliteStatement(db.prepare(sql)),
    exec: (sql: string) => db.exec(sql),
    close: () => db.close(),
    get inTransaction() {
      return db.isTransaction;
    },
  };
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  private readonly toRow: (values: unknown) => Record<string, unknown>;

  constructor(private readonly statement: StatementSync) {
    const columns = statement.columns().map((c) => c.name);
    this.reader = columns.length > 0;
    statement.setReturnArrays(true);
    this.toRow = rowMaker(columns);
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.statement.all(...(parameters as SQLInputValue[])).map(this.toRow);
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.statement.run(...(parameters as SQLInputValue[]));
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    for (const row of this.statement.iterate(...(parameters as SQLInputValue[]))) yield this.toRow(row);
  }
}
