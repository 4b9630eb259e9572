import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A query of the hot paths built and compiled once per dialect instead of on every call: for a point read
 * Kysely's builder and compiler cost more than SQLite takes to run it. `build` is called once, with
 * placeholder arguments; each call then runs the same SQL with its own arguments in their places. Only for
 * queries whose shape never depends on the arguments (no `in` lists of varying length, no optional clauses);
 * `build` must pass its arguments on as values only (they are placeholder strings then, whatever their type).
 */
export function compiledOnce<Row, Args extends unknown[]>(build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>, options: { keptUntilWriteTo?: readonly TableName[]; pointRead?: true } = {}) {
  // Keyed by the dialect's adapter: a transaction's Kysely shares its database's.
  const compiled = new WeakMap<object, { sql: string; slots: Array<number | { value: unknown }> }>();
  return async (db: Kysely<Database>, ...args: Args): Promise<Row[]> => {
    const adapter = db.getExecutor().adapter;
    let query = compiled.get(adapter);
    if (!query) {
      const placeholders = args.map((_, i) => `\u0000placeholder ${i}\u0000`) as Args;
      const { sql, parameters } = build(db, ...placeholders).compile();
      // Each parameter is an argument (by position) or a constant of the query.
      const slots = parameters.map((p) => {
        const i = placeholders.indexOf(p as string);
        return i >= 0 ? i : { value: p };
      });
      query = { sql, slots };
      compiled.set(adapter, query);
      if (options.keptUntilWriteTo) keepUntilWriteTo(sql, options.keptUntilWriteTo);
      if (options.pointRead) markPointRead(sql);
    }
    const parameters = query.slots.map((slot) => (typeof slot === 'number' ? args[slot] : slot.value));
    return runCompiled<Row>(db, query.sql, parameters);
  };
}

/**
 * Runs a read without Kysely's executor (at once on SQLite, on a pooled connection on PostgreSQL), or answers
 * undefined when it cannot now: then the caller goes through Kysely (which waits for the connection). A store
 * registers one for its own Kysely instance (allowDirectReads); a transaction's instance has none, so a
 * transaction's reads stay on its connection.
 */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | Promise<unknown[]> | undefined;

const directReads = new WeakMap<Kysely<Database>, DirectRead>();

const SELECT = /^\s*select\b/i;

/** Whether compiled SQL only reads: the stores run only those directly. */
export function isRead(sql: string): boolean {
  return SELECT.test(sql);
}

export function allowDirectReads(db: Kysely<Database>, read: DirectRead): void {
  directReads.set(db, read);
}

export type TableName = keyof Database & string;

/**
 * The SQL texts of compiled reads whose rows a store that sees every write may keep in memory until a write
 * to one of the tables they read (the SQLite store: sqlite/read-memo.ts), with those tables: the hot reads,
 * of rows read far more often than written. The tables must be every table the text reads.
 */
const keptTexts = new Map<string, readonly TableName[]>();

export function keepUntilWriteTo(sql: string, tables: readonly TableName[]): void {
  keptTexts.set(sql, tables);
}

export function keptUntilWriteTo(sql: string): readonly string[] | undefined {
  return keptTexts.get(sql);
}

/**
 * The SQL texts of compiled point reads: at most a row or two by key, with no order or limit of their own, and
 * every parameter a string. A store whose every read is a round trip may answer the callers of one such text
 * in one statement (postgres/batched-reads.ts).
 */
const pointReadTexts = new Set<string>();

export function markPointRead(sql: string): void {
  pointReadTexts.add(sql);
}

export function isPointRead(sql: string): boolean {
  return pointReadTexts.has(sql);
}

/**
 * Every SQL text runCompiled has run: the compiled queries', a set bounded by the code (each is built once, not
 * from a request's values). PostgreSQL prepares these once per connection (postgres/prepared.ts).
 */
const compiledTexts = new Set<string>();

export function isCompiledSql(sql: string): boolean {
  return compiledTexts.has(sql);
}

/** The rows of compiled SQL: directly where the store allows it (the hot point reads), else through Kysely. */
export async function runCompiled<Row>(db: Kysely<Database>, sql: string, parameters: unknown[]): Promise<Row[]> {
  compiledTexts.add(sql);
  const rows = directReads.get(db)?.(sql, parameters);
  if (rows) return (await rows) as Row[];
  return (await db.executeQuery<Row>(CompiledQuery.raw(sql, parameters) as CompiledQuery<Row>)).rows;
}

/**
 * An INSERT of rows into `table`, compiled once per number of rows: for inserts whose row count is small and
 * bounded (a contact's message types, its one or two pending verifications). Each row gives the values of
 * `columns`, in that order.
 */
export function compiledInsert<T extends keyof Database & string>(table: T, columns: readonly string[]) {
  const bySize = new Map<number, (db: Kysely<Database>, ...values: unknown[]) => Promise<unknown[]>>();
  return async (db: Kysely<Database>, rows: ReadonlyArray<readonly unknown[]>): Promise<void> => {
    let insert = bySize.get(rows.length);
    if (!insert) {
      const size = rows.length;
      insert = compiledOnce((kysely, ...values: unknown[]) =>
        kysely.insertInto(table).values(Array.from({ length: size }, (_, r) => Object.fromEntries(columns.map((column, c) => [column, values[r * columns.length + c]]))) as never),
      );
      bySize.set(size, insert);
    }
    await insert(db, ...rows.flat());
  };
}
